"""Pages that belong to no area of the domain: the accessibility statement, error pages."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views import defaults
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from headway.accounts.access import public
from headway.admin_site import is_operator
from headway.api.errors import is_api, problem_response
from headway.health import check_health
from headway.lib.favicon import favicon_ico


@public
@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    """Public: anyone must be able to read it, signed in or not."""
    return render(
        request,
        "accessibility.html",
        {"contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL},
    )


@public
@require_safe
@cache_control(public=True, max_age=86400)
def favicon(request: HttpRequest) -> HttpResponse:
    """Headway's icon, for pages that name none (a published report's page, the API's)."""
    return HttpResponse(favicon_ico(), content_type="image/x-icon")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token, explained in Headway's words (the API's in
    its own shape)."""
    if is_api(request):
        return problem_response(
            403,
            "CSRF Failed: a request made with a signed-in session must send the CSRF token "
            "in the X-CSRFToken header; a program should use an API token instead.",
            "csrf_failed",
        )
    return HttpResponseForbidden(render_to_string("403_csrf.html", request=request))


# Errors Django answers itself, before any view (``handler400`` … in ``headway.urls``): the
# site's pages as ever, and the API's as problem details.


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return problem_response(400, "The request cannot be read.", "bad_request")
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        detail = str(exception) or "You may not do this."
        return problem_response(403, detail, "permission_denied")
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return problem_response(404, "Not found.", "not_found")
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return problem_response(
            500,
            "Something went wrong on Headway's side and nothing was changed by this request "
            "that failed. Try again; if it goes on, tell your administrator.",
            "server_error",
        )
    return defaults.server_error(request)


@public
def admin_sign_in(request: HttpRequest) -> HttpResponse:
    """The operator signs in on the same page as everyone else, so there is one sign-in to
    secure. Someone already signed in who is not the operator may not use the admin."""
    if request.user.is_authenticated:
        if is_operator(request.user):
            return redirect("admin:index")
        raise PermissionDenied
    sign_in = reverse("account_login")
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{sign_in}?{query}" if query else sign_in)


@public
@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """For a load balancer: 200 when the database answers and tasks are being run, else 503.

    Public, and so it says nothing an attacker could use: no versions, hosts or errors' text.
    """
    health = check_health()
    return JsonResponse(health.as_json(), status=200 if health.healthy else 503)
