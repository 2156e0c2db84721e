"""Who may read which committee reports.

Administrators and reviewers compose and approve reports, so they see every one, drafts
included; everyone else in the organisation sees a report once it is published.
"""

from __future__ import annotations

from django.db.models import QuerySet

from headway.accounts.access import STAFF_ROLES
from headway.accounts.models import Membership
from headway.committee.models import Report


def reports_visible_to(membership: Membership) -> QuerySet[Report]:
    reports = Report.objects.filter(period__organisation_id=membership.organisation_id)
    if membership.role in STAFF_ROLES:
        return reports
    return reports.filter(state=Report.State.PUBLISHED)
