"""I am the performance officer: I invite a colleague, record that the Executive Director has
left, and keep the status scale, services, partners and committees, all from Headway's own
pages. Every settings page passes axe-core, with its errors too, and reflows at 400% zoom."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from headway.accounts.models import Membership, Role
from headway.audit.models import SignInEvent
from headway.committee.models import Committee
from headway.organisation.models import OrganisationalChange
from headway.progress.models import Reminder
from headway.strategy.models import Organisation, Service
from tests.browsers import axe_violations
from tests.browsers import sign_in as browser_sign_in
from tests.conftest import PASSWORD
from tests.factories import InitiativeFactory, ReportingPeriodFactory, UpdateFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Any, live_server: Any, username: str) -> None:
    browser_sign_in(page, live_server.url, username, PASSWORD, then=None)


def check(page: Any, axe_source: str) -> None:
    """No axe violations, at desktop width and at 320 CSS pixels (400% zoom) with nothing
    needing sideways scrolling outside a table's own box."""
    assert axe_violations(page, axe_source) == [], page.url
    page.set_viewport_size({"width": 320, "height": 640})
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    assert widths[0] <= widths[1], page.url


def test_inviting_a_colleague(page, live_server, axe_source, admin_user, service: Service):
    sign_in(page, live_server, "admin")
    page.get_by_role("link", name="Settings").click()
    check(page, axe_source)
    page.get_by_role("link", name="People").click()
    check(page, axe_source)
    page.get_by_role("button", name="Invite a colleague").click()
    check(page, axe_source)

    page.get_by_role("button", name="Send invitation").click()
    page.wait_for_selector(".govuk-error-summary")
    check(page, axe_source)

    page.get_by_label("First name").fill("Head of ICT")
    page.get_by_label("Email address").fill("ict@example.org")
    page.get_by_label("Service lead", exact=True).check()
    page.get_by_label("Finance", exact=True).check()
    page.get_by_role("button", name="Send invitation").click()
    assert "invited as Service lead for Finance" in (
        page.locator(".govuk-notification-banner").inner_text()
    )
    check(page, axe_source)
    assert mail.outbox[0].to == ["ict@example.org"]
    membership = Membership.objects.get(user__email="ict@example.org")
    assert membership.role == Role.SERVICE_LEAD

    page.get_by_role("link", name="Change role").click()
    check(page, axe_source)
    page.get_by_label("Viewer", exact=True).check()
    page.get_by_role("button", name="Save role").click()
    assert (
        "Role changed from Service lead for Finance to Viewer"
        in page.locator("#record").inner_text()
    )
    page.get_by_role("button", name="Switch off account").click()
    check(page, axe_source)
    page.get_by_role("button", name="Switch off account").click()
    assert "Account switched off" in page.locator("#record").inner_text()


def test_recording_an_organisational_change(page, live_server, axe_source, admin_user, org):
    sign_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/organisation/changes/")
    check(page, axe_source)
    page.get_by_role("button", name="Record a change").click()
    page.get_by_role("button", name="Save change").click()
    page.wait_for_selector(".govuk-error-summary")
    check(page, axe_source)

    page.get_by_label("Day", exact=True).fill("1")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2021")
    page.get_by_label("Leadership").check()
    page.get_by_label("What the report says").fill("The Executive Director has left.")
    page.get_by_role("button", name="Save change").click()
    assert "2021-22 Q3" in page.locator("main").inner_text()
    check(page, axe_source)
    assert OrganisationalChange.objects.get().text == "The Executive Director has left."
    page.get_by_role("link", name="Remove the change of").click()
    check(page, axe_source)


def test_the_other_settings_pages(
    page, live_server, axe_source, admin_user, org: Organisation, service, partner
):
    committee = Committee.objects.create(organisation=org, name="Joint Committee", slug="jc")
    sign_in(page, live_server, "admin")
    for path in [
        "/settings/status-scale/",
        "/settings/status-scale/add/",
        "/settings/services/",
        "/settings/services/add/",
        f"/settings/services/{service.pk}/",
        "/organisation/changes/move-service/",
        "/organisation/changes/merge-services/",
        "/settings/partners/",
        "/settings/partners/add/",
        "/settings/committees/",
        f"/settings/committees/{committee.pk}/",
        f"/settings/committees/{committee.pk}/members/add/",
        f"/settings/committees/{committee.pk}/meetings/add/",
        f"/settings/committees/{committee.pk}/template/",
    ]:
        page.goto(f"{live_server.url}{path}")
        check(page, axe_source)
    page.goto(f"{live_server.url}/settings/status-scale/add/")
    page.get_by_role("button", name="Save status").click()
    page.wait_for_selector(".govuk-error-summary")
    check(page, axe_source)


def test_moving_the_deadline_and_naming_an_owner(
    page, live_server, axe_source, admin_user, org: Organisation, service
):
    period = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)
    initiative = InitiativeFactory.create(organisation=org, service=service, owner=None)
    sign_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/periods/{period.slug}/")
    page.get_by_role("button", name="Change the deadline").click()
    check(page, axe_source)
    page.get_by_label("Day", exact=True).fill("")
    page.get_by_role("button", name="Change the deadline").click()
    page.wait_for_selector(".govuk-error-summary")
    check(page, axe_source)
    page.get_by_label("Day", exact=True).fill("21")
    page.get_by_label("Why change it? (optional)").fill("Christmas break.")
    page.get_by_role("button", name="Change the deadline").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert "Deadline changed" in page.locator("#events").inner_text()

    page.goto(f"{live_server.url}/initiatives/{initiative.pk}/")
    page.get_by_role("link", name="Change who writes the return").click()
    check(page, axe_source)
    page.get_by_label("admin", exact=True).check()
    page.get_by_role("button", name="Save the owner").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    initiative.refresh_from_db()
    assert initiative.owner == admin_user


def test_the_reminder_schedule_and_log(
    page, live_server, axe_source, admin_user, lead, org: Organisation, service
):
    """The schedule beside the deadline, with its errors; the log of reminders, paged, on the
    period's page and the person's page, a long refusal from the mail server included."""
    period = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)
    update = UpdateFactory.create(
        initiative=InitiativeFactory.create(
            organisation=org, service=service, title="Replace the payroll system"
        ),
        period=period,
    )
    for day in range(1, 23):
        reminder = Reminder.objects.create(
            recipient=lead,
            period=period,
            kind="overdue",
            sent_on=dt.date(2022, 1, day),
            returns_count=1,
            email="lead-with-a-long-address@finance.example.org",
            status="refused" if day == 22 else "accepted",
            answer_code=550 if day == 22 else None,
            answer="5.1.1 <lead-with-a-long-address@finance.example.org>: Recipient address "
            "rejected: User unknown in virtual mailbox table"
            if day == 22
            else "",
        )
        reminder.updates.add(update)
    sign_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/periods/{period.slug}/")
    assert "Recipient address rejected" in page.locator("#reminders").inner_text()
    check(page, axe_source)
    page.get_by_role("link", name="Next").click()
    assert page.locator("#reminders tbody tr").count() == 2
    check(page, axe_source)

    page.goto(f"{live_server.url}/people/{Membership.objects.get(user=lead).pk}/")
    assert "2021-22 Q3" in page.locator("#reminders").inner_text()
    check(page, axe_source)

    page.goto(f"{live_server.url}/periods/{period.slug}/deadline/")
    page.get_by_label("Days before the deadline to remind them again").fill("30")
    page.get_by_role("button", name="Change the deadline").click()
    page.wait_for_selector(".govuk-error-summary")
    assert (
        "Enter fewer days than the first reminder"
        in page.locator(".govuk-error-summary").inner_text()
    )
    check(page, axe_source)


def test_the_audit_record(page, live_server, axe_source, admin_user, org: Organisation, service):
    initiative = InitiativeFactory.create(organisation=org, service=service, title="Payroll")
    initiative.description = "A long description. " * 40
    initiative.save()
    # Enough entries for a second page, so the pagination is checked too.
    yesterday = timezone.now() - dt.timedelta(days=1)
    SignInEvent.objects.bulk_create(
        SignInEvent(user=admin_user, succeeded=False, username="admin", at=yesterday)
        for _ in range(60)
    )
    sign_in(page, live_server, "admin")
    page.get_by_role("link", name="Settings").click()
    page.get_by_role("link", name="Audit record").click()
    assert "Payroll" in page.locator("#audit").inner_text()
    assert "Signed in" in page.locator("#audit").inner_text()
    assert page.locator(".govuk-pagination").is_visible()
    check(page, axe_source)
    page.get_by_label("Kind of record").select_option(label="Initiative")
    page.locator("#since-day").fill("40")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_selector(".govuk-error-summary")
    check(page, axe_source)
    page.locator("#since-day").fill("")
    page.get_by_role("button", name="Apply filters").click()
    page.locator("#audit").get_by_role("link", name="Payroll").first.click()
    assert "A long description." in page.locator("#changes").inner_text()
    check(page, axe_source)
    page.goto(f"{live_server.url}/audit/")
    page.get_by_role("link", name="Change how long the record is kept").click()
    check(page, axe_source)
    page.get_by_label("Keep the audit record for").fill("0")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".govuk-error-summary")
    check(page, axe_source)
    page.get_by_label("Keep the audit record for").fill("10")
    page.get_by_role("button", name="Save").click()
    assert "now kept for 10 years" in page.locator(".govuk-notification-banner").inner_text()
