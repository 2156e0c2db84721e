from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from headway.accounts.models import Membership, User


class MembershipInline(admin.StackedInline):
    model = Membership
    extra = 0
    filter_horizontal = ["services"]


@admin.register(User)
class HeadwayUserAdmin(UserAdmin):
    inlines = [MembershipInline]
