"""Move the organisational changes recorded as strategy events into their own log, so the
report's paragraph on change this quarter has one source."""

from django.db import migrations

KIND = "organisational_change"


def move_to_log(apps, schema_editor):
    StrategyEvent = apps.get_model("strategy", "StrategyEvent")
    OrganisationalChange = apps.get_model("organisation", "OrganisationalChange")
    events = StrategyEvent.objects.filter(kind=KIND).select_related("strategy")
    for event in events.order_by("date", "id"):
        OrganisationalChange.objects.create(
            organisation_id=event.strategy.organisation_id,
            date=event.date,
            kind="other",
            text=event.text,
        )
    events.delete()


def move_back(apps, schema_editor):
    Strategy = apps.get_model("strategy", "Strategy")
    StrategyEvent = apps.get_model("strategy", "StrategyEvent")
    OrganisationalChange = apps.get_model("organisation", "OrganisationalChange")
    for change in OrganisationalChange.objects.order_by("date", "id"):
        strategy = (
            Strategy.objects.filter(organisation_id=change.organisation_id)
            .order_by("-first_year")
            .first()
        )
        if strategy is not None:
            StrategyEvent.objects.create(
                strategy=strategy, date=change.date, kind=KIND, text=change.text
            )
    OrganisationalChange.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("organisation", "0001_initial")]

    operations = [migrations.RunPython(move_to_log, move_back)]
