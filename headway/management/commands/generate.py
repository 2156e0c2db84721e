"""``headway generate``: add many organisations of generated data, for measuring Headway at
scale (see headway.scale.generate and ``make bench-scale``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from headway.scale.generate import GENERATED_PASSWORD, generate


def _at_least_one(text: str) -> int:
    number = int(text)
    if number < 1:
        raise ValueError(text)
    return number


class Command(BaseCommand):
    help = (
        "Add generated organisations (strategy, services, partners, people in every role, "
        "initiatives, milestones, maps and quarters of returns in every state) in bulk, the "
        "same every time for the same --seed. Users are named <organisation slug>-admin, "
        "-reviewer, -viewer, -partner-1, -lead-fin and so on; their password is "
        f"{GENERATED_PASSWORD!r} unless --password says otherwise."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisations", type=_at_least_one, default=40)
        parser.add_argument(
            "--initiatives", type=_at_least_one, default=1000, help="Per organisation."
        )
        parser.add_argument(
            "--quarters",
            type=_at_least_one,
            default=12,
            help="Quarters of returns, ending with the open one: the last quarter that ended.",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--password", default=GENERATED_PASSWORD)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = generate(
                options["organisations"],
                options["initiatives"],
                options["quarters"],
                seed=options["seed"],
                password=options["password"],
                progress=self.stdout.write if options["verbosity"] > 1 else lambda message: None,
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        counts = ", ".join(f"{number:,} {name}" for name, number in result.counts.items())
        self.stdout.write(f"Generated {counts} in {result.seconds:.1f} s.")
        first = result.organisations[0]
        self.stdout.write(
            f"Sign in as {first.administrator} (administrator) or {first.service_lead} "
            f"(service lead), password {result.password!r}; the other organisations' users "
            f"are named the same way, from {first.slug} to {result.organisations[-1].slug}."
        )
