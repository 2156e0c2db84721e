"""Who delivers the strategy (an organisation and its services) and for whom (partners)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

COLOUR = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", "Enter a colour as a # and six hexadecimal digits, like #1d70b8."
)

# How long the audit page's entries are kept (headway.audit.retention): years, whole.
AUDIT_RETENTION_DEFAULT, AUDIT_RETENTION_MIN, AUDIT_RETENTION_MAX = 7, 1, 50
AUDIT_RETENTION_MESSAGE = (
    f"Keep the audit record for between {AUDIT_RETENTION_MIN} and {AUDIT_RETENTION_MAX} years."
)


def _branding_path(organisation: Organisation, filename: str) -> str:
    return f"branding/{organisation.slug}/{filename}"


class Organisation(models.Model):
    """A public body, or a shared service such as oneSource, that runs a strategy."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(
        max_length=60, blank=True, help_text="How reports refer to it, e.g. “one source”."
    )
    slug = models.SlugField(max_length=60, unique=True)
    # The council's look in its committee packs (see strategy.branding); blank is Headway's
    # plain default: black headings on white, no logo, the built-in slide layouts.
    logo = models.FileField(upload_to=_branding_path, blank=True)
    colour = models.CharField(
        max_length=7,
        default="#0b0c0c",
        validators=[COLOUR],
        help_text="Slide titles and table headings.",
    )
    accent_colour = models.CharField(
        max_length=7,
        default="#1d70b8",
        validators=[COLOUR],
        help_text="The rule on the title slide and under each slide's footer.",
    )
    deck_template = models.FileField(upload_to=_branding_path, blank=True)
    # Off once the organisation's people sign in through their councils' own accounts (see
    # headway.accounts.local_passwords).
    allow_local_passwords = models.BooleanField(
        default=True,
        help_text="Let people sign in with a password Headway keeps, as well as with their "
        "council's account.",
    )
    # Administrators who sign in with a password always take a second step (an authenticator
    # app's code or a security key); this asks it of everyone else too. A council's own
    # account is not asked for one: the council's service asks (headway.accounts.second_factor).
    require_second_factor = models.BooleanField(
        default=False,
        help_text="Ask everyone who signs in with a Headway password for a second step, not "
        "only administrators.",
    )
    audit_retention_years = models.PositiveSmallIntegerField(
        "keep the audit record for this many years",
        default=AUDIT_RETENTION_DEFAULT,
        validators=[
            MinValueValidator(AUDIT_RETENTION_MIN, AUDIT_RETENTION_MESSAGE),
            MaxValueValidator(AUDIT_RETENTION_MAX, AUDIT_RETENTION_MESSAGE),
        ],
        help_text="Changes, sign-ins and token use older than this are deleted each night.",
    )

    history = HistoricalRecords()

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

    history = HistoricalRecords()

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

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="service_name_unique")
        ]

    def __str__(self) -> str:
        return self.name
