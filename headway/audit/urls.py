from django.urls import path

from headway.audit import views

app_name = "audit"

urlpatterns = [
    path("audit/", views.audit_record, name="record"),
    path("audit/export.csv", views.audit_csv, name="export"),
    path("audit/<slug:source>/<int:pk>/", views.audit_entry, name="entry"),
    path("settings/audit/", views.audit_retention, name="retention"),
]
