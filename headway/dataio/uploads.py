"""An upload's journey: received and checked, previewed, then confirmed and imported.

The pages call these; each takes the membership of the person acting, who must be an
administrator of the upload's organisation and, for a preview or confirmation, the person
who uploaded it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from headway.accounts.models import Membership, Role
from headway.dataio.imports import ImportFile, preview_import, run_import
from headway.dataio.models import Upload, forget_stale_uploads
from headway.dataio.preview import Preview
from headway.progress.models import ReportingPeriod


def check_may_import(membership: Membership) -> None:
    if membership.role != Role.ADMINISTRATOR:
        raise PermissionDenied("Only an administrator may import data.")


def import_file(upload: Upload, membership: Membership) -> ImportFile:
    return ImportFile(
        kind=upload.kind,
        organisation=membership.organisation,
        data=bytes(upload.content),
        filename=upload.filename,
        by=membership,
        period=upload.period,
        correction=upload.correction,
    )


def receive(
    membership: Membership,
    kind: str,
    filename: str,
    data: bytes,
    period: ReportingPeriod | None = None,
    correction: bool = False,
) -> tuple[Upload | None, Preview]:
    """Check an uploaded file. A file that cannot be read at all is not kept (``None``);
    otherwise it is held for its preview and confirmation."""
    check_may_import(membership)
    file = ImportFile(kind, membership.organisation, data, filename, membership, period, correction)
    preview = preview_import(file)
    if preview.refused_whole:
        return None, preview
    forget_stale_uploads()
    upload = Upload.objects.create(
        organisation=membership.organisation,
        kind=kind,
        period=period,
        correction=correction,
        filename=filename[:255],
        content=data,
        size=len(data),
        uploaded_by=membership.user,
        rows=len(preview.rows),
    )
    return upload, preview


def find(token: str, membership: Membership) -> Upload | None:
    """The upload the token names, if it is this person's, in this organisation, in time."""
    check_may_import(membership)
    upload_id = Upload.from_token(token)
    if upload_id is None:
        return None
    return (
        Upload.objects.filter(
            pk=upload_id,
            organisation=membership.organisation,
            uploaded_by=membership.user,
        )
        # A past committee report's upload has its own pages (headway.committee.past).
        .exclude(kind=Upload.Kind.REPORT)
        .select_related("period")
        .first()
    )


def preview(upload: Upload, membership: Membership) -> Preview:
    """What confirming would do now (the data may have changed since the upload)."""
    return preview_import(import_file(upload, membership))


def confirm(upload: Upload, membership: Membership) -> Upload:
    """Import the upload, all or nothing. Raises ``FileRefused`` if it now has problems.

    Confirming twice (a double click, the back button) imports once.
    """
    check_may_import(membership)
    with transaction.atomic():
        locked = Upload.objects.select_for_update().get(pk=upload.pk)
        if not locked.is_waiting:
            return locked
        result = run_import(import_file(locked, membership))
        locked.state = Upload.State.IMPORTED
        locked.imported_at = timezone.now()
        locked.summary = result.summary()
        locked.content = b""
        locked.save()
    return locked
