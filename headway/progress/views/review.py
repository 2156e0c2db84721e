"""Reviewers' queue, and a return beside last quarter's: approve it, or send it back."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from headway.accounts.access import member_required, membership_of
from headway.accounts.models import Membership
from headway.indicators.tasks import figures_to_review
from headway.progress.errors import EditConflict, PeriodClosed
from headway.progress.forms import SendBackForm
from headway.progress.permissions import REVIEWER_ROLES
from headway.progress.review import approve, return_to_lead
from headway.progress.reviewing import ReviewPage, next_to_review, review_page, review_queue


@require_safe
@member_required(*REVIEWER_ROLES)
def queue(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request)
    queue = review_queue(membership, request.GET, request.GET.get("page", "1"))
    figures = figures_to_review(membership, queue.period)
    return render(request, "progress/review_queue.html", {"queue": queue, "figures": figures})


def _after_review(page: ReviewPage) -> HttpResponse:
    following = next_to_review(page.update.period_id, page.update.pk)
    if following is not None:
        return redirect("progress:review", pk=following)
    return redirect("progress:review_queue")


def _act(
    request: HttpRequest, membership: Membership, page: ReviewPage, form: SendBackForm
) -> HttpResponse | None:
    """Approve or send back, as the button pressed says; None to show the page again."""
    update, title = page.update, page.update.initiative.title
    version = form.cleaned_data["version"]
    try:
        if request.POST.get("action") == "approve":
            approve(update, by=membership, expected_version=version)
            messages.success(request, f"You approved the return for {title}.")
        else:
            return_to_lead(
                update,
                by=membership,
                comment=form.cleaned_data["comment"],
                expected_version=version,
            )
            messages.success(request, f"You returned {title} to its owners with your comment.")
    except EditConflict as error:
        messages.error(
            request,
            f"{error.changed_by or 'Someone'} changed this return after you opened it. "
            "Check it again before you review it.",
        )
        return redirect("progress:review", pk=update.pk)
    except PeriodClosed as error:
        messages.error(request, str(error))
        return redirect("progress:review_queue")
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            form.refused(error)
            return None
        messages.error(request, " ".join(error.messages))
        return redirect("progress:review_queue")
    return _after_review(page)


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*REVIEWER_ROLES)
def review(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_of(request)
    page = review_page(membership, pk)
    if page is None:
        raise Http404("No return of your organisation has this number.")
    posted = request.method == "POST"
    form = SendBackForm(request.POST if posted else None, initial={"version": page.update.version})
    if posted and form.is_valid():
        response = _act(request, membership, page, form)
        if response is not None:
            return response
    return render(request, "progress/review.html", {"page": page, "form": form})
