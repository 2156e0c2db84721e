"""``headway reindex``: rebuild the search index from everything Headway holds."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from headway.dataio.commandline import find_organisation
from headway.search.index import rebuild
from headway.search.registry import SOURCES
from headway.strategy.models import Organisation


class Command(BaseCommand):
    help = "Rebuild the search index (all organisations, or one with --organisation)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--organisation", help="The slug of one organisation to reindex, as import takes it."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisations = (
            [find_organisation(options["organisation"])]
            if options["organisation"]
            else Organisation.objects.order_by("name")
        )
        for organisation in organisations:
            counts = rebuild(organisation)
            listed = ", ".join(f"{SOURCES[name].label.lower()} {n}" for name, n in counts.items())
            self.stdout.write(f"{organisation.name}: {sum(counts.values())} entries ({listed})")
