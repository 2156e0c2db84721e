"""The scale an organisation rates progress on: BRAG by default, or its own."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction

from headway.strategy.models import Organisation


class StatusScale(models.Model):
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="status_scale"
    )
    name = models.CharField(max_length=100, default="BRAG")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class StatusValue(models.Model):
    class Tag(models.TextChoices):
        # The GOV.UK Frontend tag colours a value can be shown in.
        BLUE = "blue", "Blue"
        GREEN = "green", "Green"
        YELLOW = "yellow", "Yellow"
        ORANGE = "orange", "Orange"
        RED = "red", "Red"
        PURPLE = "purple", "Purple"
        GREY = "grey", "Grey"
        TEAL = "teal", "Teal"

    scale = models.ForeignKey(StatusScale, on_delete=models.CASCADE, related_name="values")
    position = models.PositiveSmallIntegerField(help_text="Order on the scale, best first.")
    code = models.SlugField(max_length=20)
    label = models.CharField(max_length=40)
    meaning = models.CharField(max_length=200)
    colour = models.CharField(max_length=7, help_text="Hex colour for charts, e.g. #00703c.")
    tag = models.CharField(max_length=10, choices=Tag.choices)
    means_complete = models.BooleanField(default=False)
    needs_mitigation = models.BooleanField(
        default=False, help_text="A return with this status must say what is being done about it."
    )

    class Meta:
        ordering = ["scale", "position"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "code"], name="status_code_unique"),
            models.UniqueConstraint(fields=["scale", "position"], name="status_position_unique"),
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        colour = self.colour or ""
        if not (len(colour) == 7 and colour.startswith("#")):
            raise ValidationError({"colour": "Enter a hex colour such as #00703c."})
        try:
            int(colour[1:], 16)
        except ValueError:
            raise ValidationError({"colour": "Enter a hex colour such as #00703c."}) from None


@dataclass(frozen=True)
class _Value:
    code: str
    label: str
    meaning: str
    colour: str
    tag: str
    means_complete: bool = False
    needs_mitigation: bool = False


BRAG = (
    _Value("blue", "Blue", "Complete", "#1d70b8", "blue", means_complete=True),
    _Value("green", "Green", "On track", "#00703c", "green"),
    _Value("amber", "Amber", "At risk, recoverable", "#f47738", "orange", needs_mitigation=True),
    _Value("red", "Red", "Off track, needs escalation", "#d4351c", "red", needs_mitigation=True),
)


@transaction.atomic
def ensure_status_scale(organisation: Organisation) -> StatusScale:
    """The organisation's scale, creating the default BRAG scale if it has none."""
    scale, created = StatusScale.objects.get_or_create(organisation=organisation)
    if created:
        StatusValue.objects.bulk_create(
            StatusValue(
                scale=scale,
                position=position,
                code=value.code,
                label=value.label,
                meaning=value.meaning,
                colour=value.colour,
                tag=value.tag,
                means_complete=value.means_complete,
                needs_mitigation=value.needs_mitigation,
            )
            for position, value in enumerate(BRAG, start=1)
        )
    return scale
