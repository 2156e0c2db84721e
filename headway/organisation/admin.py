from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from headway.organisation.models import OrganisationalChange


@admin.register(OrganisationalChange)
class OrganisationalChangeAdmin(SimpleHistoryAdmin):
    """For the operator: administrators keep the log on /organisation/changes/, where moving
    or merging a service also changes the portfolio."""

    list_display = ["date", "kind", "organisation"]
    list_filter = ["organisation", "kind"]
    date_hierarchy = "date"
