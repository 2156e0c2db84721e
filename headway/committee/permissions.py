"""Who may do what with committee reports (the views declare these with member_required).

Reviewers "compose and approve reports"; administrators do everything. An administrator asks
the reviewers for approval and publishes; either may approve or reopen an approved report.
"""

from __future__ import annotations

from headway.accounts.models import Role

COMPOSE = (Role.ADMINISTRATOR, Role.REVIEWER)
APPROVE = (Role.ADMINISTRATOR, Role.REVIEWER)
REOPEN = (Role.ADMINISTRATOR, Role.REVIEWER)
ASK_FOR_APPROVAL = (Role.ADMINISTRATOR,)
PUBLISH = (Role.ADMINISTRATOR,)
