"""An administrator invites a colleague, changes their role and switches their account off and
on, all from Headway's own pages; each change is on the person's page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from headway.accounts.models import Membership, PersonEvent, Role, User
from headway.strategy.models import Organisation, Partner, Service
from tests.conftest import signed_in
from tests.factories import MembershipFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def invite(client: Client, **fields: Any) -> Any:
    data = {"first_name": "Head of ICT", "last_name": "(demo)", "email": "ict@example.org"}
    data.update(fields)
    return client.post(reverse("people:invite"), data)


def test_it_invites_a_service_lead_and_emails_a_link_to_choose_a_password(
    admin_user: User, service: Service
) -> None:
    client = signed_in(admin_user)
    response = invite(client, role=Role.SERVICE_LEAD, services=[service.pk])

    membership = Membership.objects.get(user__email="ict@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person", args=[membership.pk])
    assert membership.role == Role.SERVICE_LEAD
    assert list(membership.services.all()) == [service]
    assert not membership.user.has_usable_password()
    [message] = mail.outbox
    assert message.to == ["ict@example.org"]
    assert "Service lead for Finance" in message.body
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", str(message.body))
    assert link, message.body

    # The link lets them choose a password, then sign in with it.
    anonymous = Client()
    form_page = anonymous.get(link.group(1), follow=True)
    assert b"Choose a new password" in form_page.content
    chosen = anonymous.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1),
        {"password1": "a long new password 42", "password2": "a long new password 42"},
    )
    assert chosen.status_code == 302
    assert Client().login(username="ict@example.org", password="a long new password 42")


def test_an_invitation_the_mail_server_refuses_keeps_the_account_and_says_so(
    admin_user: User, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "tests.progress.failing_email.Backend"
    client = signed_in(admin_user)

    response = invite(client, role=Role.VIEWER)

    membership = Membership.objects.get(user__email="ict@example.org")
    page = client.get(response["Location"]).content.decode()
    assert "the invitation email could not be sent" in page
    assert "Send the invitation again" in page
    assert membership.role == Role.VIEWER


def test_the_persons_page_shows_the_invitation(admin_user: User, service: Service) -> None:
    client = signed_in(admin_user)
    invite(client, role=Role.SERVICE_LEAD, services=[service.pk])
    membership = Membership.objects.get(user__email="ict@example.org")

    page = client.get(reverse("people:person", args=[membership.pk])).content.decode()

    assert "Invited as Service lead for Finance" in page
    assert "Send the invitation again" in page


def test_a_service_lead_needs_a_service_and_a_partner_contact_a_council(
    admin_user: User, service: Service, partner: Partner
) -> None:
    client = signed_in(admin_user)

    lead = invite(client, role=Role.SERVICE_LEAD)
    contact = invite(client, role=Role.PARTNER_CONTACT)
    nothing = invite(client, first_name="", email="not an address")

    assert lead.status_code == 400
    assert "Choose the services this service lead writes returns for" in lead.content.decode()
    assert "Choose the council this partner contact answers for" in contact.content.decode()
    page = nothing.content.decode()
    assert "Enter their first name" in page
    assert "Enter an email address in the correct format" in page
    assert "Choose a role" in page
    assert not User.objects.filter(email="ict@example.org").exists()
    assert not mail.outbox


def test_it_refuses_another_organisations_service(
    admin_user: User, other_org: Organisation
) -> None:
    theirs = ServiceFactory.create(organisation=other_org)

    response = invite(signed_in(admin_user), role=Role.SERVICE_LEAD, services=[theirs.pk])

    assert response.status_code == 400
    assert "Choose from your organisation&#39;s services" in response.content.decode()


def test_inviting_someone_already_here_says_where_to_change_their_role(
    admin_user: User, viewer: User
) -> None:
    response = invite(signed_in(admin_user), email=viewer.email, role=Role.VIEWER)

    assert response.status_code == 400
    assert "already has an account here: change their role on their page" in (
        response.content.decode()
    )


def test_changing_a_role_is_recorded_with_who_did_it(
    admin_user: User, viewer: User, service: Service
) -> None:
    membership = viewer.memberships.get()
    client = signed_in(admin_user)

    response = client.post(
        reverse("people:change_role", args=[membership.pk]),
        {"role": Role.SERVICE_LEAD, "services": [service.pk]},
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.SERVICE_LEAD
    event = PersonEvent.objects.get(user=viewer)
    assert event.description == "Role changed from Viewer to Service lead for Finance"
    assert event.by == admin_user
    page = client.get(reverse("people:person", args=[membership.pk])).content.decode()
    assert "Role changed from Viewer to Service lead for Finance" in page


def test_the_last_administrator_cannot_give_up_the_role(admin_user: User) -> None:
    membership = admin_user.memberships.get()

    response = signed_in(admin_user).post(
        reverse("people:change_role", args=[membership.pk]), {"role": Role.VIEWER}
    )

    assert response.status_code == 400
    assert "Your organisation needs an administrator" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.ADMINISTRATOR


def test_a_switched_off_account_cannot_sign_in_and_can_be_switched_back_on(
    admin_user: User, viewer: User
) -> None:
    membership = viewer.memberships.get()
    client = signed_in(admin_user)

    client.post(reverse("people:deactivate", args=[membership.pk]))

    viewer.refresh_from_db()
    assert not viewer.is_active
    assert not Client().login(username="viewer", password="correct horse battery staple")
    client.post(reverse("people:reactivate", args=[membership.pk]))
    viewer.refresh_from_db()
    assert viewer.is_active
    kinds = list(PersonEvent.objects.filter(user=viewer).values_list("kind", flat=True))
    assert kinds == [PersonEvent.Kind.REACTIVATED, PersonEvent.Kind.DEACTIVATED]


def test_switching_off_an_account_ends_its_sessions(admin_user: User, viewer: User) -> None:
    theirs = signed_in(viewer)
    assert theirs.get(reverse("portfolio")).status_code == 200

    signed_in(admin_user).post(reverse("people:deactivate", args=[viewer.memberships.get().pk]))

    response = theirs.get(reverse("portfolio"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_administrator_cannot_switch_off_their_own_account(admin_user: User) -> None:
    membership = admin_user.memberships.get()

    response = signed_in(admin_user).post(reverse("people:deactivate", args=[membership.pk]))

    assert response.status_code == 400
    assert "You cannot switch off your own account" in response.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_an_account_another_organisation_uses_stays_on(
    admin_user: User, viewer: User, other_org: Organisation
) -> None:
    MembershipFactory.create(user=viewer, organisation=other_org, role=Role.VIEWER)
    membership = viewer.memberships.get(organisation=admin_user.memberships.get().organisation)

    response = signed_in(admin_user).post(reverse("people:deactivate", args=[membership.pk]))

    assert response.status_code == 400
    viewer.refresh_from_db()
    assert viewer.is_active


def test_an_administrator_never_sees_another_organisations_people(
    admin_user: User, viewer: User, outsider: User
) -> None:
    membership = viewer.memberships.get()
    theirs = signed_in(outsider)

    listing = theirs.get(reverse("people:people")).content.decode()

    assert "viewer@example.org" not in listing
    assert theirs.get(reverse("people:person", args=[membership.pk])).status_code == 404
    refused = theirs.post(reverse("people:deactivate", args=[membership.pk]))
    assert refused.status_code == 404
    viewer.refresh_from_db()
    assert viewer.is_active
    ours = signed_in(admin_user).get(reverse("people:people")).content.decode()
    assert "viewer@example.org" in ours and "outsider@example.org" not in ours
