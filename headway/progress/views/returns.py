"""Service leads' task list and the return form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from headway.accounts.access import member_required, membership_of
from headway.accounts.models import Role
from headway.progress.editing import return_page
from headway.progress.errors import EditConflict, PeriodClosed
from headway.progress.forms import ReturnForm
from headway.progress.returns import save_return
from headway.progress.tasklist import task_list

WRITERS = (Role.ADMINISTRATOR, Role.SERVICE_LEAD)


@require_safe
@member_required(*WRITERS)
def my_returns(request: HttpRequest) -> HttpResponse:
    tasks = task_list(membership_of(request), query=request.GET, page=request.GET.get("page", "1"))
    return render(request, "progress/my_returns.html", {"tasks": tasks})


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*WRITERS)
def edit_return(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_of(request)
    page = return_page(membership, pk)
    if page is None:
        raise Http404("No return of your organisation has this number.")
    posted = request.method == "POST" and not page.read_only_reason
    form = ReturnForm(page.update, page.statuses, page.milestones, request.POST if posted else None)
    conflict: EditConflict | None = None
    if posted and form.is_valid():
        submit = request.POST.get("action") == "submit"
        title = page.update.initiative.title
        try:
            save_return(
                page.update, form.changes(), form.cleaned_data["version"], membership, submit
            )
        except EditConflict as error:
            conflict = error
            # Keep this person's text, and let them save it over the version now stored.
            data = request.POST.copy()
            data["version"] = str(error.current_version)
            form = ReturnForm(page.update, page.statuses, page.milestones, data)
        except ValidationError as error:
            form.refused(error)
        except PeriodClosed as error:
            messages.error(request, str(error))
            return redirect("progress:return", pk=pk)
        else:
            if submit:
                messages.success(request, f"Your return for {title} has been sent for review.")
                return redirect("progress:my_returns")
            messages.success(request, f"Your draft of {title} has been saved.")
            return redirect("progress:return", pk=pk)
    return render(
        request, "progress/return.html", {"page": page, "form": form, "conflict": conflict}
    )
