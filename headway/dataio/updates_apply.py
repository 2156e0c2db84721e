"""Submit a checked plan of returns, through the same function as the web form and the API."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from headway.accounts.models import Membership
from headway.dataio.problems import FileRefused, Problem
from headway.dataio.updates_plan import COMPARED, UpdatesPlan, column
from headway.progress.errors import EditConflict, PeriodClosed
from headway.progress.returns import save_return


def apply_updates(plan: UpdatesPlan, by: Membership) -> None:
    """Submit every return of the plan, or none: any refusal rolls the whole file back."""
    assert not plan.preview.problems, "A plan with problems must not be written."
    with transaction.atomic():
        problems: list[Problem] = []
        for submission in plan.submissions:
            reference = submission.update.initiative.external_reference
            try:
                save_return(
                    submission.update,
                    submission.changes,
                    expected_version=submission.version,
                    by=by,
                    submit=True,
                )
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    where = column(name) if name in COMPARED else None
                    problems.extend(Problem(m, submission.row, where) for m in messages)
            except EditConflict as conflict:
                problems.append(
                    Problem(
                        f"{conflict.changed_by or 'Someone'} changed the return for {reference} "
                        "while the file was being imported. Check it, then upload the file "
                        "again.",
                        submission.row,
                    )
                )
            except (PermissionDenied, PeriodClosed) as error:
                problems.append(Problem(str(error), submission.row))
        if problems:
            # Raised inside the transaction, so every return saved above is rolled back.
            raise FileRefused(problems)
