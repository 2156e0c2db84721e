"""Every page of the app declares who may open it, and anonymous visitors are sent to sign
in from all but the public open data. (The sample arguments are for the site-wide
permission test, which checks every URL for every role.)"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, get_resolver, reverse

from headway.accounts.access import ALL_ROLES, STAFF_ROLES
from headway.accounts.models import Role

ADMINISTRATORS = (Role.ADMINISTRATOR,)

# URL name: (sample arguments, who may open it).
ACCESS = {
    "import_start": ({}, ADMINISTRATORS),
    "import_upload": ({"kind": "portfolio"}, ADMINISTRATORS),
    "import_template": ({"kind": "portfolio", "format": "xlsx"}, ADMINISTRATORS),
    "import_preview": ({"token": "not-a-token"}, ADMINISTRATORS),
    "import_confirm": ({"token": "not-a-token"}, ADMINISTRATORS),
    "import_status": ({"token": "not-a-token"}, ADMINISTRATORS),
    "export_portfolio": ({"format": "csv"}, ALL_ROLES),
    "export_job": ({"pk": "1"}, ALL_ROLES),
    "export_job_status": ({"pk": "1"}, ALL_ROLES),
    "export_job_file": ({"pk": "1"}, ALL_ROLES),
    "export_updates": ({"period": "2021-22-Q3", "format": "csv"}, STAFF_ROLES),
    "export_change_requests": ({"format": "csv"}, STAFF_ROLES),
    "open_data": ({"slug": "a-report"}, "public"),
    "open_data_json": ({"slug": "a-report"}, "public"),
    "open_data_csv": ({"slug": "a-report", "name": "initiatives"}, "public"),
}


def _patterns() -> dict[str, URLPattern]:
    namespace = get_resolver().namespace_dict["dataio"][1]
    return {p.name: p for p in namespace.url_patterns if isinstance(p, URLPattern) and p.name}


def test_every_page_declares_its_access():
    patterns = _patterns()
    assert set(patterns) == set(ACCESS)
    for name, pattern in patterns.items():
        assert getattr(pattern.callback, "access", None) == ACCESS[name][1], name


@pytest.mark.django_db
@pytest.mark.parametrize("name", [n for n, (_, access) in ACCESS.items() if access != "public"])
def test_anonymous_visitors_are_sent_to_sign_in(client, name):
    url = reverse(f"dataio:{name}", kwargs=ACCESS[name][0])
    method = client.post if name == "import_confirm" else client.get
    response = method(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
@pytest.mark.parametrize("name", [n for n, (_, access) in ACCESS.items() if access == "public"])
def test_public_pages_need_no_sign_in(client, name):
    # No report has this address: not found, rather than sent to sign in.
    assert client.get(reverse(f"dataio:{name}", kwargs=ACCESS[name][0])).status_code == 404
