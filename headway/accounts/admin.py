from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from headway.accounts.models import Membership, PersonEvent, User


class MembershipInline(admin.StackedInline):
    model = Membership
    extra = 0
    filter_horizontal = ["services"]


@admin.register(User)
class HeadwayUserAdmin(UserAdmin):
    inlines = [MembershipInline]


@admin.register(PersonEvent)
class PersonEventAdmin(admin.ModelAdmin):
    """The record of changes to people's accounts: written by the people pages, never here."""

    list_display = ["at", "organisation", "user", "kind", "detail", "by"]
    list_filter = ["organisation", "kind"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
