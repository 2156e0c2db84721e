"""The admin stays for corrections; edits to requests and answers are kept in their history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from headway.roadmap.models import ChangeRequest, Consultation, ConsultationReminder, MapVersion


class ConsultationInline(admin.TabularInline):
    model = Consultation
    extra = 0
    fields = ["partner", "response", "comment", "answered_by", "answered_at"]
    raw_id_fields = ["answered_by"]


@admin.register(ChangeRequest)
class ChangeRequestAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "organisation", "kind", "state", "closes_on", "decided_on"]
    list_filter = ["organisation", "kind", "state"]
    search_fields = ["rationale", "initiative__title", "priority__title"]
    list_select_related = ["organisation", "initiative", "priority"]
    raw_id_fields = ["initiative", "priority", "proposed_by", "decided_by", "meeting"]
    readonly_fields = ["base_map_version"]
    date_hierarchy = "proposed_at"
    inlines = [ConsultationInline]


@admin.register(Consultation)
class ConsultationAdmin(SimpleHistoryAdmin):
    list_display = ["partner", "change_request", "response", "answered_at"]
    list_filter = ["response", "partner"]
    list_select_related = ["partner", "change_request"]
    raw_id_fields = ["change_request", "answered_by"]


@admin.register(ConsultationReminder)
class ConsultationReminderAdmin(admin.ModelAdmin):
    list_display = ["consultation", "sent_at"]
    readonly_fields = ["consultation", "sent_at", "sent_to"]


@admin.register(MapVersion)
class MapVersionAdmin(admin.ModelAdmin):
    """Versions are a record: they are looked at here, never edited."""

    list_display = ["number", "organisation", "created_at", "change_request"]
    list_filter = ["organisation"]
    readonly_fields = ["organisation", "number", "created_at", "change_request", "state", "changes"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
