"""oneSource, the councils it serves and its services."""

from __future__ import annotations

from headway.demo.records import upsert
from headway.progress.models.status import ensure_status_scale
from headway.strategy.models import Organisation, Partner, Service

ORGANISATION = {"name": "oneSource", "short_name": "one source", "slug": "onesource"}

# Short name -> full name, as the reports call them.
PARTNERS = {
    "Newham": "London Borough of Newham",
    "Havering": "London Borough of Havering",
}

# Reference prefix -> service; every service is led by "Head of <service> (demo)".
SERVICES = {
    "FIN": "Finance",
    "HR": "HR and OD",
    "LEG": "Legal and Governance",
    "ICT": "ICT",
    "PRO": "Procurement",
    "EXT": "Exchequer and Transactional Services",
    "AM": "Asset Management",
    "IA": "Internal Audit",
    "PAY": "Payroll and Pensions",
    "BS": "Business Support",
}

# The directorate each service sits in: a plausible structure for a shared back office, so
# that moving a service to another directorate can be tried in the demo.
DIRECTORATES = {
    "FIN": "Finance and Resources",
    "EXT": "Finance and Resources",
    "PAY": "Finance and Resources",
    "PRO": "Finance and Resources",
    "IA": "Finance and Resources",
    "HR": "Business Services",
    "ICT": "Business Services",
    "AM": "Business Services",
    "BS": "Business Services",
    "LEG": "Legal and Governance",
}


def load_organisation() -> Organisation:
    organisation = upsert(
        Organisation,
        {"slug": ORGANISATION["slug"]},
        {"name": ORGANISATION["name"], "short_name": ORGANISATION["short_name"]},
    )
    ensure_status_scale(organisation)
    return organisation


def load_partners(organisation: Organisation) -> dict[str, Partner]:
    """The partner councils, by short name."""
    return {
        short: upsert(Partner, {"organisation": organisation, "name": name}, {"short_name": short})
        for short, name in PARTNERS.items()
    }


def load_services(organisation: Organisation) -> dict[str, Service]:
    """The services, by reference prefix."""
    return {
        code: upsert(
            Service,
            {"organisation": organisation, "name": name},
            {"head_of_service": f"Head of {name} (demo)", "directorate": DIRECTORATES[code]},
        )
        for code, name in SERVICES.items()
    }
