"""A published report's open data files, made once from its frozen snapshot and stored.

The files are a pure function of the snapshot (``open_data_files``, ``open_data``), so the
first request makes them and every later one is served the stored bytes, already gzipped for
clients that take gzip. Two first requests at once both make them; one write wins, and the
bytes are the same.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable

from django.db import transaction

from headway.committee.models import Snapshot
from headway.dataio.models import StoredOpenData

JSON_NAME = "data.json"


def _made(snapshot_id: int, files: dict[str, bytes]) -> None:
    with transaction.atomic():
        StoredOpenData.objects.bulk_create(
            [
                StoredOpenData(
                    snapshot_id=snapshot_id,
                    name=name,
                    content=content,
                    # mtime=0: the same bytes every time they are made.
                    gzipped=gzip.compress(content, compresslevel=6, mtime=0),
                )
                for name, content in files.items()
            ],
            ignore_conflicts=True,
        )


def stored_file(
    snapshot: Snapshot, name: str, make: Callable[[dict], dict[str, bytes]], *, zipped: bool
) -> bytes | None:
    """The file ``name`` of the snapshot's open data, plain or gzipped; None if ``make``
    (given the snapshot's data, returning files by name) does not make one of that name."""
    field = "gzipped" if zipped else "content"
    found = (
        StoredOpenData.objects.filter(snapshot=snapshot, name=name)
        .values_list(field, flat=True)
        .first()
    )
    if found is not None:
        return bytes(found)
    data = Snapshot.objects.values_list("data", flat=True).get(pk=snapshot.pk)
    files = make(data)
    if name not in files:
        return None
    _made(snapshot.pk, files)
    content = files[name]
    return gzip.compress(content, compresslevel=6, mtime=0) if zipped else content
