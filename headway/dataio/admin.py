from django.contrib import admin

from headway.dataio.models import Upload


@admin.register(Upload)
class UploadAdmin(admin.ModelAdmin):
    """The record of imports, to read: who imported which file, when, and what it did."""

    list_display = ["filename", "kind", "organisation", "uploaded_by", "state", "imported_at"]
    list_filter = ["organisation", "kind", "state", "correction"]
    exclude = ["content"]
    readonly_fields = [
        "organisation",
        "kind",
        "period",
        "correction",
        "filename",
        "size",
        "uploaded_by",
        "uploaded_at",
        "state",
        "imported_at",
        "summary",
    ]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
