"""A partner council's contact sees and answers the consultations of their own council, and
later the decision and how their answer was recorded. Nobody else's."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from headway.accounts.access import member_required, membership_of
from headway.accounts.models import Role
from headway.roadmap.change_pages import consultation_page, consultation_rows
from headway.roadmap.consultation import answer_consultation
from headway.roadmap.forms import AnswerForm


@require_safe
@member_required(Role.PARTNER_CONTACT)
def consultations(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request)
    return render(
        request,
        "roadmap/consultations.html",
        {"partner": membership.partner, "rows": consultation_rows(membership)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(Role.PARTNER_CONTACT)
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_of(request)
    page = consultation_page(membership, pk)
    if page is None:
        raise Http404("Your council has no consultation with this number.")
    own = page.consultation
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        initial={"response": own.response, "comment": own.comment},
    )
    if request.method == "POST" and form.is_valid():
        try:
            answer_consultation(
                own, membership, form.cleaned_data["response"], form.cleaned_data["comment"]
            )
        except ValidationError as error:
            form.take(error)
        else:
            messages.success(
                request,
                f"Your answer is recorded: {own.partner} {own.response_phrase}. "
                "You can change it until the consultation closes.",
            )
            return redirect("roadmap:consultation", pk=pk)
    return render(request, "roadmap/consultation.html", {"page": page, "form": form})
