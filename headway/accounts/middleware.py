"""Holds a signed-in person at their two-step sign-in until they have taken the second step
their account needs (headway.accounts.second_factor decides who and when)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from django.http import HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import Resolver404, resolve, reverse

from headway.accounts import second_factor
from headway.api.errors import is_api, problem_response

# Pages a person held at the second step may still open: allauth's two-step pages, signing
# out, confirming their password to set a step up, and the pages anyone may open.
OPEN_WHILE_HELD = {
    "account_logout",
    "account_reauthenticate",
    "accessibility",
    "favicon",
    "healthz",
}


def _open_while_held(request: HttpRequest) -> bool:
    try:
        name = resolve(request.path_info).url_name or ""
    except Resolver404:
        return False
    return name in OPEN_WHILE_HELD or name.startswith("mfa_")


class SecondStepMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.user.is_authenticated and not _open_while_held(request):
            needed = second_factor.outstanding(request)
            if needed is not None:
                if is_api(request):
                    return problem_response(
                        403,
                        "Finish signing in: this account must take its second step, on the "
                        "Two-step sign-in page, before it may use the API.",
                        "second_step_required",
                    )
                return HttpResponseRedirect(self._where(request, needed))
        return self.get_response(request)

    @staticmethod
    def _where(request: HttpRequest, needed: str) -> str:
        if needed == second_factor.ENROL:
            return reverse("mfa_index")
        # A session that has not taken the step (one begun before the person had it): take
        # it now, then carry on to the page asked for.
        has_app = Authenticator.objects.filter(
            user_id=request.user.pk, type=Authenticator.Type.TOTP
        ).exists()
        page = reverse("mfa_reauthenticate" if has_app else "mfa_reauthenticate_webauthn")
        return f"{page}?{urlencode({'next': request.get_full_path()})}"
