"""The measures list and a measure's page, as members see them."""

from __future__ import annotations

from decimal import Decimal

from headway.accounts.models import User
from headway.indicators.models import Figure, Measure
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Partner
from tests.conftest import signed_in
from tests.indicators.factories import FigureFactory

D = Decimal


def test_the_list_shows_each_measure_with_its_status_per_council(
    invoices: Measure, q3: ReportingPeriod, partner: Partner, viewer: User
) -> None:
    FigureFactory.create(measure=invoices, period=q3, partner=partner, value=D(91), weight=D(5))
    page = signed_in(viewer).get("/measures/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "FIN-01 Invoices paid within 30 days" in text
    assert "Off target" in text and "91.0%" in text
    assert "No data" in text  # South has no figure yet


def test_filtering_by_status_keeps_the_matching_measures(
    invoices: Measure, q3: ReportingPeriod, partner: Partner, viewer: User
) -> None:
    FigureFactory.create(measure=invoices, period=q3, partner=partner, value=D(96), weight=D(5))
    client = signed_in(viewer)
    assert "FIN-01" in client.get("/measures/?status=on_target").content.decode()
    assert "FIN-01" not in client.get("/measures/?status=off_target").content.decode()
    assert (
        "FIN-01" in client.get(f"/measures/?status=on_target&partner={partner.pk}").content.decode()
    )


def test_an_unknown_filter_value_is_explained(invoices: Measure, viewer: User) -> None:
    page = signed_in(viewer).get("/measures/?status=purple")
    assert "Select a status from the list" in page.content.decode()


def test_a_viewer_sees_approved_figures_only(
    invoices: Measure, q3: ReportingPeriod, partner: Partner, viewer: User, reviewer: User
) -> None:
    FigureFactory.create(
        measure=invoices, period=q3, partner=partner, value=D("91.24"), state=Figure.State.SUBMITTED
    )
    # Shown to a tenth, as every percentage is.
    assert "91.2%" not in signed_in(viewer).get(f"/measures/{invoices.pk}/").content.decode()
    assert "91.2%" in signed_in(reviewer).get(f"/measures/{invoices.pk}/").content.decode()


def test_a_measures_page_has_its_definition_trend_chart_with_its_table_and_history(
    invoices: Measure, q3: ReportingPeriod, partner: Partner, viewer: User
) -> None:
    invoices.definition = "Undisputed invoices paid within 30 days."
    invoices.save()
    FigureFactory.create(
        measure=invoices,
        period=q3,
        partner=partner,
        value=D(91),
        weight=D(5),
        exception_why="Two vacancies in the payments team.",
        exception_action="Agency staff.",
        exception_recovery="Q4",
    )
    text = signed_in(viewer).get(f"/measures/{invoices.pk}/").content.decode()
    assert "Undisputed invoices paid within 30 days." in text
    assert 'src="data:image/svg+xml;base64,' in text
    assert "Line chart of Invoices paid within 30 days for North by quarter" in text
    assert 'govuk-table__caption--s">Invoices paid within 30 days: North, by quarter' in text
    assert "Why North is off target" in text
    assert "Two vacancies in the payments team." in text
    assert "History of figures and notes" in text


def test_another_organisations_measure_is_not_found(invoices: Measure, outsider: User) -> None:
    assert signed_in(outsider).get(f"/measures/{invoices.pk}/").status_code == 404


def test_the_list_costs_the_same_whatever_the_number_of_measures(
    invoices: Measure,
    q3: ReportingPeriod,
    partner: Partner,
    viewer: User,
    django_assert_max_num_queries: object,
) -> None:
    from tests.indicators.factories import MeasureFactory

    client = signed_in(viewer)
    client.get("/measures/")
    for _ in range(8):
        m = MeasureFactory.create(
            organisation=invoices.organisation, service=invoices.service, partners=[partner]
        )
        FigureFactory.create(measure=m, period=q3, partner=partner, value=D(50))
    with django_assert_max_num_queries(16):  # type: ignore[operator]
        assert client.get("/measures/").status_code == 200
    with django_assert_max_num_queries(16):  # type: ignore[operator]
        assert client.get("/measures/?status=no_target").status_code == 200


def test_a_service_with_measures_is_merged_with_them_and_not_removed(
    invoices: Measure, admin_user: User
) -> None:
    from datetime import date

    from headway.organisation.changes import merge_services
    from headway.organisation.services import remove_partner, service_uses
    from tests.factories import ServiceFactory

    assert service_uses(invoices.service) == ["one performance measure"]
    into = ServiceFactory.create(organisation=invoices.organisation, name="Exchequer")
    merge_services(invoices.service, into, date(2022, 1, 4), "", admin_user)
    invoices.refresh_from_db()
    assert invoices.service == into
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="one performance measure reported for it"):
        remove_partner(invoices.partners.first())  # type: ignore[arg-type]
