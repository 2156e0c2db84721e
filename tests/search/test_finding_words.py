"""Finding words in any form, as phrases or alternatives, with the match marked safely.

PostgreSQL's headline quotes a passage without the tags in it; SQLite's snippet quotes the text
as written. Either way the page escapes it before marking the matches."""

from __future__ import annotations

from django.core.management import call_command
from django.db import connection

from headway.accounts.models import User
from headway.committee.drafting import edit_paragraph, move_paragraph, remove_paragraph
from headway.progress.models import Update
from headway.search.engines import terms
from headway.search.finding import EMPTY_QUERY, search
from headway.search.models import SearchEntry
from tests.search.conftest import World, add_paragraph, membership


def titles(user: User, text: str, **query: str) -> list[str]:
    return [hit.title for hit in search(membership(user), text, query).hits]


def test_it_finds_a_word_in_another_form(world: World, admin_user: User) -> None:
    # "pauses" and "paused" share the stem "paus", on both databases.
    assert titles(admin_user, "pauses") == ["Replace the general ledger: 2021-22 Q2 return"]


def test_it_finds_every_kind_of_text(world: World, admin_user: User) -> None:
    kinds = {hit.kind for hit in search(membership(admin_user), "pandemic").hits}
    assert kinds == {
        "Report",
        "Return",
        "Change request",
        "Consultation answer",
        "Organisational change",
    }


def test_it_needs_every_word(world: World, admin_user: User) -> None:
    assert titles(admin_user, "pandemic ledger") == [
        "Replace the general ledger: 2021-22 Q2 return"
    ]
    assert titles(admin_user, "pandemic zebra") == []


def test_or_accepts_either_word(world: World, admin_user: User) -> None:
    found = titles(admin_user, "switches or balances")
    assert sorted(found) == [
        "Replace the general ledger: 2021-22 Q2 return",
        "Upgrade the network: 2021-22 Q3 return",
    ]


def test_quotes_find_words_together(world: World, admin_user: User) -> None:
    assert len(titles(admin_user, '"interim reporting"')) == 1
    assert titles(admin_user, '"reporting interim"') == []


def test_the_matching_words_are_marked_in_the_snippet(world: World, admin_user: User) -> None:
    hits = search(membership(admin_user), "balances").hits
    assert "<mark>balances</mark>" in str(hits[0].snippet)


def test_markup_in_the_text_stays_text(world: World, admin_user: User) -> None:
    add_paragraph(
        world.drafted, 'Beware <script>alert("x")</script> and <b>bold</b> claims of savings.'
    )
    snippet = str(search(membership(admin_user), "savings").hits[0].snippet)
    assert "<script>" not in snippet and "<b>" not in snippet
    assert "<mark>savings</mark>" in snippet
    if connection.vendor == "sqlite":
        assert "&lt;script&gt;" in snippet and "&lt;b&gt;bold&lt;/b&gt;" in snippet
    else:
        # PostgreSQL's headline leaves tags out of the passage it quotes, keeping their text.
        assert "alert(&quot;x&quot;)" in snippet and " bold " in snippet


def test_the_engine_s_marks_cannot_be_typed_into_the_text(world: World, admin_user: User) -> None:
    add_paragraph(world.drafted, "Forged \x02mark\x03 around procurement.")
    snippet = str(search(membership(admin_user), "procurement").hits[0].snippet)
    assert snippet.count("<mark>") == 1 and "<mark>procurement</mark>" in snippet


def test_words_that_are_only_punctuation_are_refused(world: World, admin_user: User) -> None:
    results = search(membership(admin_user), "!!! ...")
    assert results.problem == EMPTY_QUERY and results.hits == []
    assert not terms('"" -')


def test_query_syntax_of_the_engine_is_taken_as_words(world: World, admin_user: User) -> None:
    for text in ['pandemic"', "NEAR(pandemic", "pandemic*", "body:pandemic", "AND pandemic"]:
        assert search(membership(admin_user), text).problem == ""


def test_an_edited_paragraph_is_found_by_its_new_words(world: World, admin_user: User) -> None:
    paragraph = add_paragraph(world.drafted, "The canteen reopened.")
    assert titles(admin_user, "canteen")
    edit_paragraph(paragraph, "The cafeteria reopened.")
    assert titles(admin_user, "canteen") == []
    assert titles(admin_user, "cafeteria")


def test_a_moved_paragraph_is_found_under_its_new_number(world: World, admin_user: User) -> None:
    add_paragraph(world.drafted, "The canteen reopened.")
    moved = add_paragraph(world.drafted, "The orchard was replanted.")
    before = titles(admin_user, "orchard")
    assert len(before) == 1 and before[0].endswith("paragraph 1.3")
    move_paragraph(moved, -1)
    assert [t.rsplit(" ", 1)[-1] for t in titles(admin_user, "orchard")] == ["1.2"]
    assert [t.rsplit(" ", 1)[-1] for t in titles(admin_user, "canteen")] == ["1.3"]


def test_a_deleted_return_is_no_longer_found(world: World, admin_user: User) -> None:
    world.draft.delete()
    assert "Upgrade the network: 2021-22 Q3 return" not in titles(admin_user, "switches")


def test_reindex_finds_what_bulk_writes_left_out(world: World, admin_user: User) -> None:
    Update.objects.filter(pk=world.draft.pk).update(narrative="Fibre to every library.")
    assert titles(admin_user, "fibre") == []
    call_command("reindex", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert titles(admin_user, "fibre") == ["Upgrade the network: 2021-22 Q3 return"]
    assert SearchEntry.objects.filter(organisation=world.org).count() == 7


def test_it_runs_on_this_database_s_own_full_text_search(world: World) -> None:
    table = "search_fts" if connection.vendor == "sqlite" else "search_searchentry"
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH 'pandemic'")
        else:
            cursor.execute(
                f"SELECT count(*) FROM {table} "
                "WHERE document @@ websearch_to_tsquery('english', 'pandemic')"
            )
        assert cursor.fetchone()[0] == 7


def test_a_removed_paragraph_or_change_is_no_longer_found(world: World, admin_user: User) -> None:
    paragraph = add_paragraph(world.drafted, "A paragraph about the orchestra.")
    assert titles(admin_user, "orchestra")
    remove_paragraph(paragraph)
    world.organisational_change.delete()
    assert titles(admin_user, "orchestra") == []
    assert "Organisational change" not in {
        hit.kind for hit in search(membership(admin_user), "pandemic").hits
    }
