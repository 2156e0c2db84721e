from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from headway.accounts.access import public


@public
def not_offered(request: HttpRequest, **kwargs: object) -> HttpResponse:
    """An account page of allauth's that Headway does not offer."""
    raise Http404("Your performance team manages email addresses in Headway.")
