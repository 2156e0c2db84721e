"""Every committee page declares who may open it, and means it: administrators and reviewers
compose reports, an administrator asks for approval and publishes, anyone reads what is
published."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, get_resolver, reverse

from headway.accounts.models import Role
from headway.committee import permissions
from headway.committee.models import Pack, Redraft, Report
from headway.committee.tasks import queue_pack
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def committee_patterns() -> list[URLPattern]:
    resolver = get_resolver()
    [committee] = [p for p in resolver.url_patterns if getattr(p, "namespace", None) == "committee"]
    patterns: list[URLPattern] = getattr(committee, "url_patterns")  # noqa: B009
    return patterns


def sample_kwargs(report: Report, pack: Pack) -> dict[str, dict[str, Any]]:
    """Arguments for each committee URL name."""
    section = report.sections.get(key="background")
    paragraph = section.paragraphs.first()
    assert paragraph is not None
    on_report = {"pk": report.pk}
    redraft, _ = Redraft.objects.get_or_create(report=report)
    on_paragraph = {"pk": report.pk, "paragraph": paragraph.pk}
    return {
        "reports": {},
        "start_report": {},
        "report": on_report,
        "import_report": {},
        "check_import": {"token": "not-a-token"},
        "report_original": on_report,
        "edit_header": on_report,
        "redraft": on_report,
        "ask_for_approval": on_report,
        "approve": on_report,
        "reopen": on_report,
        "publish": on_report,
        "return_report": on_report,
        "withdraw_report": on_report,
        "edit_paragraph": on_paragraph,
        "remove_paragraph": on_paragraph,
        "move_paragraph": on_paragraph,
        "add_paragraph": {"pk": report.pk, "section": section.pk},
        "generate_pack": on_report,
        "pack": {"pk": report.pk, "pack": pack.pk},
        "pack_status": {"pk": report.pk, "pack": pack.pk},
        "redraft_progress": {"pk": report.pk, "redraft": redraft.pk},
        "redraft_status": {"pk": report.pk, "redraft": redraft.pk},
        "pack_file": {"pk": report.pk, "pack": pack.pk, "name": "report.pdf"},
        "published": {},
        "published_report": {"slug": report.slug},
        "published_file": {"slug": report.slug, "name": "report.pdf"},
        "published_original": {"slug": report.slug},
    }


EXPECTED = {
    "ask_for_approval": permissions.ASK_FOR_APPROVAL,
    "publish": permissions.PUBLISH,
    "approve": permissions.APPROVE,
    "reopen": permissions.REOPEN,
    "return_report": permissions.RETURN_WITH_COMMENTS,
    "withdraw_report": permissions.WITHDRAW,
    "import_report": permissions.IMPORT,
    "check_import": permissions.IMPORT,
    "published": "public",
    "published_report": "public",
    "published_file": "public",
    "published_original": "public",
}
# A report drafted in Headway has no original file to download: the public page answers that
# it is not there (an imported report's original: tests/committee/test_import_past_report_page).
NOT_THERE = {"published_original"}


def test_every_committee_page_declares_its_access() -> None:
    for pattern in committee_patterns():
        expected = EXPECTED.get(pattern.name or "", permissions.COMPOSE)
        access = getattr(pattern.callback, "access", None)
        assert access == (expected if expected == "public" else tuple(expected)), pattern.name


def test_the_sample_arguments_cover_every_page(published: Report, quick_packs: Any) -> None:
    names = {p.name for p in committee_patterns()}
    assert set(sample_kwargs(published, queue_pack(published))) == names


@pytest.mark.parametrize("role", ["lead", "partner_contact", "viewer"])
def test_members_who_do_not_compose_reports_are_refused_every_staff_page(
    role: str, published: Report, quick_packs: Any, request
) -> None:
    client = signed_in(request.getfixturevalue(role))
    samples = sample_kwargs(published, queue_pack(published))
    for pattern in committee_patterns():
        if EXPECTED.get(pattern.name or "") == "public":
            continue
        url = reverse(f"committee:{pattern.name}", kwargs=samples[pattern.name or ""])
        # A method the page does not take is refused first (405), saying nothing more.
        statuses = {client.get(url).status_code, client.post(url).status_code}
        assert statuses in ({403}, {403, 405}), url


def test_anonymous_visitors_read_only_what_is_published(
    client: Any, published: Report, quick_packs: Any
) -> None:
    samples = sample_kwargs(published, queue_pack(published))
    for pattern in committee_patterns():
        url = reverse(f"committee:{pattern.name}", kwargs=samples[pattern.name or ""])
        if pattern.name in NOT_THERE:
            expected = {404}
        elif EXPECTED.get(pattern.name or "") == "public":
            expected = {200}
        else:
            expected = {302, 405}
        assert client.get(url).status_code in expected, url


def test_the_roles_are_the_design_s() -> None:
    assert set(permissions.COMPOSE) == {Role.ADMINISTRATOR, Role.REVIEWER}
    assert set(permissions.PUBLISH) == {Role.ADMINISTRATOR}
    assert set(permissions.ASK_FOR_APPROVAL) == {Role.ADMINISTRATOR}
