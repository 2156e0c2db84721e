from __future__ import annotations

from typing import Any

from allauth.account.views import LoginView
from django.http import Http404, HttpRequest, HttpResponse

from headway.accounts import local_passwords
from headway.accounts.access import public
from headway.accounts.single_sign_on import councils_offered


@public
def not_offered(request: HttpRequest, **kwargs: object) -> HttpResponse:
    """An account page of allauth's that Headway does not offer."""
    raise Http404("Your performance team manages email addresses in Headway.")


class SignInView(LoginView):
    """allauth's sign-in page, with a button for each council and, where an organisation
    allows it, Headway's own password."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["councils"] = councils_offered(self.request)
        context["local_passwords"] = local_passwords.offered(self.request)
        return context


sign_in = public(SignInView.as_view())
