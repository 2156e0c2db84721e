from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from headway.progress.models import Update
from headway.progress.models.update import closed_returns, returns_kept
from headway.strategy.models import (
    Initiative,
    Milestone,
    Organisation,
    Partner,
    Priority,
    Service,
    Strategy,
    StrategyEvent,
)


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0


class ServiceInline(admin.TabularInline):
    model = Service
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PartnerInline, ServiceInline]


class PriorityInline(admin.StackedInline):
    model = Priority
    extra = 0


class StrategyEventInline(admin.TabularInline):
    model = StrategyEvent
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "first_year", "last_year"]
    list_filter = ["organisation"]
    inlines = [PriorityInline, StrategyEventInline]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "service", "status", "is_key_project", "external_reference"]
    list_filter = ["organisation", "kind", "status", "is_key_project", "service"]
    search_fields = ["title", "external_reference", "description"]
    filter_horizontal = ["priorities", "partners"]
    list_select_related = ["service"]
    inlines = [MilestoneInline]

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        """Django lists what stops a deletion; say too why closed-period returns do."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        closed = closed_returns(Update.objects.filter(initiative__in=objs)) if protected else []
        if closed:
            self.message_user(request, returns_kept(closed), messages.ERROR)
        return deleted, counts, perms_needed, protected
