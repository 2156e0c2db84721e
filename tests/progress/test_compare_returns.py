"""The reviewer sees what changed since last quarter, word by word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from headway.progress.compare import FieldComparison, Piece, compare, word_diff

words = st.lists(
    st.sampled_from(["the", "payroll", "went", "live", "late", "in", "May", "\n\n", " ", "  "]),
    max_size=25,
)


def test_it_marks_the_words_put_in_and_taken_out() -> None:
    diff = word_diff("Go-live is planned for May.", "Go-live is planned for July.")
    assert diff.before == [Piece("Go-live is planned for ", "same"), Piece("May.", "removed")]
    assert diff.after == [Piece("Go-live is planned for ", "same"), Piece("July.", "added")]
    assert diff.changed


def test_it_marks_an_added_sentence_as_one_piece() -> None:
    diff = word_diff("Design agreed.", "Design agreed. Build started on time.")
    assert diff.after == [
        Piece("Design agreed. ", "same"),
        Piece("Build started on time.", "added"),
    ]


def test_spacing_alone_is_no_change() -> None:
    assert not word_diff(
        "Design agreed.\n\nBuild started.", "Design agreed. Build  started."
    ).changed


def test_an_empty_text_becomes_all_added() -> None:
    diff = word_diff("", "New this quarter.")
    assert diff.before == []
    assert diff.after == [Piece("New this quarter.", "added")]


@given(words, words)
def test_each_side_joins_back_into_its_own_text(old: list[str], new: list[str]) -> None:
    before, after = " ".join(old), " ".join(new)
    diff = word_diff(before, after)
    assert "".join(p.text for p in diff.before) == before
    assert "".join(p.text for p in diff.after) == after
    assert all(p.change in ("same", "removed") for p in diff.before)
    assert all(p.change in ("same", "added") for p in diff.after)


@given(words)
def test_a_text_compared_with_itself_has_no_change(text: list[str]) -> None:
    assert not word_diff(" ".join(text), " ".join(text)).changed


@given(words, words)
def test_the_kept_words_are_the_same_on_both_sides(old: list[str], new: list[str]) -> None:
    diff = word_diff(" ".join(old), " ".join(new))
    kept = [
        "".join(p.text for p in side if p.change == "same").split()
        for side in (diff.before, diff.after)
    ]
    assert kept[0] == kept[1]


def test_a_phrase_replaced_is_one_change() -> None:
    diff = word_diff("Status is on track now", "Status is at risk now")
    assert diff.before == [
        Piece("Status is ", "same"),
        Piece("on track", "removed"),
        Piece(" now", "same"),
    ]


def test_a_value_compared_whole_changes_whole() -> None:
    [status] = compare([("status", "Status", "Green: On track", "Amber: At risk")], ["status"])
    assert status.diff.before == [Piece("Green: On track", "removed")]
    assert status.diff.after == [Piece("Amber: At risk", "added")]
    [same] = compare([("status", "Status", "Green", "Green")], ["status"])
    assert not same.changed


def test_it_compares_fields_in_the_order_given() -> None:
    fields = compare([("status", "Status", "Green", "Amber"), ("risks", "Risks", "", "")])
    assert [f.label for f in fields] == ["Status", "Risks"]
    assert [f.changed for f in fields] == [True, False]
    assert isinstance(fields[0], FieldComparison)
