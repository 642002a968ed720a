"""A short, common search is asked case by case along the inbox's walk.

Seen at 1,000,000 cases: the first letter typed in the search box ("e") took 150–280 ms
before any row showed (830 ms in Closed), because every case matching it was gathered
before the walk took its first page. A word of one or two letters is one list in the
index (``prefix='1 2'``), so asking one case is a seek: the walk asks each case it
passes, and a page costs a few seeks per row. The answer must be the same cases, in
the same order, either way (``test_inbox_sorts``); these tests hold when the inbox
chooses it.
"""

from __future__ import annotations

import pytest
from factories import make_case, make_order, make_supplier

from returnsdesk.store import inbox
from returnsdesk.store.inbox import Filters, InboxQuery, View, case_ids
from returnsdesk.store.search import is_prefix_indexed, matching_share


@pytest.mark.parametrize(
    ("query", "indexed"),
    [
        ("e", True),
        ("em", True),
        ("e m", True),
        ("#1", True),  # the index sees the word "1"
        ("É", True),  # folded to "e"
        ("emm", False),
        ("lamp", False),
        ("e lamp", False),  # one long word is asked the slow way for every case
        ("", False),
        ("  ", False),
        ("#", False),
    ],
)
def test_only_words_as_short_as_the_kept_prefixes_are_asked_case_by_case(query, indexed):
    assert is_prefix_indexed(query) is indexed


@pytest.fixture
def forty_cases(store, now):
    """Forty cases: the first thirty for Chloé Dubois, the ten newest for Zoltan Kiss."""
    supplier = make_supplier()
    for number in range(1, 41):
        name, email = ("Chloé Dubois", "cd@example.com")
        if number > 30:
            name, email = ("Zoltan Kiss", "zk@example.com")
        order = make_order(f"#{number}", supplier, customer_name=name, customer_email=email)
        make_case(now, order=order)


def test_a_word_common_only_among_recent_cases_reads_as_rare(forty_cases):
    """The share is the lowest over ranges from the oldest case to the newest: a walk
    from the most urgent case could otherwise ask thousands of old cases in vain."""
    assert matching_share("zo") == 0.0
    assert matching_share("ch") >= 0.75
    assert matching_share("dubois") >= 0.75  # longer words are measured the same way
    assert matching_share("qq") == 0.0


def test_an_empty_store_or_query_shares_nothing(store):
    assert matching_share("e") == 0.0
    assert matching_share("!!") == 0.0


def test_a_page_of_a_common_short_search_is_read_case_by_case(forty_cases, now, monkeypatch):
    asked: list[str] = []
    real = inbox.match_condition

    def spy(query: str, case_id: str, case_by_case: bool = False) -> tuple[str, list[str]] | None:
        if case_by_case:
            asked.append(query)
        return real(query, case_id, case_by_case)

    monkeypatch.setattr(inbox, "match_condition", spy)
    monkeypatch.setattr(inbox, "BROAD_SEARCH", 1)
    query = InboxQuery(View.ALL, Filters(search="ch"))
    page = case_ids(query, now.date(), limit=5)
    assert asked == ["ch"]
    assert len(page) == 5
    case_ids(InboxQuery(View.ALL, Filters(search="zo")), now.date(), limit=5)
    assert asked == ["ch"]  # rare among the old cases: its matches are gathered
    case_ids(InboxQuery(View.ALL, Filters(search="dubois")), now.date(), limit=5)
    assert asked == ["ch"]  # a long word: gathered


def test_the_whole_id_list_is_never_read_case_by_case(forty_cases, now, monkeypatch):
    """Scrolling and the total read every match: a million seeks cost more than one
    gathering, so a read without a limit gathers."""

    real = inbox.match_condition

    def refuse(
        query: str, case_id: str, case_by_case: bool = False
    ) -> tuple[str, list[str]] | None:
        assert not case_by_case, "asked case by case"
        return real(query, case_id, case_by_case)

    monkeypatch.setattr(inbox, "match_condition", refuse)
    monkeypatch.setattr(inbox, "BROAD_SEARCH", 1)
    assert len(case_ids(InboxQuery(View.ALL, Filters(search="ch")), now.date())) == 30
