"""Who may do what with committee reports, and who may read which.

Reviewers "compose and approve reports"; administrators do everything. An administrator asks
the reviewers for approval, publishes, and withdraws a published report; either may approve,
return a report with comments, or reopen an approved report. Administrators and reviewers see
every report, drafts included; everyone else in the organisation sees a report once it is
published (and still once withdrawn, marked so).
"""

from __future__ import annotations

from django.db.models import QuerySet

from headway.accounts.access import STAFF_ROLES
from headway.accounts.models import Membership, Role
from headway.committee.models import Report

COMPOSE = (Role.ADMINISTRATOR, Role.REVIEWER)
APPROVE = (Role.ADMINISTRATOR, Role.REVIEWER)
REOPEN = (Role.ADMINISTRATOR, Role.REVIEWER)
ASK_FOR_APPROVAL = (Role.ADMINISTRATOR,)
PUBLISH = (Role.ADMINISTRATOR,)
RETURN_WITH_COMMENTS = (Role.ADMINISTRATOR, Role.REVIEWER)
WITHDRAW = (Role.ADMINISTRATOR,)
# Bringing in a past report writes to the strategy's history: an administrator's work.
IMPORT = (Role.ADMINISTRATOR,)


def reports_visible_to(membership: Membership) -> QuerySet[Report]:
    reports = Report.objects.filter(period__organisation_id=membership.organisation_id)
    if membership.role in STAFF_ROLES:
        return reports
    # A withdrawn report stays on the record, marked as withdrawn.
    return reports.filter(state__in=Report.LOCKED_STATES)
