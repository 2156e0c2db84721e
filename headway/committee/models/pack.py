"""A generated committee pack: the files rendered from one report and its snapshot.

Files are kept in the database, not on a web server's disk, so that any web or worker
process behind the load balancer can serve them.
"""

from __future__ import annotations

import hashlib

from django.db import models

from headway.committee.models.report import Report
from headway.committee.models.snapshot import Snapshot
from headway.lib.background import BackgroundWork


class Pack(BackgroundWork):
    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being generated"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="packs")
    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="packs")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)

    class Meta(BackgroundWork.Meta):
        pass

    def __str__(self) -> str:
        return f"Pack for {self.report} ({self.get_state_display()})"


class PackFile(models.Model):
    OFFICE = "application/vnd.openxmlformats-officedocument"
    CONTENT_TYPES = {
        "report.docx": f"{OFFICE}.wordprocessingml.document",
        "appendix.pptx": f"{OFFICE}.presentationml.presentation",
        "report.html": "text/html; charset=utf-8",
        "report.pdf": "application/pdf",
        "data.json": "application/json",
    }

    pack = models.ForeignKey(Pack, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=50)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pack", "id"]
        constraints = [models.UniqueConstraint(fields=["pack", "name"], name="pack_file_unique")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def of(cls, pack: Pack, name: str, content: bytes) -> PackFile:
        return cls(
            pack=pack,
            name=name,
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
        )

    @property
    def content_type(self) -> str:
        return self.CONTENT_TYPES.get(self.name, "application/octet-stream")
