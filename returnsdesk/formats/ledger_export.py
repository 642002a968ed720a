"""Accounting export of the ledger: an .xlsx workbook or a CSV file.

The workbook has three sheets:

- **Ledger**: one row per entry dated in the period (real dates, amounts as
  numbers in the currency's number format, frozen header, autofilter), then
  the totals per currency;
- **Summary**: totals per month × kind × currency, then per supplier
  (claimed, recovered, outstanding — see ``services.ledger.supplier_money``);
- **Cases**: one row per case with entries in the period, with its money in
  that period (paid out, recovered, net cost).

The CSV holds the Ledger sheet (UTF-8 with a byte-order mark so spreadsheet
programs read accents right, amounts as plain ``-12.50`` text).

Text never turns into a formula or link: a text value starting with ``=``,
``+``, ``-``, ``@``, tab or CR is written as a string cell in the workbook
and prefixed with ``'`` in the CSV.

Files are written to a temporary file beside the target and moved into place,
so a crash or a cancel leaves the old file or none. openpyxl is imported on
first use only.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import current_language, norm_lang, t
from returnsdesk.domain.ledger import DIRECTION, LedgerKind, ledger_label
from returnsdesk.domain.money import format_plain
from returnsdesk.fileio import atomic_path
from returnsdesk.formats.ledger_columns import (
    FORMULA_STARTS,
    LEDGER_COLUMNS,
    Check,
    Progress,
    text,
)
from returnsdesk.formats.ledger_xlsx import number_format, write_xlsx
from returnsdesk.services import ledger_period

__all__ = [
    "LEDGER_COLUMNS",
    "ExportError",
    "ExportResult",
    "check_period",
    "export_ledger",
    "number_format",
    "text",
]


class ExportError(InputError):
    """The export cannot be made as asked."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    entries: int


def check_period(date_from: date | None, date_to: date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise ExportError(
            t(
                "The period starts ({date_from}) after it ends ({date_to}).",
                date_from=date_from,
                date_to=date_to,
            )
        )


def export_ledger(
    path: Path | str,
    date_from: date | None,
    date_to: date | None,
    *,
    progress: Progress | None = None,
    check: Check | None = None,
    lang: str | None = None,
) -> ExportResult:
    """Write the accounting export for the period (both ends included) to ``path``,
    headers and labels in ``lang`` (the window's language by default).

    The format follows the extension (.xlsx or .csv). ``progress(done, total)``
    is called as rows are written; ``check()`` may raise to cancel (the target
    is then left untouched).
    """
    path = Path(path)
    check_period(date_from, date_to)
    suffix = path.suffix.lower()
    if suffix not in {".xlsx", ".csv"}:
        raise ExportError(
            t(
                "Unknown export format {suffix!r}: use a .xlsx or .csv file name.",
                suffix=path.suffix or "(none)",
            )
        )
    if not path.parent.is_dir():
        raise ExportError(t("The folder {parent} does not exist.", parent=path.parent))
    writer = write_xlsx if suffix == ".xlsx" else _write_csv
    with atomic_path(path, suffix=suffix) as tmp:
        language = norm_lang(lang) if lang is not None else current_language()
        count = writer(tmp, date_from, date_to, progress or _no_progress, check, language)
    return ExportResult(path, count)


def _no_progress(done: int, total: int) -> None:
    pass


def _safe_csv(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


# --- CSV ---------------------------------------------------------------------------------


def _write_csv(
    target: Path,
    date_from: date | None,
    date_to: date | None,
    progress: Progress,
    check: Check | None,
    lang: str,
) -> int:
    total = ledger_period.count_in_period(date_from, date_to)
    progress(0, total)
    if check:
        check()
    sums: dict[str, int] = {}
    done = 0
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow([text(c, lang) for c in LEDGER_COLUMNS])
        for row in ledger_period.iter_period_rows(date_from, date_to):
            (eid, day, _case, rma, order, customer, supplier, _fault, kind, amount, signed) = row[
                :11
            ]
            currency, method, reference, memo, reverses, reversed_by, override = row[11:18]
            sums[currency] = sums.get(currency, 0) + signed
            out.writerow(
                [
                    eid,
                    day,
                    _safe_csv(rma),
                    _safe_csv(order),
                    _safe_csv(customer),
                    _safe_csv(supplier),
                    ledger_label(kind, lang),
                    text(DIRECTION[LedgerKind(kind)], lang),
                    format_plain(amount, currency),
                    format_plain(signed, currency),
                    currency,
                    _safe_csv(method),
                    _safe_csv(reference),
                    _safe_csv(memo),
                    reverses or "",
                    reversed_by or "",
                    _safe_csv(override),
                ]
            )
            done += 1
            if done % 5000 == 0:
                if check:
                    check()
                progress(done, total)
        out.writerow([])
        for currency in sorted(sums):
            out.writerow(
                [f"{text('total', lang)} {currency}"]
                + [""] * 8
                + [format_plain(sums[currency], currency), currency]
            )
    progress(done, total)
    return done
