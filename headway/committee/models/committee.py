"""The committee a report goes to, its members and meetings, and its report template."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from headway.strategy.models import Organisation, Partner


class Committee(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="committees"
    )
    name = models.CharField(max_length=200, help_text="As the report header gives it.")
    slug = models.SlugField(max_length=80)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="committee_slug_unique")
        ]

    def __str__(self) -> str:
        return self.name


class CommitteeMember(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=100, blank=True, help_text="e.g. Chair, Member.")
    council = models.ForeignKey(
        Partner, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["committee", "name"]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()
    venue = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["committee", "date"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "date"], name="meeting_date_unique")
        ]

    def __str__(self) -> str:
        return f"{self.committee} {self.date:%-d %B %Y}"


class ReportTemplate(models.Model):
    """What a committee's cover report holds: its header fields and implications sections.

    The default follows the reference reports (Legal, Financial and HR implications);
    many councils' templates also ask for Equalities and Environmental implications.
    """

    class Implication(models.TextChoices):
        LEGAL = "legal", "Legal implications and risks"
        FINANCIAL = "financial", "Financial Implications and risks"
        HR = "hr", "HR Implications and risks"
        EQUALITIES = "equalities", "Equalities implications and risks"
        ENVIRONMENTAL = "environmental", "Environmental and climate change implications and risks"

    class HeaderField(models.TextChoices):
        SUBJECT = "subject", "Subject heading"
        AUTHOR = "author", "Report author and contact details"
        FINANCIAL_SUMMARY = "financial_summary", "Financial summary"
        POLICY_CONTEXT = "policy_context", "Policy context"
        WARDS = "wards", "Wards affected"

    DEFAULT_HEADER_FIELDS = ["subject", "author", "financial_summary"]
    DEFAULT_IMPLICATIONS = ["legal", "financial", "hr"]

    committee = models.OneToOneField(Committee, on_delete=models.CASCADE, related_name="template")
    header_fields = models.JSONField(default=list, blank=True)
    implications = models.JSONField(default=list, blank=True)
    docx_template = models.FileField(
        upload_to="report-templates/",
        blank=True,
        help_text="The committee's own Word template (.docx). Headway's default is used if empty.",
    )

    def __str__(self) -> str:
        return f"Report template for {self.committee}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.pk and not self.header_fields:
            self.header_fields = list(self.DEFAULT_HEADER_FIELDS)
        if not self.pk and not self.implications:
            self.implications = list(self.DEFAULT_IMPLICATIONS)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        for field, choices in (
            ("header_fields", self.HeaderField.values),
            ("implications", self.Implication.values),
        ):
            value = getattr(self, field)
            unknown = [v for v in value or [] if v not in choices]
            if not isinstance(value, list) or unknown:
                errors[field] = f"Choose from: {', '.join(choices)}."
            elif len(set(value)) != len(value):
                errors[field] = "Name each one once."
        if errors:
            raise ValidationError(errors)

    @property
    def implication_labels(self) -> list[tuple[str, str]]:
        return [(key, self.Implication(key).label) for key in self.implications]
