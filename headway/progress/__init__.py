"""The quarterly update cycle: periods, returns, their review, reminders and the dashboard.

Every page, API view, command and task calls these functions; none writes a rule itself.

- ``lifecycle``: ``open_period``, ``close_period``, ``reopen_period`` (administrators).
- ``returns``: ``save_return`` with ``ReturnChanges``, for saving a draft and submitting.
- ``review``: ``approve`` and ``return_to_lead`` (reviewers and administrators).
- ``permissions``: who may edit or review a return, manage periods; a member's task list.
- ``owners``: who answers for an initiative's return (``owners_of``, ``owners_of_many``).
- ``reminders`` and ``tasks``: the daily reminder digests, their log (``reminder_log``),
  "chase everyone" (``chase_everyone_now``) and the task that sends them;
  ``reminder_schedule``: on which days a period's owners are reminded.
- ``dashboard``: where a period stands (``period_dashboard``).
- ``errors``: ``PeriodClosed`` and ``EditConflict``; bad input is a ``ValidationError``
  keyed by field, a refusal ``PermissionDenied``.
- ``chasing``: the dashboard's overdue returns by owner; ``reminders.remind_owner_now``
  reminds one of them at once.
- ``compare``: the word-by-word difference a reviewer sees; ``versions``: every saved
  version of returns, for the initiative page.

The pages (``views/``, URL namespace ``progress``) read through ``tasklist``, ``editing``,
``reviewing`` and ``overview``, which gather what each page shows in a fixed number of
queries, and write only through the rules above.

A closed period is frozen by the models themselves (``Update.save()``, ``delete()``, the
queryset's bulk writes, ``ReportingPeriod.save()``), so nothing can change it by any route.
"""
