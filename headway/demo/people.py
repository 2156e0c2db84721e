"""Demo users, one for each role, named by role: never invented personal names; and a lead
for each other service, so that every return has someone to answer for it."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from headway.accounts.models import Membership, Role, User
from headway.demo.organisation import SERVICES
from headway.demo.records import upsert
from headway.strategy.models import Organisation, Partner, Service

# A fixed salt makes the hash the same every run, so a second run does not rewrite the users
# and hashes once, not once per user. Acceptable only because the demo password is public.
DEMO_SALT = "headwaydemoaccountssalt1"


@dataclass(frozen=True)
class Person:
    username: str
    title: str  # the role they play, shown as their name
    role: Role
    services: tuple[str, ...] = ()  # service codes, for a service lead
    partner: str = ""  # partner short name, for a partner contact

    @property
    def name(self) -> str:
        return f"{self.title} (demo)"


PEOPLE = (
    Person("admin", "Performance Officer", Role.ADMINISTRATOR),
    Person("reviewer", "Assistant Director, Performance", Role.REVIEWER),
    Person("lead", "Head of Finance", Role.SERVICE_LEAD, services=("FIN", "EXT")),
    Person("partner", "Newham Partner Contact", Role.PARTNER_CONTACT, partner="Newham"),
    Person(
        "partner-havering", "Havering Partner Contact", Role.PARTNER_CONTACT, partner="Havering"
    ),
    Person("viewer", "Joint Committee Member", Role.VIEWER),
)
# The services the demo's service lead (username "lead") writes returns for.
LEAD_SERVICES = next(person.services for person in PEOPLE if person.username == "lead")
# Every other service has its head as its lead, as a council's would: the returns of
# initiatives nobody owns go to them, and they are chased when those returns are late.
SERVICE_LEADS = tuple(
    Person(f"lead-{code.lower()}", f"Head of {name}", Role.SERVICE_LEAD, services=(code,))
    for code, name in SERVICES.items()
    if code not in LEAD_SERVICES
)
EVERYONE = PEOPLE + SERVICE_LEADS


def lead_of(service_code: str) -> str:
    """The username of the demo user who leads a service."""
    return next(p.username for p in EVERYONE if service_code in p.services)


def load_people(
    organisation: Organisation,
    password: str,
    services: dict[str, Service],
    partners: dict[str, Partner],
) -> dict[str, User]:
    """The demo users with their memberships, by username."""
    encoded = make_password(password, salt=DEMO_SALT)
    users = {}
    for person in EVERYONE:
        email = f"{person.username}@example.org"
        user = upsert(
            User,
            {"username": person.username},
            {
                "first_name": person.title,
                "last_name": "(demo)",
                "email": email,
                "password": encoded,
                "is_active": True,
                # Django admin is the operator's (``headway createsuperuser``), not the demo's:
                # its administrator runs the organisation from Headway's own pages.
                "is_staff": False,
                "is_superuser": False,
            },
        )
        # A verified address lets them sign in by email without a confirmation message.
        upsert(EmailAddress, {"user": user, "email": email}, {"verified": True, "primary": True})
        membership = upsert(
            Membership,
            {"user": user, "organisation": organisation},
            {"role": person.role, "partner": partners[person.partner] if person.partner else None},
        )
        membership.services.set([services[code] for code in person.services])
        users[person.username] = user
    return users
