"""``headway prune_audit``: delete audit entries older than each organisation keeps them."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from headway.audit.retention import prune


class Command(BaseCommand):
    help = (
        "Delete audit entries (changes, sign-ins, API token use, people's events) older than "
        "each organisation's retention setting (7 years unless changed on the Settings "
        "page). The nightly task does this too."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = prune()
        if not counts:
            self.stdout.write("Nothing is older than the organisations keep it.")
            return
        for key, count in sorted(counts.items()):
            self.stdout.write(f"{key}: {count} deleted")
        self.stdout.write(self.style.SUCCESS(f"Deleted {sum(counts.values())} entries."))
