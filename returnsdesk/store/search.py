"""Full-text search over cases (SQLite FTS5, diacritics removed).

The index row of a case is rebuilt from its order, customer, lines and notes
by ``index_case`` inside the same transaction as the write that changed them.
User queries are turned into quoted prefix terms, so no input can be an FTS5
syntax error: ``ecran`` finds ``écran``, ``#1042`` finds order 1042.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from returnsdesk.domain.text import fold_for_search
from returnsdesk.store.connection import Database, database
from returnsdesk.store.sql_lists import execute_in

INDEX_SOURCE = """
SELECT c.id, c.rma,
       o.number || ' ' || ltrim(o.number, '#'),
       rd_fold(cu.name || ' ' || cu.email),
       rd_fold(COALESCE((SELECT group_concat(ol.title || ' ' || ol.variant || ' ' || ol.sku, ' ')
                 FROM order_line ol WHERE ol.order_id = o.id), '')),
       o.tracking_number || ' ' || c.return_tracking || ' ' || c.supplier_reference
           || ' ' || c.return_label_ref || ' ' || c.chargeback_reference,
       rd_fold(c.notes || ' ' || c.reason_note)
FROM "case" c
JOIN "order" o ON o.id = c.order_id
JOIN customer cu ON cu.id = o.customer_id
"""
_INSERT = "INSERT INTO case_search(rowid, rma, order_number, customer, products, tracking, notes) "

#: The prefix lengths the index keeps lists of cases for (``prefix='1 2'``, migration 21).
INDEXED_PREFIX = 2
#: ``matching_share`` looks at this many ranges of this many case ids.
SHARE_WINDOWS = 4
SHARE_WINDOW_WIDTH = 500

_WORD = re.compile(r"\w", re.UNICODE)
#: Control characters (NUL included), lone surrogates and unassigned code points become
#: spaces: SQLite stops a string at NUL ("unterminated string") and cannot encode surrogates.
_UNSAFE_CATEGORIES = {"Cc", "Cs", "Cn"}


def _searchable(text: str) -> str:
    return "".join(" " if unicodedata.category(ch) in _UNSAFE_CATEGORIES else ch for ch in text)


def index_cases(case_ids: Iterable[int], db: Database = database) -> None:
    """Refresh the index rows of the given cases (call inside the writing transaction)."""
    ids = list(case_ids)
    execute_in(db, "DELETE FROM case_search WHERE rowid IN ({marks})", ids)
    execute_in(db, _INSERT + INDEX_SOURCE + " WHERE c.id IN ({marks})", ids)


def index_case(case_id: int, db: Database = database) -> None:
    index_cases([case_id], db)


def index_cases_of_order(order_id: int, db: Database = database) -> None:
    rows = db.execute_sql('SELECT id FROM "case" WHERE order_id = ?', (order_id,)).fetchall()
    index_cases([r[0] for r in rows], db)


def rebuild_index(db: Database = database) -> None:
    db.execute_sql("DELETE FROM case_search")
    db.execute_sql(_INSERT + INDEX_SOURCE)


def _terms(query: str) -> list[str]:
    """The words of free text as the index folds them (punctuation-only ones dropped)."""
    return [t for t in fold_for_search(_searchable(query)).split() if _WORD.search(t)]


def build_match(query: str) -> str | None:
    """Turn free text into an FTS5 MATCH expression of quoted prefix terms (AND-ed).

    Returns None when the text holds nothing searchable (only spaces or punctuation).
    """
    terms = ['"' + term.replace('"', '""') + '"*' for term in _terms(query)]
    return " ".join(terms) if terms else None


def matching_case_ids_sql(query: str) -> tuple[str, list[str]] | None:
    """SQL fragment selecting the ids of matching cases, for use in ``id IN (...)``."""
    match = build_match(query)
    if match is None:
        return None
    return "SELECT rowid FROM case_search WHERE case_search MATCH ?", [match]


def match_condition(
    query: str, case_id: str, case_by_case: bool = False
) -> tuple[str, list[str]] | None:
    """SQL condition: the case whose id is ``case_id`` matches ``query``. Its matches
    are gathered first, or, ``case_by_case``, each case is asked (a seek in the index
    for each case; see ``is_prefix_indexed``). None when nothing is searchable."""
    match = build_match(query)
    if match is None:
        return None
    if case_by_case:
        asked = "SELECT 1 FROM case_search WHERE case_search MATCH ? AND rowid = "
        return f"EXISTS ({asked}{case_id})", [match]
    return f"{case_id} IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)", [match]


def is_prefix_indexed(query: str) -> bool:
    """Whether every term of ``query`` is as short as the prefixes the index keeps
    (``prefix='1 2'``). Such a term is one list of cases, so asking whether one case
    matches it is a seek (about 60 µs at 1,000,000 cases); a longer term is the merge
    of every word it begins, built anew for each case asked (8 ms for "lamp")."""
    terms = _terms(query)
    return bool(terms) and all(len(_WORD.findall(term)) <= INDEXED_PREFIX for term in terms)


def matching_share(query: str, db: Database = database) -> float:
    """About which share of the cases ``query`` matches, at least: the lowest of its
    shares in a few ranges of case ids spread from the oldest to the newest (each read
    in under a millisecond), so a word common only among recent cases reads as rare."""
    match = build_match(query)
    low, high = db.execute_sql(  # two lookups: min() and max() together scan the table
        'SELECT (SELECT min(id) FROM "case"), (SELECT max(id) FROM "case")'
    ).fetchone()
    if match is None or low is None:
        return 0.0
    shares = []
    for window in range(1, SHARE_WINDOWS + 1):
        last = low + (high - low) * window // SHARE_WINDOWS
        first = max(low, last - SHARE_WINDOW_WIDTH + 1)
        cases = db.execute_sql(
            'SELECT count(*) FROM "case" WHERE id BETWEEN ? AND ?', (first, last)
        ).fetchone()[0]
        matched = db.execute_sql(
            "SELECT count(*) FROM case_search WHERE case_search MATCH ? "
            "AND rowid >= ? AND rowid <= ?",
            (match, first, last),
        ).fetchone()[0]
        shares.append(matched / cases if cases else 0.0)
    return min(shares)


def search_case_ids(query: str, limit: int = 200, db: Database = database) -> list[int]:
    built = matching_case_ids_sql(query)
    if built is None:
        return []
    sql, params = built
    rows = db.execute_sql(f"{sql} ORDER BY rank LIMIT ?", [*params, limit]).fetchall()
    return [int(r[0]) for r in rows]


def matches_at_least(query: str, count: int, db: Database = database) -> bool:
    """Whether ``query`` matches ``count`` cases or more (reads at most ``count`` ids)."""
    built = matching_case_ids_sql(query)
    if built is None:
        return False
    sql, params = built
    row = db.execute_sql(f"SELECT count(*) FROM ({sql} LIMIT ?)", [*params, count]).fetchone()
    return int(row[0]) >= count
