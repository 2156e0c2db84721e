"""Change requests: administrators and reviewers list, propose, open, withdraw and decide them.

Every rule is asked of the domain functions (``changes``, ``decisions``); a page only reads
the form, calls the rule, and shows its message next to the field it is about.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from headway import clock
from headway.accounts.access import STAFF_ROLES, member_required, membership_of
from headway.accounts.models import Role
from headway.lib.words import join_words
from headway.roadmap.change_pages import (
    ChangeRequestPage,
    change_request_page,
    change_request_rows,
)
from headway.roadmap.changes import (
    open_consultation,
    partners_to_consult,
    propose,
    revise,
    withdraw,
)
from headway.roadmap.choosing import initiative_choices, on_the_maps
from headway.roadmap.decisions import decide
from headway.roadmap.forms import (
    DecisionForm,
    KindForm,
    OpenConsultationForm,
    ProposalForm,
)
from headway.roadmap.models import ChangeRequest
from headway.roadmap.permissions import consultations_visible_to
from headway.roadmap.proposal_pages import KIND_HINTS, proposal_context
from headway.roadmap.state import strategy_for_year
from headway.roadmap.years import working_year
from headway.strategy.models import Initiative

Kind = ChangeRequest.Kind
DEFAULT_CONSULTATION_DAYS = 14


@require_safe
@member_required(*STAFF_ROLES)
def change_requests(request: HttpRequest) -> HttpResponse:
    rows = change_request_rows(membership_of(request))
    return render(request, "roadmap/change_requests.html", {"rows": rows})


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*STAFF_ROLES)
def propose_change(request: HttpRequest) -> HttpResponse:
    """First question: what kind of change."""
    form = KindForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        return redirect("roadmap:propose_kind", kind=form.cleaned_data["kind"])
    return render(request, "roadmap/propose.html", {"form": form, "kind_hints": KIND_HINTS})


def _proposal_form(request: HttpRequest, kind: str, initial: dict[str, Any]) -> ProposalForm:
    """The form for a change of ``kind``, with the priorities of this year's strategy."""
    organisation = membership_of(request).organisation
    strategy = strategy_for_year(organisation, working_year(organisation))
    return ProposalForm(
        request.POST if request.method == "POST" else None,
        kind=kind,
        organisation=organisation,
        priorities=list(strategy.priorities.order_by("number")) if strategy else [],
        initial=initial,
    )


def _initiative(request: HttpRequest, kind: str) -> tuple[Initiative | None, str]:
    """The initiative a change of ``kind`` is about, from ``?initiative=``, and any problem."""
    if kind not in ChangeRequest.INITIATIVE_KINDS:
        return None, ""
    chosen = request.GET.get("initiative", "").strip()
    if not chosen:
        return None, ""
    initiative = (
        on_the_maps(membership_of(request).organisation)
        .filter(pk=int(chosen) if chosen.isdigit() else 0)
        .select_related("service")
        .first()
    )
    return initiative, "" if initiative else "Select an initiative from the list"


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*STAFF_ROLES)
def propose_kind(request: HttpRequest, kind: str) -> HttpResponse:
    """Second step: the initiative (for a change to one), then the proposed values and why."""
    if kind not in Kind.values:
        raise Http404("There is no such kind of change.")
    organisation = membership_of(request).organisation
    initiative, problem = _initiative(request, kind)
    if kind in ChangeRequest.INITIATIVE_KINDS and initiative is None:
        return render(
            request,
            "roadmap/choose_initiative.html",
            {
                "kind": Kind(kind),
                "choices": initiative_choices(organisation, request.GET.get("q", "")),
                "error": problem,
            },
        )
    form = _proposal_form(request, kind, ProposalForm.initial_for(initiative))
    if request.method == "POST" and form.is_valid():
        try:
            change = propose(
                organisation,
                kind,
                request.user,  # type: ignore[arg-type]
                form.cleaned_data["rationale"],
                form.proposed(),
                initiative=initiative,
            )
        except ValidationError as error:
            form.take(error)
        else:
            messages.success(
                request,
                "Change request saved as a draft. Open it for consultation when it is ready.",
            )
            return redirect("roadmap:change_request", pk=change.pk)
    context: dict[str, Any] = proposal_context(kind, initiative, form)
    return render(request, "roadmap/propose_kind.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*STAFF_ROLES)
def revise_change(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a draft's proposed values or its reasons before it goes out for consultation."""
    change = _page_or_404(request, pk).request
    if change.state != ChangeRequest.State.DRAFT:
        messages.error(
            request,
            f"Only a draft can be changed: this request is {change.get_state_display().lower()}.",
        )
        return redirect("roadmap:change_request", pk=pk)
    form = _proposal_form(request, change.kind, ProposalForm.initial_from(change))
    if request.method == "POST" and form.is_valid():
        try:
            revise(
                change,
                request.user,  # type: ignore[arg-type]
                form.cleaned_data["rationale"],
                form.proposed(),
            )
        except ValidationError as error:
            form.take(error)
        else:
            messages.success(request, "Draft change request saved.")
            return redirect("roadmap:change_request", pk=pk)
    context = proposal_context(change.kind, change.initiative, form)
    return render(request, "roadmap/propose_kind.html", {**context, "revising": change})


def _page_or_404(request: HttpRequest, pk: int) -> ChangeRequestPage:
    page = change_request_page(membership_of(request).organisation, pk)
    if page is None:
        raise Http404("No change request of your organisation has this number.")
    return page


@require_safe
@member_required(*STAFF_ROLES, Role.PARTNER_CONTACT)
def change_request(request: HttpRequest, pk: int) -> HttpResponse:
    """The request in full. A partner contact (the decision email links here) is sent to
    their own council's consultation on it."""
    membership = membership_of(request)
    if membership.role == Role.PARTNER_CONTACT:
        own = (
            consultations_visible_to(membership)
            .filter(change_request=pk, partner=membership.partner_id)
            .first()
        )
        if own is None or membership.partner_id is None:
            raise Http404("Your council was not consulted on this change request.")
        return redirect("roadmap:consultation", pk=own.pk)
    return render(request, "roadmap/change_request.html", {"page": _page_or_404(request, pk)})


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*STAFF_ROLES)
def consult(request: HttpRequest, pk: int) -> HttpResponse:
    page = _page_or_404(request, pk)
    suggested = clock.today() + timedelta(days=DEFAULT_CONSULTATION_DAYS)
    form = OpenConsultationForm(
        request.POST if request.method == "POST" else None, initial={"closes_on": suggested}
    )
    if request.method == "POST" and form.is_valid():
        try:
            consulted = open_consultation(
                page.request,
                form.cleaned_data["closes_on"],
                request.user,  # type: ignore[arg-type]
            )
        except ValidationError as error:
            form.take(error)
        else:
            names = join_words([str(c.partner) for c in consulted])
            closes = f"{form.cleaned_data['closes_on']:%-d %B %Y}"
            messages.success(
                request, f"Consultation opened: {names} are asked for their view by {closes}."
            )
            return redirect("roadmap:change_request", pk=pk)
    partners = partners_to_consult(page.request) if page.request.state == "draft" else []
    return render(
        request,
        "roadmap/open_consultation.html",
        {"page": page, "form": form, "partners": partners},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*STAFF_ROLES)
def withdraw_change(request: HttpRequest, pk: int) -> HttpResponse:
    page = _page_or_404(request, pk)
    error = ""
    if request.method == "POST":
        try:
            withdraw(page.request, request.user)  # type: ignore[arg-type]
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, "Change request withdrawn. The maps stay as they were.")
            return redirect("roadmap:change_request", pk=pk)
    return render(request, "roadmap/withdraw.html", {"page": page, "error": error})


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*STAFF_ROLES)
def decide_change(request: HttpRequest, pk: int) -> HttpResponse:
    page = _page_or_404(request, pk)
    organisation = membership_of(request).organisation
    form = DecisionForm(
        request.POST if request.method == "POST" else None,
        organisation=organisation,
        initial={"decided_on": clock.today()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decided = decide(
                page.request,
                data["outcome"],
                request.user,  # type: ignore[arg-type]
                data["decided_on"],
                data["meeting"],
                data["decision_note"],
            )
        except ValidationError as error:
            form.take(error)
            page = _page_or_404(request, pk)
        else:
            verdict = "agreed" if decided.state == ChangeRequest.State.AGREED else "rejected"
            effect = " The maps now show it, as a new map version." if verdict == "agreed" else ""
            messages.success(request, f"Change {verdict}.{effect}")
            return redirect("roadmap:change_request", pk=pk)
    return render(request, "roadmap/decide.html", {"page": page, "form": form})
