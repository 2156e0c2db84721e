"""Which initiative a proposed change is about: the initiatives on the maps to choose from.

A small organisation's list is short enough to choose from whole. A large one's is not (840
options made the page 98 KB, and 10,000 would make it a megabyte), so the page lists at most
``SHOWN`` and finds the rest by words from their title, their service or their reference.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from headway.strategy.models import Initiative, Organisation

# The most initiatives the page lists at once.
SHOWN = 100
# Words beyond these are ignored: a title is rarely longer.
MOST_WORDS = 12


@dataclass(frozen=True)
class InitiativeChoices:
    """The initiatives shown, out of how many match the words, out of how many are on the maps."""

    shown: list[Initiative]
    matching: int
    on_map: int
    words: str

    @property
    def finds_by_words(self) -> bool:
        """Whether the page asks for words: the list is too long to show whole, or words were
        given (so that a search that matched nothing can be tried again)."""
        return self.on_map > SHOWN or bool(self.words)

    @property
    def left_out(self) -> int:
        return self.matching - len(self.shown)

    @property
    def listed(self) -> str:
        """Which initiatives the list holds, when that is not simply all of them."""
        count = len(self.shown)
        if self.words and self.left_out:
            return f"The {count} of {self.matching} matching “{self.words}”, by title."
        if self.words:
            if self.matching == 1:
                return f"1 initiative matches “{self.words}”."
            return f"{self.matching} initiatives match “{self.words}”."
        if self.left_out:
            return f"The first {count} by title: find the initiative by its words to list others."
        return ""


def on_the_maps(organisation: Organisation) -> QuerySet[Initiative]:
    return Initiative.objects.filter(organisation=organisation).exclude(
        status__in=Initiative.OFF_MAP_STATUSES
    )


def initiative_choices(organisation: Organisation, words: str = "") -> InitiativeChoices:
    """The initiatives on the maps that have every one of ``words`` in their title or their
    service's name, or as their reference; the first ``SHOWN`` of them by title."""
    kept = words.split()[:MOST_WORDS]
    on_map = on_the_maps(organisation)
    matches = on_map
    for word in kept:
        matches = matches.filter(
            Q(title__icontains=word)
            | Q(service__name__icontains=word)
            | Q(external_reference__iexact=word)
        )
    shown = list(matches.select_related("service").order_by("title", "pk")[: SHOWN + 1])
    matching = len(shown) if len(shown) <= SHOWN else matches.count()
    on_map_count = on_map.count() if kept else matching
    return InitiativeChoices(shown[:SHOWN], matching, on_map_count, " ".join(kept))
