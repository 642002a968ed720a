"""What needs doing, counted for the window: each inbox view and the overdue supplier replies.

The counts are of the whole store, never of a search or filter: the view tabs, the
status bar and the navigation say how much work there is, while the line under
the table says how many cases the current search shows. The window reads them off
the GUI thread after a write or a refresh, never on a keystroke.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from returnsdesk.services.clock import resolve
from returnsdesk.store.inbox import Filters, View, overdue_replies, view_counts
from returnsdesk.store.models import to_stamp


@dataclass(frozen=True)
class WorkCounts:
    #: How many cases each inbox view holds.
    views: Mapping[View, int]
    #: Claims to suppliers whose reply is overdue.
    overdue_replies: int

    @property
    def needs_action(self) -> int:
        return self.views[View.NEEDS_ACTION]


def work_counts(now: datetime | None = None) -> WorkCounts:
    moment = resolve(now)
    return WorkCounts(view_counts(Filters(), moment.date()), overdue_replies(to_stamp(moment)))
