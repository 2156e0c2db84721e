"""What changed between last quarter's approved return and this one, for the reviewer.

Pure functions: texts in, marked-up pieces out. A text is compared word by word, so a
reviewer sees the sentence someone added, not a whole paragraph marked as new.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property
from typing import Literal

Change = Literal["same", "added", "removed"]

# Words and the spaces between them, so that joining the pieces gives back the text.
_TOKENS = re.compile(r"\s+|[^\s]+")
_EDGES = re.compile(r"(\s*)(.*?)(\s*)", re.DOTALL)


@dataclass(frozen=True)
class Piece:
    text: str
    change: Change


@dataclass(frozen=True)
class WordDiff:
    """Both texts cut into pieces: ``before`` marks the words taken out, ``after`` those put in.

    Joining the pieces of ``before`` gives the old text exactly, and of ``after`` the new.
    """

    before: list[Piece]
    after: list[Piece]

    @property
    def changed(self) -> bool:
        return any(piece.change != "same" for piece in (*self.before, *self.after))


def _merge(pieces: Iterable[Piece]) -> list[Piece]:
    """Join neighbouring pieces of the same kind, so a changed phrase is marked once.

    Spaces at the edges of a change are never marked as changed.
    """
    return _joined(_trimmed(_joined(pieces)))


def _joined(pieces: Iterable[Piece]) -> list[Piece]:
    merged: list[Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if merged and merged[-1].change == piece.change:
            merged[-1] = Piece(merged[-1].text + piece.text, piece.change)
        else:
            merged.append(piece)
    return merged


def _trimmed(pieces: Iterable[Piece]) -> Iterable[Piece]:
    """Changed pieces without the spaces around them, which are kept rather than changed."""
    for piece in pieces:
        if piece.change == "same":
            yield piece
            continue
        lead, core, tail = _EDGES.fullmatch(piece.text).groups()  # type: ignore[union-attr]
        yield Piece(lead, "same")
        yield Piece(core, piece.change)
        yield Piece(tail, "same")


def word_diff(before: str, after: str) -> WordDiff:
    """Compare two texts word by word; differences in spacing alone are no change."""
    old = _TOKENS.findall(before)
    new = _TOKENS.findall(after)
    matcher = SequenceMatcher(
        a=[token if token.strip() else " " for token in old],
        b=[token if token.strip() else " " for token in new],
        autojunk=False,
    )
    left: list[Piece] = []
    right: list[Piece] = []
    opcodes = matcher.get_opcodes()
    for index, (op, a1, a2, b1, b2) in enumerate(opcodes):
        # A lone space kept between two changes belongs to them: "On track" -> "At risk"
        # is one change, not two.
        between_changes = 0 < index < len(opcodes) - 1 and not "".join(old[a1:a2]).strip()
        same = op == "equal" and not between_changes
        left.append(Piece("".join(old[a1:a2]), "same" if same else "removed"))
        right.append(Piece("".join(new[b1:b2]), "same" if same else "added"))
    return WordDiff(_merge(left), _merge(right))


@dataclass(frozen=True)
class FieldComparison:
    """One field of a return: what it said last time, what it says now, and the difference."""

    name: str
    label: str
    before: str
    after: str
    # A value such as a status or a date changes as a whole; a text changes word by word.
    by_words: bool = True

    @cached_property
    def diff(self) -> WordDiff:
        if self.by_words:
            return word_diff(self.before, self.after)
        if _same(self.before, self.after):
            return WordDiff([Piece(self.before, "same")], [Piece(self.after, "same")])
        return WordDiff(
            [Piece(self.before, "removed")] if self.before else [],
            [Piece(self.after, "added")] if self.after else [],
        )

    @property
    def changed(self) -> bool:
        return self.diff.changed


def _same(before: str, after: str) -> bool:
    return before.split() == after.split()


def compare(
    fields: Iterable[tuple[str, str, str, str]], whole: Iterable[str] = ()
) -> list[FieldComparison]:
    """Each ``(name, label, before, after)`` as a comparison, in the order given.

    Fields named in ``whole`` are compared as single values rather than word by word.
    """
    values = set(whole)
    return [
        FieldComparison(name, label, before, after, by_words=name not in values)
        for name, label, before, after in fields
    ]
