"""Background work for committee packs, run by the database-backed task worker."""

from __future__ import annotations

from django_tasks import task

from headway.committee.models import Pack
from headway.committee.packs import generate_pack


@task()
def generate_pack_task(pack_id: int) -> str:
    pack = generate_pack(Pack.objects.get(pk=pack_id))
    return pack.state
