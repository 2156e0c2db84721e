from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from headway.progress.models import ReportingPeriod, StatusScale, StatusValue, Update


class StatusValueInline(admin.TabularInline):
    model = StatusValue
    extra = 0


@admin.register(StatusScale)
class StatusScaleAdmin(admin.ModelAdmin):
    inlines = [StatusValueInline]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["label", "organisation", "state", "deadline"]
    list_filter = ["organisation", "state"]


@admin.register(Update)
class UpdateAdmin(SimpleHistoryAdmin):
    list_display = ["initiative", "period", "status", "state", "is_late"]
    list_filter = ["period", "state", "status"]
    search_fields = ["initiative__title"]
    list_select_related = ["initiative", "period", "status"]
    raw_id_fields = ["initiative"]
