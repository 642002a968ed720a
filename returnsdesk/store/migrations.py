"""Numbered schema migrations, tracked in ``PRAGMA user_version``.

Each step runs in its own IMMEDIATE transaction together with the version
bump, so a crash leaves the database at the previous version, never between.
Add a step by appending to ``STEPS``; never edit a released one.
"""

from __future__ import annotations

from collections.abc import Callable

from returnsdesk.store import risk_snapshot, sales, search
from returnsdesk.store.connection import Database
from returnsdesk.store.schema_v1 import V1_SCHEMA
from returnsdesk.store.sql_script import execute_script

V2_SEARCH = """
CREATE VIRTUAL TABLE case_search USING fts5(
    rma, order_number, customer, products, tracking, notes,
    tokenize = 'unicode61 remove_diacritics 2'
);
"""


V3_CONTACTS_AND_TEMPLATES = """
ALTER TABLE supplier_contact ADD COLUMN awaiting TEXT NOT NULL DEFAULT '';
ALTER TABLE supplier_contact ADD COLUMN decision TEXT NOT NULL DEFAULT '';
ALTER TABLE supplier_contact ADD COLUMN decision_amount_minor INTEGER
    CHECK (decision_amount_minor IS NULL OR decision_amount_minor >= 0);
ALTER TABLE supplier_contact ADD COLUMN decision_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX supplier_contact_pending ON supplier_contact(awaiting_reply, answered_at);

CREATE TABLE message_template (
    key TEXT NOT NULL,
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (key, language)
) STRICT;
"""


V4_POLICY_HISTORY = """
CREATE TABLE store_policy_version (
    id INTEGER PRIMARY KEY,
    effective_from TEXT NOT NULL UNIQUE,
    policy TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
INSERT INTO store_policy_version (effective_from, policy, recorded_at)
    SELECT '0001-01-01', value, strftime('%Y-%m-%d %H:%M:%S', 'now')
    FROM setting WHERE key = 'policy';
DELETE FROM setting WHERE key = 'policy';
"""


V_LABELS_ADDRESSES_MAIL = """
CREATE TABLE saved_address (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    address TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE case_return_address (
    case_id INTEGER PRIMARY KEY REFERENCES "case"(id),
    choice TEXT NOT NULL CHECK (choice IN ('supplier', 'shop', 'saved', 'none')),
    saved_address_id INTEGER REFERENCES saved_address(id),
    chosen_at TEXT NOT NULL,
    CHECK ((choice = 'saved') = (saved_address_id IS NOT NULL))
) STRICT;

CREATE TABLE return_label (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES "case"(id),
    file_id INTEGER NOT NULL REFERENCES evidence_file(id),
    original_name TEXT NOT NULL,
    carrier TEXT NOT NULL DEFAULT '',
    tracking TEXT NOT NULL DEFAULT '',
    cost_entry_id INTEGER REFERENCES ledger_entry(id),
    expires_on TEXT,
    added_at TEXT NOT NULL,
    replaced_at TEXT
) STRICT;
CREATE INDEX return_label_case ON return_label(case_id, replaced_at);

ALTER TABLE supplier_contact ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
ALTER TABLE supplier_contact ADD COLUMN in_reply_to TEXT NOT NULL DEFAULT '';
ALTER TABLE supplier_contact ADD COLUMN quoted TEXT NOT NULL DEFAULT '';
CREATE INDEX supplier_contact_message_id ON supplier_contact(message_id);
"""


SATISFACTION_SCHEMA = """
CREATE TABLE survey_answer (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL UNIQUE REFERENCES "case"(id),
    ease INTEGER NOT NULL CHECK (ease BETWEEN 1 AND 5),
    outcome INTEGER NOT NULL CHECK (outcome BETWEEN 1 AND 5),
    comment TEXT NOT NULL DEFAULT '',
    answered_on TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX survey_answer_answered ON survey_answer(answered_on);
CREATE INDEX case_closed ON "case"(closed_at);
CREATE INDEX order_customer_placed ON "order"(customer_id, placed_at, id);
CREATE INDEX case_opened_cover ON "case"(opened_at, reason, kind, status, supplier_id, order_id);
CREATE INDEX supplier_contact_claims ON supplier_contact(direction, case_id, supplier_id, at);
CREATE INDEX case_line_first ON case_line(case_id, id, order_line_id, quantity);
"""


def _v1(db: Database) -> None:
    execute_script(db, V1_SCHEMA)


def _v2(db: Database) -> None:
    execute_script(db, V2_SEARCH)
    search.rebuild_index(db)


def _v3(db: Database) -> None:
    """Supplier decisions and awaited replies on contacts; user-edited message templates."""
    execute_script(db, V3_CONTACTS_AND_TEMPLATES)


def _v4(db: Database) -> None:
    """Store policy kept with the date each version took effect (cases are judged by the
    policy in force when their order was placed; the dispute pack quotes it)."""
    execute_script(db, V4_POLICY_HISTORY)


def _v5_labels_return_addresses_mail_ids(db: Database) -> None:
    """Prepaid return label files per case, a return address chosen per case (with an
    address book), and Message-ID / In-Reply-To / quoted history on logged e-mails."""
    execute_script(db, V_LABELS_ADDRESSES_MAIL)


def _v6_chargeback_facts(db: Database) -> None:
    """What the processor's notice says about a chargeback: its reason code, the processor,
    and the response due moment (UTC); ``chargeback_due_on`` keeps the due day."""
    for column in (
        "chargeback_reason TEXT NOT NULL DEFAULT ''",
        "chargeback_processor TEXT NOT NULL DEFAULT ''",
        "chargeback_due_at TEXT",
    ):
        db.execute_sql(f'ALTER TABLE "case" ADD COLUMN {column}')


def _v7_satisfaction_and_report_indexes(db: Database) -> None:
    """Customer satisfaction survey answers; sales per day kept by triggers (return rates
    over a year read a few thousand rows); indexes for the report periods."""
    execute_script(db, SATISFACTION_SCHEMA)
    sales.SUMMARY.create(db)


def _v8_line_rule_facts(db: Database) -> None:
    """Facts the rules engine needs: a delivery date per order line (parcels arrive apart),
    hygiene/perishable flags per product and line, and the goods-received and
    proof-of-sending dates recorded on a case. A line without its own date has the
    order's."""
    execute_script(
        db,
        """
        ALTER TABLE order_line ADD COLUMN delivered_on TEXT;
        ALTER TABLE order_line ADD COLUMN sealed_hygiene INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE order_line ADD COLUMN perishable INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE product ADD COLUMN sealed_hygiene INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE product ADD COLUMN perishable INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE "case" ADD COLUMN goods_received_on TEXT;
        ALTER TABLE "case" ADD COLUMN proof_of_sending_on TEXT;
        """,
    )


def _v9_risk_flag_snapshot(db: Database) -> None:
    """The flagged-case snapshot the inbox's risk filter and column read (rebuilt off the
    GUI thread), with the triggers that mark it stale when a rule's facts change."""
    risk_snapshot.create_snapshot(db)


def _v10_timeline_event_codes(db: Database) -> None:
    """Timeline events keep what happened as a code and JSON parameters, so the sentence is
    written in the reader's language when shown; older events keep their stored text."""
    execute_script(
        db,
        """
        ALTER TABLE case_event ADD COLUMN code TEXT NOT NULL DEFAULT '';
        ALTER TABLE case_event ADD COLUMN params TEXT NOT NULL DEFAULT '';
        """,
    )


def _v11_supplier_claims(db: Database) -> None:
    """One row per supplier claim with its reply, decision and money, kept by triggers,
    so scorecards and supplier risk rules read an indexed range (store/claims.py)."""
    from returnsdesk.store import claims

    claims.SUMMARY.create(db)


def _v12_supplier_figures(db: Database) -> None:
    """The Suppliers area's figures without scanning the store: indexes for open cases and
    waiting messages per supplier, an expression index for reply times, money per supplier
    and currency kept by triggers; and the evidence gallery's newest-first index."""
    from returnsdesk.store import evidence_sql, supplier_money, suppliers_sql

    execute_script(db, suppliers_sql.INDEXES)
    execute_script(db, evidence_sql.INDEXES)
    supplier_money.SUMMARY.create(db)


def _v13_risk_flag_counts(db: Database) -> None:
    """Each flagged case keeps its customer's counts, so the report's risk signals are
    described without counting every customer's cases again (store/risk_snapshot.py)."""
    risk_snapshot.add_snapshot_counts(db)


def _v14_currency_indexes(db: Database) -> None:
    """The inbox's and the ledger's currency choices read from an index (a loose scan),
    not from every case and ledger entry (store/distinct_values.py)."""
    from returnsdesk.store import distinct_values

    execute_script(db, distinct_values.INDEXES)


def _v15_risk_flag_facts(db: Database) -> None:
    """Each flagged case keeps its opening time, customer and facts, so a year of risk
    signals is read from the snapshot table alone (store/risk_snapshot.py)."""
    risk_snapshot.add_snapshot_facts(db)


def _v16_ledger_days(db: Database) -> None:
    """Ledger totals per day, kind and currency, kept by a trigger: period and currency
    totals read a few rows per day, not every entry (store/ledger_days.py)."""
    from returnsdesk.store import ledger_days

    ledger_days.SUMMARY.create(db)


def _v17_supplier_facts_kept(db: Database) -> None:
    """Each supplier's risk facts over 12 months kept ready, stale after any write that
    can change them: the Suppliers area's badges read a few rows, not a year of claims
    (store/supplier_facts_kept.py)."""
    from returnsdesk.store import supplier_facts_kept

    supplier_facts_kept.create(db)


def _v18_supplier_replies_kept(db: Database) -> None:
    """Each supplier's median reply time kept ready, stale after any change to a message:
    the Suppliers area reads a few rows (store/supplier_replies_kept.py)."""
    from returnsdesk.store import supplier_replies_kept

    supplier_replies_kept.create(db)


def _v19_supplier_case_counts(db: Database) -> None:
    """Cases per supplier and status kept by triggers: the Suppliers area's open counts
    read a few rows, not every open case (store/supplier_case_counts.py)."""
    from returnsdesk.store import supplier_case_counts

    supplier_case_counts.SUMMARY.create(db)


def _v20_evidence_counts(db: Database) -> None:
    """Evidence links counted by triggers: the Evidence area's total reads a few rows,
    not every link (store/evidence_counts.py)."""
    from returnsdesk.store import evidence_counts

    evidence_counts.SUMMARY.create(db)


V21_SEARCH_PREFIXES = """
CREATE VIRTUAL TABLE case_search_prefixed USING fts5(
    rma, order_number, customer, products, tracking, notes,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2'
);
INSERT INTO case_search_prefixed(rowid, rma, order_number, customer, products, tracking, notes)
    SELECT rowid, rma, order_number, customer, products, tracking, notes FROM case_search;
DROP TABLE case_search;
ALTER TABLE case_search_prefixed RENAME TO case_search;
"""


def _v21_search_prefixes(db: Database) -> None:
    """The search index also keeps every word's first one and two letters: a one- or
    two-letter prefix ("e", the "m" of "emma m") reads one list instead of merging every
    word it starts (at 1,000,000 cases "e" took 190 ms, now 35; "emma m" 160, now 15)."""
    execute_script(db, V21_SEARCH_PREFIXES)


def _v22_case_status_due(db: Database) -> None:
    """Cases by status, then deadline: the waiting views read their most urgent cases in
    order (store/inbox.py), instead of passing every other case's deadline."""
    db.execute_sql('CREATE INDEX case_status_due ON "case"(status, next_due_on)')


def _v23_case_status_updated(db: Database) -> None:
    """Cases by status, then latest activity: the Closed view reads its newest cases in
    order without passing the open ones (store/inbox.py)."""
    db.execute_sql('CREATE INDEX case_status_updated ON "case"(status, updated_at)')


def _v24_name_orders(db: Database) -> None:
    """Customers and suppliers by name as the inbox sorts them (ignoring case): a sort
    by customer or supplier walks the names in order and stops after a page, instead of
    sorting every case of the view (two seconds at 1,000,000 cases)."""
    db.execute_sql("CREATE INDEX customer_name_nocase ON customer(name COLLATE NOCASE)")
    db.execute_sql("CREATE INDEX supplier_name_nocase ON supplier(name COLLATE NOCASE)")


STEPS: list[Callable[[Database], None]] = [
    _v1,
    _v2,
    _v3,
    _v4,
    _v5_labels_return_addresses_mail_ids,
    _v6_chargeback_facts,
    _v7_satisfaction_and_report_indexes,
    _v8_line_rule_facts,
    _v9_risk_flag_snapshot,
    _v10_timeline_event_codes,
    _v11_supplier_claims,
    _v12_supplier_figures,
    _v13_risk_flag_counts,
    _v14_currency_indexes,
    _v15_risk_flag_facts,
    _v16_ledger_days,
    _v17_supplier_facts_kept,
    _v18_supplier_replies_kept,
    _v19_supplier_case_counts,
    _v20_evidence_counts,
    _v21_search_prefixes,
    _v22_case_status_due,
    _v23_case_status_updated,
    _v24_name_orders,
]
CURRENT_VERSION = len(STEPS)


def user_version(db: Database) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def migrate(db: Database, target: int = CURRENT_VERSION) -> int:
    """Bring ``db`` up to ``target``, one transaction per step; returns the final version."""
    version = user_version(db)
    while version < target:
        step = STEPS[version]
        with db.atomic():
            step(db)
            db.execute_sql(f"PRAGMA user_version = {version + 1}")
        version += 1
    return version
