"""What the inbox reads, for the window and the exports: the query types, the paged rows
and the filters' choices. The SQL stays in ``store.inbox``; nothing above services
imports the store for the inbox."""

from __future__ import annotations

from returnsdesk.store import inbox as _store

Column = _store.Column
Filters = _store.Filters
InboxQuery = _store.InboxQuery
InboxRow = _store.InboxRow
View = _store.View
case_ids = _store.case_ids
fetch_rows = _store.fetch_rows
distinct_currencies = _store.distinct_currencies
supplier_choices = _store.supplier_choices


__all__ = [
    "Column",
    "Filters",
    "InboxQuery",
    "InboxRow",
    "View",
    "case_ids",
    "distinct_currencies",
    "fetch_rows",
    "supplier_choices",
]
