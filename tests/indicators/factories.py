"""factory-boy factories for measures, their targets and figures."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import factory

from headway.indicators.models import Figure, Measure, Target
from tests.factories import OrganisationFactory, ReportingPeriodFactory, ServiceFactory


class MeasureFactory(factory.django.DjangoModelFactory[Measure]):
    class Meta:
        model = Measure
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    service = factory.SubFactory(
        ServiceFactory, organisation=factory.SelfAttribute("..organisation")
    )
    reference = factory.Sequence(lambda n: f"PI-{n:03d}")
    name = factory.Sequence(lambda n: f"Measure {n}")
    unit = Measure.Unit.PERCENTAGE
    polarity = Measure.Polarity.HIGHER

    @factory.post_generation
    def partners(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.partners.set(extracted)


class TargetFactory(factory.django.DjangoModelFactory[Target]):
    class Meta:
        model = Target

    measure = factory.SubFactory(MeasureFactory)
    year = 2021
    value = Decimal(95)


class FigureFactory(factory.django.DjangoModelFactory[Figure]):
    class Meta:
        model = Figure

    measure = factory.SubFactory(MeasureFactory)
    period = factory.SubFactory(
        ReportingPeriodFactory, organisation=factory.SelfAttribute("..measure.organisation")
    )
    value = Decimal(90)
    state = Figure.State.APPROVED
