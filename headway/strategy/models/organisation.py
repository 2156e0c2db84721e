"""Who delivers the strategy (an organisation and its services) and for whom (partners)."""

from __future__ import annotations

from django.db import models


class Organisation(models.Model):
    """A public body, or a shared service such as oneSource, that runs a strategy."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(
        max_length=60, blank=True, help_text="How reports refer to it, e.g. “one source”."
    )
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Partner(models.Model):
    """A council that the organisation serves and consults, such as a partner borough."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="partner_name_unique")
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class Service(models.Model):
    """A service of the organisation (Finance, HR and OD, ICT, ...) that owns initiatives."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(max_length=200)
    head_of_service = models.CharField(
        max_length=200,
        blank=True,
        help_text="The role that leads the service, e.g. Head of Finance.",
    )
    directorate = models.CharField(
        max_length=200,
        blank=True,
        help_text="The directorate the service sits in, e.g. Finance and Resources.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="service_name_unique")
        ]

    def __str__(self) -> str:
        return self.name
