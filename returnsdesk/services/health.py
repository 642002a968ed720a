"""The store health check (``returnsdesk check``, Help → Check the store…) and its repairs.

Checked, in order: the database file (``integrity_check``) and its foreign keys;
the ledger's rules (every reversal cancels one existing, identical entry; nothing
is reversed twice; customer refunds stay within the order total unless
overridden; the period totals equal a plain sum of the entries); every evidence
file against its hash; files in the evidence folder the store does not know and
partial copies an interrupted import left behind; the search index against the
cases.

``--repair`` fixes what can be fixed without judgement: it removes leftovers and
unknown files (nothing a case links) and rebuilds the search index. Damage to the
database or the ledger is reported, never "repaired": restore from a backup.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from returnsdesk.domain.ledger import DIRECTION, Direction, net_amount
from returnsdesk.services import evidence
from returnsdesk.services.leftovers import is_leftover
from returnsdesk.store import health_sql, ledger_sql
from returnsdesk.store.db import write
from returnsdesk.store.search import rebuild_index

Check = Callable[[], None] | None
Progress = Callable[[int, int], None] | None


class Area(StrEnum):
    DATABASE = "database"
    LEDGER = "ledger"
    EVIDENCE = "evidence"
    SEARCH = "search"


@dataclass(frozen=True)
class Finding:
    area: Area
    text: str
    #: ``check --repair`` can fix it without losing anything.
    repairable: bool = False


@dataclass
class HealthReport:
    findings: list[Finding] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    evidence_checked: int = 0
    cases: int = 0

    @property
    def ok(self) -> bool:
        return not self.findings

    def summary(self, repair_hint: str = " with --repair") -> str:
        if self.ok and not self.repaired:
            return (
                f"The store is healthy: {self.cases:,} cases, {self.evidence_checked:,} evidence "
                "files checked, ledger and search index consistent."
            )
        parts = []
        if self.repaired:
            parts.append(f"Repaired: {'; '.join(self.repaired)}.")
        if self.findings:
            fixable = sum(1 for f in self.findings if f.repairable)
            parts.append(
                f"{len(self.findings)} problem(s) found"
                + (f", {fixable} of them repairable{repair_hint}" if fixable else "")
                + "."
            )
        else:
            parts.append("No problems left.")
        return " ".join(parts)


STEPS = 5


def _ledger_findings() -> list[Finding]:
    found = []
    for entry in health_sql.reversals_of_missing_entries():
        found.append(
            Finding(Area.LEDGER, f"Reversal #{entry} cancels an entry that does not exist.")
        )
    for entry in health_sql.reversals_that_differ():
        found.append(
            Finding(Area.LEDGER, f"Reversal #{entry} does not match the entry it cancels.")
        )
    for entry in health_sql.entries_reversed_twice():
        found.append(Finding(Area.LEDGER, f"Entry #{entry} is reversed more than once."))
    for number in health_sql.orders_over_refunded():
        found.append(
            Finding(
                Area.LEDGER,
                f"Order {number}: customer refunds exceed the order total with no override.",
            )
        )
    plain: dict[tuple[str, str, str], int] = defaultdict(int)
    for month, kind, currency, amount, reversal in health_sql.ledger_rows():
        plain[(month, kind, currency)] += net_amount(amount, reversal)
    summed = {(r.month, r.kind, r.currency): r for r in ledger_sql.period_totals(None, None)}
    by_code = {kind.value: direction for kind, direction in DIRECTION.items()}
    for key, net in plain.items():
        row = summed.get(key)
        direction = by_code.get(key[1])
        expected_signed = (
            -net
            if direction == Direction.PAID_OUT
            else net
            if direction == Direction.RECOVERED
            else 0
        )
        if row is None or row.net != net or row.signed != expected_signed:
            found.append(
                Finding(
                    Area.LEDGER, f"Totals for {key[0]} {key[1]} {key[2]} differ from the entries."
                )
            )
    return found


def _evidence_findings(
    evidence_dir: Path, report: HealthReport, check: Check
) -> tuple[list[Finding], list[Path]]:
    verified = evidence.verify_store(evidence_dir, check)
    report.evidence_checked = verified.checked
    found = [Finding(Area.EVIDENCE, f"Evidence file {sha} is missing.") for sha in verified.missing]
    found += [
        Finding(Area.EVIDENCE, f"Evidence file {sha} was altered (its content no longer matches).")
        for sha in verified.mismatched
    ]
    removable: list[Path] = list(verified.partial)
    if verified.partial:
        found.append(
            Finding(
                Area.EVIDENCE,
                f"{len(verified.partial)} partial file(s) left by an interrupted evidence import.",
                repairable=True,
            )
        )
    known = evidence.known_hashes()
    strays = [
        path
        for path in evidence_dir.glob("??/*")
        if path.is_file() and path.name not in known and is_leftover_stray(path)
    ]
    if strays:
        removable += strays
        found.append(
            Finding(
                Area.EVIDENCE,
                f"{len(strays)} file(s) in the evidence folder that no case has ever used.",
                repairable=True,
            )
        )
    return found, removable


def is_leftover_stray(path: Path) -> bool:
    """A file under ``evidence/`` that is not a stored evidence file of this store.

    Temporary copies (``.name.part``) belong to a writer until they are leftovers;
    a file named by a hash no row knows was copied by an import that never linked
    it — given the same grace as a temporary file, so an import running now in
    another process is never disturbed.
    """
    if path.name.startswith("."):
        return is_leftover(path)
    return len(path.name) == 64 and is_leftover(path)


def check_store(
    evidence_dir: Path, repair: bool = False, check: Check = None, progress: Progress = None
) -> HealthReport:
    """Check the open store (and, with ``repair``, fix what can be fixed safely)."""
    report = HealthReport()

    def step(n: int) -> None:
        if check is not None:
            check()
        if progress is not None:
            progress(n, STEPS)

    step(0)
    integrity = health_sql.integrity_problems(check=check)
    report.findings += [Finding(Area.DATABASE, f"Database damage: {p}") for p in integrity]
    report.findings += [
        Finding(Area.DATABASE, f"Broken link: {p}") for p in health_sql.foreign_key_problems()
    ]
    step(1)
    report.findings += _ledger_findings()
    step(2)
    found, removable = _evidence_findings(evidence_dir, report, check)
    report.findings += found
    step(3)
    stale, orphans = health_sql.search_index_differences()
    report.cases = health_sql.case_count()
    if stale or orphans:
        report.findings.append(
            Finding(
                Area.SEARCH,
                f"The search index is out of date ({stale} case(s) missing or stale, "
                f"{orphans} entry(ies) for no case).",
                repairable=True,
            )
        )
    step(4)
    if repair:
        _repair(report, removable, rebuild=bool(stale or orphans) and not integrity)
    step(STEPS)
    return report


def _repair(report: HealthReport, removable: list[Path], rebuild: bool) -> None:
    removed = 0
    for path in removable:
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:
            continue
    if removed:
        report.repaired.append(f"removed {removed} leftover file(s)")
    if rebuild:
        with write():
            rebuild_index()
        report.repaired.append("rebuilt the search index")
    report.findings = [f for f in report.findings if not f.repairable]


def clean_incoming(evidence_dir: Path) -> int:
    """Remove partial copies left in ``evidence/.incoming`` by an interrupted import.

    Run at start-up; a copy still being written by another process is left alone.
    """
    removed = 0
    for path in evidence.incoming_files(evidence_dir):
        if is_leftover(path):
            path.unlink(missing_ok=True)
            removed += 1
    return removed
