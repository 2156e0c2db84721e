from headway.committee.models.committee import Committee, CommitteeMember, Meeting, ReportTemplate
from headway.committee.models.pack import Pack, PackFile
from headway.committee.models.redraft import Redraft
from headway.committee.models.report import Report, ReportParagraph, ReportSection, ReportSource
from headway.committee.models.snapshot import Snapshot, SnapshotFrozen

__all__ = [
    "Committee",
    "CommitteeMember",
    "Meeting",
    "Pack",
    "PackFile",
    "Redraft",
    "Report",
    "ReportParagraph",
    "ReportSection",
    "ReportSource",
    "ReportTemplate",
    "Snapshot",
    "SnapshotFrozen",
]
