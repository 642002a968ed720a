"""The store's first schema (migration step 1), as released: never edited, the later
steps in ``store/migrations.py`` change it."""

V1_SCHEMA = """
CREATE TABLE setting (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE supplier (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    email TEXT NOT NULL DEFAULT '',
    chat_url TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    timezone TEXT NOT NULL DEFAULT 'UTC',
    language TEXT NOT NULL DEFAULT 'en',
    return_address TEXT NOT NULL DEFAULT '',
    return_days INTEGER,
    evidence_days INTEGER,
    follow_up_hours INTEGER,
    restocking_fee_percent INTEGER NOT NULL DEFAULT 0,
    pays_return_shipping_at_fault INTEGER NOT NULL DEFAULT 1,
    reimburses_without_return INTEGER NOT NULL DEFAULT 0,
    dispute_platform TEXT NOT NULL DEFAULT '',
    escalation_days INTEGER,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE customer (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT 'en',
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX customer_email ON customer(email COLLATE NOCASE);

CREATE TABLE product (
    id INTEGER PRIMARY KEY,
    sku TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    supplier_id INTEGER REFERENCES supplier(id),
    personalised INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE "order" (
    id INTEGER PRIMARY KEY,
    store TEXT NOT NULL DEFAULT '',
    number TEXT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customer(id),
    placed_at TEXT NOT NULL,
    paid_at TEXT,
    shipped_on TEXT,
    delivered_on TEXT,
    currency TEXT NOT NULL,
    subtotal_minor INTEGER NOT NULL DEFAULT 0,
    shipping_minor INTEGER NOT NULL DEFAULT 0,
    tax_minor INTEGER NOT NULL DEFAULT 0,
    total_minor INTEGER NOT NULL DEFAULT 0,
    payment_method TEXT NOT NULL DEFAULT '',
    payment_reference TEXT NOT NULL DEFAULT '',
    carrier TEXT NOT NULL DEFAULT '',
    tracking_number TEXT NOT NULL DEFAULT '',
    billing_country TEXT NOT NULL DEFAULT '',
    shipping_country TEXT NOT NULL DEFAULT '',
    shipping_address TEXT NOT NULL DEFAULT '',
    UNIQUE (store, number)
) STRICT;
CREATE INDEX order_customer ON "order"(customer_id);
CREATE INDEX order_number ON "order"(number);

CREATE TABLE order_line (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES "order"(id) ON DELETE CASCADE,
    product_id INTEGER REFERENCES product(id),
    supplier_id INTEGER REFERENCES supplier(id),
    sku TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    variant TEXT NOT NULL DEFAULT '',
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor >= 0),
    personalised INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX order_line_order ON order_line(order_id);

CREATE TABLE rma_counter (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
) STRICT;

CREATE TABLE "case" (
    id INTEGER PRIMARY KEY,
    rma TEXT NOT NULL UNIQUE,
    order_id INTEGER NOT NULL REFERENCES "order"(id),
    supplier_id INTEGER REFERENCES supplier(id),
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    reason_note TEXT NOT NULL DEFAULT '',
    fault TEXT NOT NULL DEFAULT 'unknown',
    requested_resolution TEXT NOT NULL DEFAULT '',
    agreed_resolution TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    supplier_reference TEXT NOT NULL DEFAULT '',
    return_carrier TEXT NOT NULL DEFAULT '',
    return_tracking TEXT NOT NULL DEFAULT '',
    return_label_ref TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    currency TEXT NOT NULL,
    amount_minor INTEGER NOT NULL DEFAULT 0 CHECK (amount_minor >= 0),
    opened_at TEXT NOT NULL,
    first_response_at TEXT,
    chargeback_due_on TEXT,
    chargeback_reference TEXT NOT NULL DEFAULT '',
    withdrawal_notice_on TEXT,
    closed_at TEXT,
    updated_at TEXT NOT NULL,
    next_due_on TEXT,
    next_due_code TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX case_status ON "case"(status);
CREATE INDEX case_next_due ON "case"(next_due_on);
CREATE INDEX case_updated ON "case"(updated_at);
CREATE INDEX case_order ON "case"(order_id);
CREATE INDEX case_supplier ON "case"(supplier_id);
CREATE INDEX case_opened ON "case"(opened_at);

CREATE TABLE case_line (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
    order_line_id INTEGER NOT NULL REFERENCES order_line(id),
    quantity INTEGER NOT NULL CHECK (quantity > 0)
) STRICT;
CREATE INDEX case_line_case ON case_line(case_id);

CREATE TABLE case_event (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT '',
    to_status TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX case_event_case ON case_event(case_id, at);

CREATE TABLE supplier_contact (
    id INTEGER PRIMARY KEY,
    supplier_id INTEGER NOT NULL REFERENCES supplier(id),
    case_id INTEGER REFERENCES "case"(id),
    at TEXT NOT NULL,
    channel TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    supplier_reference TEXT NOT NULL DEFAULT '',
    awaiting_reply INTEGER NOT NULL DEFAULT 0,
    reply_due_at TEXT,
    answered_at TEXT
) STRICT;
CREATE INDEX supplier_contact_case ON supplier_contact(case_id, at);
CREATE INDEX supplier_contact_supplier ON supplier_contact(supplier_id, at);

CREATE TABLE evidence_file (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mime TEXT NOT NULL,
    width INTEGER,
    height INTEGER,
    captured_at TEXT
) STRICT;

CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES "case"(id),
    file_id INTEGER NOT NULL REFERENCES evidence_file(id),
    contact_id INTEGER REFERENCES supplier_contact(id),
    supplied_by TEXT NOT NULL,
    original_name TEXT NOT NULL,
    caption TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL,
    removed_at TEXT
) STRICT;
CREATE INDEX evidence_case ON evidence(case_id);
CREATE INDEX evidence_file_ref ON evidence(file_id);

CREATE TABLE ledger_entry (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES "case"(id),
    entry_date TEXT NOT NULL,
    kind TEXT NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    currency TEXT NOT NULL,
    method TEXT NOT NULL DEFAULT '',
    reference TEXT NOT NULL DEFAULT '',
    memo TEXT NOT NULL DEFAULT '',
    reverses_id INTEGER UNIQUE REFERENCES ledger_entry(id),
    override_note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX ledger_case ON ledger_entry(case_id);
CREATE INDEX ledger_date ON ledger_entry(entry_date);

CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger_entry
BEGIN
    SELECT RAISE(ABORT, 'ledger entries are append-only; post a reversal instead');
END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger_entry
BEGIN
    SELECT RAISE(ABORT, 'ledger entries are append-only; post a reversal instead');
END;
"""
