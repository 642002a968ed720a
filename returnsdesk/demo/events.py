"""Timeline rows of the sample data, written as the services write them: a code with its
parameters and the English sentence, so the window shows them in its own language."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from returnsdesk.domain.event_text import event_sentence
from returnsdesk.store.models import to_stamp


def event_row(
    case_id: int,
    at: datetime,
    kind: str,
    code: str,
    params: Mapping[str, object],
    from_status: str = "",
    to_status: str = "",
) -> tuple[object, ...]:
    """A ``case_event`` row: case_id, at, kind, from_status, to_status, text, code, params."""
    return (
        case_id,
        to_stamp(at),
        kind,
        from_status,
        to_status,
        event_sentence(code, params, "en"),
        code,
        json.dumps(dict(params), ensure_ascii=False, sort_keys=True),
    )
