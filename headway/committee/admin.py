from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from headway.committee.models import (
    Committee,
    CommitteeMember,
    Meeting,
    Report,
    ReportParagraph,
    ReportSection,
    ReportTemplate,
    Snapshot,
)


class CommitteeMemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0


class ReportTemplateInline(admin.StackedInline):
    model = ReportTemplate


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ReportTemplateInline, CommitteeMemberInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["committee", "date", "venue"]
    list_filter = ["committee"]


class ReportSectionInline(admin.TabularInline):
    model = ReportSection
    extra = 0
    show_change_link = True


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["subject_heading", "meeting", "period", "state"]
    list_filter = ["state", "meeting__committee"]
    readonly_fields = ["snapshot", "approved_at", "approved_by", "published_at"]
    inlines = [ReportSectionInline]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.state in Report.LOCKED_STATES:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.state in Report.LOCKED_STATES:
            return False
        return super().has_delete_permission(request, obj)


class ReportParagraphInline(admin.StackedInline):
    model = ReportParagraph
    extra = 0


@admin.register(ReportSection)
class ReportSectionAdmin(admin.ModelAdmin):
    inlines = [ReportParagraphInline]


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    """Snapshots are evidence: the admin shows them and nothing more."""

    list_display = ["period", "taken_at", "content_hash"]
    readonly_fields = ["organisation", "period", "data", "content_hash", "taken_at", "taken_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
