"""Imported past reports become published: the import now asks whether a report was
presented in public, and before it asked, every report imported was a committee paper
presented in public (the import was made for those), so each is published as of its import."""

from typing import Any

from django.db import migrations
from django.db.models import F, OuterRef, Subquery


def publish_imported(apps: Any, schema_editor: Any) -> None:
    Report = apps.get_model("committee", "Report")
    ReportSource = apps.get_model("committee", "ReportSource")
    imported = Report.objects.filter(kind="imported", state="approved")
    source = ReportSource.objects.filter(report=OuterRef("pk"))
    imported.update(
        state="published",
        published_at=Subquery(source.values("imported_at")[:1]),
        published_by=Subquery(source.values("imported_by")[:1]),
    )
    # A report without its file (none should be) is published as of its creation.
    Report.objects.filter(kind="imported", state="published", published_at__isnull=True).update(
        published_at=F("created_at")
    )


def unpublish_imported(apps: Any, schema_editor: Any) -> None:
    Report = apps.get_model("committee", "Report")
    Report.objects.filter(kind="imported", state="published").update(
        state="approved", published_at=None, published_by=None
    )


class Migration(migrations.Migration):
    dependencies = [
        ("committee", "0006_report_kind_and_source"),
    ]

    operations = [migrations.RunPython(publish_imported, unpublish_imported)]
