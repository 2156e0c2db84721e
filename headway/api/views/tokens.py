"""The API tokens page: make a token (its secret shown once), see your tokens, revoke one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from headway.accounts.access import member_required, membership_of
from headway.api.forms import TokenForm
from headway.api.models import ApiToken
from headway.api.tokens import create_token, may_make_tokens, revoke_token, tokens_of
from headway.compression import mark_never_compress


@never_cache
@require_http_methods(["GET", "POST"])
@member_required()
def tokens(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request)
    may_make = may_make_tokens(membership)
    if request.method == "POST" and not may_make:
        raise PermissionDenied("Your role does not make API tokens.")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = create_token(membership.user, membership.organisation, form.cleaned_data["name"])
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            # Shown in this response only: the secret is never stored, so never shown again.
            # Uncompressed, so its size tells nothing about the secret (BREACH).
            response = render(request, "api/token_created.html", {"new": new})
            mark_never_compress(response)
            return response
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": tokens_of(membership.user), "may_make": may_make},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@member_required()
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_of(request)
    token = ApiToken.objects.filter(pk=pk, user=membership.user).first()
    if token is None:
        raise Http404("You have no token with this number.")
    if request.method == "POST":
        revoke_token(token, by=membership.user)
        messages.success(request, f"Token “{token.name}” revoked: it no longer works.")
        return redirect("api:tokens")
    return render(request, "api/token_revoke.html", {"token": token})
