"""Administrators' pages for their organisation's people: the list, inviting a colleague,
a person's page with their record, changing a role, switching an account off and on."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from headway.accounts import people, second_factor
from headway.accounts.access import member_required, membership_of
from headway.accounts.invitations import send_invitation
from headway.accounts.models import Membership, Role
from headway.accounts.people_forms import (
    ConfirmForm,
    InviteForm,
    ResetSecondStepForm,
    RoleForm,
)
from headway.forms import posted
from headway.paging import paged
from headway.progress.reminders import reminder_log

ADMIN = Role.ADMINISTRATOR


def _person_or_404(request: HttpRequest, pk: int) -> Membership:
    found = people.person_of(membership_of(request).organisation, pk)
    if found is None:
        raise Http404("Your organisation has no one with this number.")
    return found


@require_safe
@member_required(ADMIN)
def people_list(request: HttpRequest) -> HttpResponse:
    organisation = membership_of(request).organisation
    return render(request, "people/people.html", {"people": list(people.people_of(organisation))})


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def invite(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request)
    form = InviteForm(membership.organisation, posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = people.invite_person(
                membership.organisation,
                data["email"],
                data["first_name"],
                data["last_name"],
                form.choice(),
                by=membership.user,
            )
        except ValidationError as error:
            form.refused(error)
        else:
            person = invitation.membership
            role = people.role_of(person).describe()
            if send_invitation(person, request.build_absolute_uri, by=membership.user):
                messages.success(
                    request,
                    f"{person.user} is invited as {role}. We have emailed {person.user.email} "
                    + ("a link to choose a password." if invitation.new_account else "to say so."),
                )
            else:
                messages.error(
                    request,
                    f"{person.user} has an account as {role}, but the invitation email could not "
                    "be sent. Try sending it again below in a few minutes.",
                )
            return redirect("people:person", pk=person.pk)
    return render(request, "people/invite.html", {"form": form}, status=400 if form.errors else 200)


@require_safe
@member_required(ADMIN)
def person(request: HttpRequest, pk: int) -> HttpResponse:
    found = _person_or_404(request, pk)
    return render(
        request,
        "people/person.html",
        {
            "person": found,
            "role": people.role_of(found),
            "events": list(people.events_of(found)),
            "is_you": found.user_id == request.user.pk,
            "second_steps": second_factor.steps_of(found.user),
            "reminders": paged(
                request, reminder_log(recipient=found), param="reminders", anchor="reminders-sent"
            ),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def change_role(request: HttpRequest, pk: int) -> HttpResponse:
    found = _person_or_404(request, pk)
    current = people.role_of(found)
    initial = {"role": current.role, "services": current.services, "partner": current.partner}
    form = RoleForm(found.organisation, posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = people.change_role(found, form.choice(), by=membership_of(request).user)
        except ValidationError as error:
            form.refused(error)
        else:
            if changed:
                messages.success(
                    request, f"{found.user} is now {people.role_of(found).describe()}."
                )
            return redirect("people:person", pk=found.pk)
    return render(
        request,
        "people/change_role.html",
        {"form": form, "person": found},
        status=400 if form.errors else 200,
    )


def _switch(request: HttpRequest, pk: int, *, on: bool) -> HttpResponse:
    found = _person_or_404(request, pk)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            if on:
                people.reactivate(found, by=membership_of(request).user)
            else:
                people.deactivate(found, by=membership_of(request).user)
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(
                request,
                f"The account of {found.user} is switched {'on' if on else 'off'}"
                + ("." if on else ": they can no longer sign in."),
            )
            return redirect("people:person", pk=found.pk)
    return render(
        request,
        "people/switch.html",
        {"form": form, "person": found, "on": on},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _switch(request, pk, on=False)


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _switch(request, pk, on=True)


@require_POST
@member_required(ADMIN)
def send_again(request: HttpRequest, pk: int) -> HttpResponse:
    found = _person_or_404(request, pk)
    by = membership_of(request).user
    if not found.user.is_active:
        messages.error(request, "Switch the account on before sending the invitation again.")
    elif send_invitation(found, request.build_absolute_uri, by=by):
        people.record_invitation_sent_again(found, by=by)
        messages.success(request, f"We have emailed the invitation to {found.user.email} again.")
    else:
        messages.error(
            request, "The invitation email could not be sent. Try again in a few minutes."
        )
    return redirect("people:person", pk=found.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def reset_second_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a colleague's second steps (a lost phone or key), with the reason recorded."""
    found = _person_or_404(request, pk)
    form = ResetSecondStepForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            second_factor.reset(
                found, reason=form.cleaned_data["reason"], by=membership_of(request).user
            )
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(
                request,
                f"{found.user}'s two-step sign-in is reset. The next time they sign in with "
                "their password, they set it up again.",
            )
            return redirect("people:person", pk=found.pk)
    return render(
        request,
        "people/reset_second_step.html",
        {"form": form, "person": found, "second_steps": second_factor.steps_of(found.user)},
        status=400 if form.errors else 200,
    )
