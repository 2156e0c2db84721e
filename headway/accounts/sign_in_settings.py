"""The organisation's sign-in settings page: which councils' accounts its people sign in
with (the operator's configuration), whether they may also use a Headway password, and
whether everyone who does must take a second step (administrators always must)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from headway.accounts import local_passwords, second_factor
from headway.accounts.access import member_required, membership_of
from headway.accounts.models import Role, User
from headway.accounts.single_sign_on import councils_offered
from headway.forms import GovukForm, posted


class SignInSettingsForm(GovukForm):
    allow_local_passwords = forms.BooleanField(required=False)
    require_second_factor = forms.BooleanField(required=False)


@never_cache
@require_http_methods(["GET", "POST"])
@member_required(Role.ADMINISTRATOR)
def sign_in_settings(request: HttpRequest) -> HttpResponse:
    organisation = membership_of(request).organisation
    form = SignInSettingsForm(
        posted(request),
        initial={
            "allow_local_passwords": organisation.allow_local_passwords,
            "require_second_factor": organisation.require_second_factor,
        },
    )
    if request.method == "POST" and form.is_valid():
        assert isinstance(request.user, User)
        try:
            with transaction.atomic():
                local_passwords.switch(
                    request,
                    organisation,
                    allow=form.cleaned_data["allow_local_passwords"],
                    by=request.user,
                )
                second_factor.require_for_everyone(
                    organisation, form.cleaned_data["require_second_factor"]
                )
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(request, "Sign-in settings saved.")
            return redirect("people:sign_in")
    return render(
        request,
        "people/sign_in_settings.html",
        {"form": form, "organisation": organisation, "councils": councils_offered(request)},
        status=400 if form.errors else 200,
    )
