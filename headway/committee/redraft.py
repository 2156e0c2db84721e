"""What a section looks like after it is redrafted from newer figures.

Officers edit, add, move and remove paragraphs; redrafting must not undo any of that. Each
drafted paragraph carries the composer's key for it ("figures", "going-forward"), so the new
draft can be matched to the officer's copy wherever they moved it. Pure: no database.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from headway.committee.compose.cover import DraftParagraph


@dataclass(frozen=True)
class Kept:
    """A paragraph as the report holds it. ``key`` is empty for one an officer added."""

    text: str
    label: str = ""
    drafted_text: str = ""
    key: str = ""

    @property
    def is_edited(self) -> bool:
        return self.text != self.drafted_text


def keyed(drafted: Sequence[DraftParagraph]) -> list[DraftParagraph]:
    """The drafted paragraphs, each with a key of its own (by position where it gave none)."""
    seen: set[str] = set()
    result = []
    for index, paragraph in enumerate(drafted, start=1):
        key = paragraph.key or f"paragraph-{index}"
        if key in seen:
            key = f"{key}-{index}"
        seen.add(key)
        result.append(DraftParagraph(paragraph.text, paragraph.label, key))
    return result


def merge(
    drafted: Sequence[DraftParagraph], current: Sequence[Kept], drafted_before: Collection[str]
) -> list[Kept]:
    """The section's paragraphs after a redraft, in order.

    - A drafted paragraph nobody edited takes the new draft's words.
    - An edited paragraph keeps the officer's words, and stays where they put it.
    - A paragraph an officer added stays where they put it.
    - A drafted paragraph an officer removed stays removed.
    - A paragraph the composer no longer writes goes, unless it was edited: then it stays,
      as the officer's own.
    - A paragraph the composer writes for the first time goes after the one drafted before it.
    """
    new = {paragraph.key: paragraph for paragraph in drafted}
    result: list[Kept] = []
    for paragraph in current:
        draft = new.get(paragraph.key) if paragraph.key else None
        if draft is not None:
            text = paragraph.text if paragraph.is_edited else draft.text
            result.append(Kept(text, draft.label, draft.text, draft.key))
        elif not paragraph.key or paragraph.is_edited:
            result.append(Kept(paragraph.text, paragraph.label))
    earlier: str | None = None
    for draft in drafted:
        if draft.key not in drafted_before and not any(p.key == draft.key for p in result):
            index = _after(result, earlier)
            result.insert(index, Kept(draft.text, draft.label, draft.text, draft.key))
        if any(p.key == draft.key for p in result):
            earlier = draft.key
    return result


def _after(paragraphs: list[Kept], key: str | None) -> int:
    for index, paragraph in enumerate(paragraphs):
        if key is not None and paragraph.key == key:
            return index + 1
    return 0 if key is None else len(paragraphs)
