"""``headway token create USERNAME`` and ``headway token revoke PREFIX``: API tokens from the
command line, for setting up a script where no one will open the API tokens page."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from headway.accounts.models import Membership, User
from headway.api.models import ApiToken
from headway.api.tokens import PREFIX_LENGTH, create_token, revoke_token
from headway.strategy.models import Organisation


def _organisation(user: User, slug: str | None) -> Organisation:
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    if slug:
        membership = memberships.filter(organisation__slug=slug).first()
        if membership is None:
            raise CommandError(f"{user.username} is not a member of an organisation {slug!r}.")
        return membership.organisation
    found = list(memberships.order_by("organisation__name"))
    if not found:
        raise CommandError(
            f"{user.username} has no role in any organisation: give them one in the admin first."
        )
    if len(found) > 1:
        slugs = ", ".join(m.organisation.slug for m in found)
        raise CommandError(
            f"{user.username} works in several organisations: choose one with "
            f"--organisation ({slugs})."
        )
    return found[0].organisation


class Command(BaseCommand):
    help = "Make an API token for a person (printed once), or revoke one."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Make a token and print it, once.")
        create.add_argument("username")
        create.add_argument("--name", default="Command line", help="What the token is for.")
        create.add_argument(
            "--organisation", help="The organisation's slug, for someone in several."
        )
        revoke = actions.add_parser("revoke", help="Stop a token working, for good.")
        revoke.add_argument("prefix", help="The start of the token, as the tokens page shows.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            self._create(options)
        else:
            self._revoke(options["prefix"])

    def _create(self, options: dict[str, Any]) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No one has the username {options['username']!r}.")
        organisation = _organisation(user, options["organisation"])
        try:
            new = create_token(user, organisation, options["name"])
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from None
        self.stderr.write(
            f"Token “{new.token.name}” for {user.username} in {organisation.name}. "
            "Copy it now: it is not shown again."
        )
        self.stdout.write(new.secret)

    def _revoke(self, prefix: str) -> None:
        # The whole token works too: only its prefix is compared.
        start = prefix.strip().rstrip("…")[:PREFIX_LENGTH]
        matches = list(ApiToken.objects.filter(prefix__startswith=start).select_related("user"))
        if not start or not matches:
            raise CommandError(f"No token starts with {prefix!r}.")
        if len(matches) > 1:
            raise CommandError(f"{len(matches)} tokens start with {prefix!r}: give more of it.")
        token = revoke_token(matches[0], by=matches[0].user)
        self.stdout.write(f"Revoked “{token.name}” ({token.prefix}…) of {token.user.username}.")
