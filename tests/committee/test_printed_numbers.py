"""The report page shows each paragraph's number as the document model will print it."""

from __future__ import annotations

from headway.committee.compose.document import ContentSection, PrintedNumbers, printed_numbers


def section(key: str, count: int, numbered: bool = False) -> ContentSection:
    return ContentSection(
        key, key.title(), numbered, tuple(("", f"{key} {i}") for i in range(count))
    )


def test_numbered_sections_number_their_paragraphs_by_position() -> None:
    numbers = printed_numbers(
        [
            section("summary", 2),
            section("recommendations", 2),
            section("background", 3, numbered=True),
            section("progress", 2, numbered=True),
            section("implications", 2),
            section("appendices", 1),
        ]
    )
    assert numbers == [
        PrintedNumbers(None, (None, None)),
        PrintedNumbers(None, ("1", "2")),
        PrintedNumbers("1", ("1.1", "1.2", "1.3")),
        PrintedNumbers("2", ("2.1", "2.2")),
        PrintedNumbers(None, (None, None)),
        PrintedNumbers(None, ("1",)),
    ]


def test_an_empty_numbered_section_still_takes_its_number() -> None:
    numbers = printed_numbers(
        [section("background", 0, numbered=True), section("progress", 1, numbered=True)]
    )
    assert numbers == [PrintedNumbers("1", ()), PrintedNumbers("2", ("2.1",))]
