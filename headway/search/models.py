"""The stored search document: one row for each piece of text Headway can find.

The text itself is indexed by the database's own full-text search, set up by this app's
migration: on PostgreSQL a generated ``tsvector`` column with a GIN index (English
stemming), on SQLite an FTS5 table (Porter stemming) kept in step by triggers. Neither is a
model field: ``headway.search.engines`` reads them.
"""

from __future__ import annotations

from django.db import models

from headway.strategy.models import Initiative, Organisation, Priority, Service


class SearchEntry(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="search_entries"
    )
    # The registered source it came from (``headway.search.sources``) and its object there.
    source = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=400)
    body = models.TextField()
    # What the filters read: the financial quarter it is about, and the initiative, priority
    # and service it concerns, where it concerns one.
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    quarter = models.PositiveSmallIntegerField(null=True, blank=True)
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The day it was written or is about, for ordering equal matches (newest first).
    dated = models.DateField(null=True, blank=True)
    # Whether the members of each role read it by their role alone, as its source's own rule
    # says (``headway.search.audience`` works them out when the entry is written). A search
    # filters on these instead of asking the rule about each entry it matched.
    for_administrators = models.BooleanField(default=False)
    for_reviewers = models.BooleanField(default=False)
    for_service_leads = models.BooleanField(default=False)
    for_partner_contacts = models.BooleanField(default=False)
    for_viewers = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id"], name="search_entry_unique")
        ]
        indexes = [
            models.Index(
                fields=["organisation", "source", "object_id"], name="search_entry_org_source"
            )
        ]

    def __str__(self) -> str:
        return self.title
