from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from headway.progress.models import (
    PeriodEvent,
    Reminder,
    ReportingPeriod,
    StatusScale,
    StatusValue,
    Update,
)


class StatusValueInline(admin.TabularInline):
    model = StatusValue
    extra = 0


@admin.register(StatusScale)
class StatusScaleAdmin(admin.ModelAdmin):
    inlines = [StatusValueInline]


class PeriodEventInline(admin.TabularInline):
    """The period's history: read only, written by open, close and reopen."""

    model = PeriodEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "by", "at", "reason", "returns_outstanding"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _is_closed(obj: Any) -> bool:
    return obj is not None and obj.is_closed


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["label", "organisation", "state", "deadline"]
    list_filter = ["organisation", "state"]
    # Opening, closing and reopening go through headway.progress.lifecycle, which records
    # who did it and why; the admin cannot change the state.
    readonly_fields = ["state"]
    inlines = [PeriodEventInline]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _is_closed(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _is_closed(obj) and super().has_delete_permission(request, obj)


@admin.register(Update)
class UpdateAdmin(SimpleHistoryAdmin):
    list_display = ["initiative", "period", "status", "state", "is_late"]
    list_filter = ["period", "state", "status"]
    search_fields = ["initiative__title"]
    list_select_related = ["initiative", "period", "status"]
    raw_id_fields = ["initiative", "previous"]
    readonly_fields = ["version", "started_at", "last_edited_by"]

    # A closed period's returns are shown read only (the models refuse changes anyway), and
    # bulk deletion of a selection that includes one is refused.
    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj and obj.period.is_closed) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not (obj and obj.period.is_closed) and super().has_delete_permission(request, obj)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["sent_on", "recipient", "email", "period", "kind", "returns_count", "status"]
    list_filter = ["status", "kind", "period"]
    date_hierarchy = "sent_on"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
