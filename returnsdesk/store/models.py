"""peewee models over the schema created in ``migrations`` (the SQL there is the truth).

Times are stored as UTC text ``YYYY-MM-DD HH:MM:SS`` and come back as aware
UTC datetimes; dates as ``YYYY-MM-DD``; money as integer minor units.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from peewee import (
    AutoField,
    BooleanField,
    CompositeKey,
    Field,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from returnsdesk.store.connection import database

if TYPE_CHECKING:
    from peewee import ModelSelect

_STAMP = "%Y-%m-%d %H:%M:%S"


def to_stamp(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("Times must carry a time zone before they are stored.")
    return value.astimezone(UTC).strftime(_STAMP)


def from_stamp(text: str) -> datetime:
    return datetime.strptime(text, _STAMP).replace(tzinfo=UTC)


class UtcDateTimeField(Field):
    field_type = "TEXT"

    def db_value(self, value: datetime | str | None) -> str | None:
        if value is None or isinstance(value, str):
            return value
        return to_stamp(value)

    def python_value(self, value: str | None) -> datetime | None:
        return None if value is None else from_stamp(value)


class IsoDateField(Field):
    field_type = "TEXT"

    def db_value(self, value: date | str | None) -> str | None:
        if value is None or isinstance(value, str):
            return value
        return value.isoformat()

    def python_value(self, value: str | None) -> date | None:
        return None if value is None else date.fromisoformat(value)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Setting(BaseModel):
    key = TextField(primary_key=True)
    value = TextField()


class StorePolicyVersion(BaseModel):
    id = AutoField()
    effective_from = IsoDateField(unique=True)
    policy = TextField()  # JSON of domain.policy.StorePolicy
    recorded_at = UtcDateTimeField()

    class Meta:
        table_name = "store_policy_version"


class Supplier(BaseModel):
    id = AutoField()
    cases: ModelSelect[Case]  # backrefs (peewee adds them; typed here for mypy)
    contacts: ModelSelect[SupplierContact]
    name = TextField()
    email = TextField(default="")
    chat_url = TextField(default="")
    phone = TextField(default="")
    timezone = TextField(default="UTC")
    language = TextField(default="en")
    return_address = TextField(default="")
    return_days = IntegerField(null=True)
    evidence_days = IntegerField(null=True)
    follow_up_hours = IntegerField(null=True)
    restocking_fee_percent = IntegerField(default=0)
    pays_return_shipping_at_fault = BooleanField(default=True)
    reimburses_without_return = BooleanField(default=False)
    dispute_platform = TextField(default="")
    escalation_days = IntegerField(null=True)
    notes = TextField(default="")
    created_at = UtcDateTimeField()


class Customer(BaseModel):
    id = AutoField()
    orders: ModelSelect[Order]
    name = TextField()
    email = TextField(default="")
    phone = TextField(default="")
    address = TextField(default="")
    country = TextField(default="")
    language = TextField(default="en")
    created_at = UtcDateTimeField()


class Product(BaseModel):
    id = AutoField()
    sku = TextField(unique=True)
    title = TextField()
    supplier = ForeignKeyField(Supplier, null=True, column_name="supplier_id")
    personalised = BooleanField(default=False)
    sealed_hygiene = BooleanField(default=False)
    perishable = BooleanField(default=False)
    supplier_id: int | None  # each foreign key's id, as peewee adds it


class Order(BaseModel):
    id = AutoField()
    store = TextField(default="")
    number = TextField()
    customer = ForeignKeyField(Customer, backref="orders", column_name="customer_id")
    customer_id: int
    lines: ModelSelect[OrderLine]
    cases: ModelSelect[Case]
    placed_at = UtcDateTimeField()
    paid_at = UtcDateTimeField(null=True)
    shipped_on = IsoDateField(null=True)
    delivered_on = IsoDateField(null=True)
    currency = TextField()
    subtotal_minor = IntegerField(default=0)
    shipping_minor = IntegerField(default=0)
    tax_minor = IntegerField(default=0)
    total_minor = IntegerField(default=0)
    payment_method = TextField(default="")
    payment_reference = TextField(default="")
    carrier = TextField(default="")
    tracking_number = TextField(default="")
    billing_country = TextField(default="")
    shipping_country = TextField(default="")
    shipping_address = TextField(default="")

    class Meta:
        table_name = "order"


class OrderLine(BaseModel):
    id = AutoField()
    order = ForeignKeyField(Order, backref="lines", column_name="order_id")
    product = ForeignKeyField(Product, null=True, column_name="product_id")
    supplier = ForeignKeyField(Supplier, null=True, column_name="supplier_id")
    order_id: int
    product_id: int | None
    supplier_id: int | None
    sku = TextField(default="")
    title = TextField()
    variant = TextField(default="")
    quantity = IntegerField()
    unit_price_minor = IntegerField()
    personalised = BooleanField(default=False)
    #: The day this line (its parcel) was delivered; orders can arrive in several parcels.
    delivered_on = IsoDateField(null=True)
    #: Sealed for health or hygiene and unsealed after delivery (CRD art. 16(e)).
    sealed_hygiene = BooleanField(default=False)
    perishable = BooleanField(default=False)


class RmaCounter(BaseModel):
    year = IntegerField(primary_key=True)
    last = IntegerField()


class Case(BaseModel):
    id = AutoField()
    rma = TextField(unique=True)
    order = ForeignKeyField(Order, backref="cases", column_name="order_id")
    supplier = ForeignKeyField(Supplier, null=True, backref="cases", column_name="supplier_id")
    order_id: int
    supplier_id: int | None
    lines: ModelSelect[CaseLine]
    events: ModelSelect[CaseEvent]
    contacts: ModelSelect[SupplierContact]
    evidence: ModelSelect[Evidence]
    ledger: ModelSelect[LedgerEntry]
    labels: ModelSelect[ReturnLabel]
    kind = TextField()
    reason = TextField()
    reason_note = TextField(default="")
    fault = TextField(default="unknown")
    requested_resolution = TextField(default="")
    agreed_resolution = TextField(default="")
    status = TextField()
    supplier_reference = TextField(default="")
    return_carrier = TextField(default="")
    return_tracking = TextField(default="")
    return_label_ref = TextField(default="")
    notes = TextField(default="")
    currency = TextField()
    amount_minor = IntegerField(default=0)
    opened_at = UtcDateTimeField()
    first_response_at = UtcDateTimeField(null=True)
    chargeback_due_on = IsoDateField(null=True)
    chargeback_reference = TextField(default="")
    chargeback_reason = TextField(default="")  # domain.chargebacks.DisputeReason
    chargeback_processor = TextField(default="")  # domain.chargebacks.Processor
    chargeback_due_at = UtcDateTimeField(null=True)
    withdrawal_notice_on = IsoDateField(null=True)
    goods_received_on = IsoDateField(null=True)
    proof_of_sending_on = IsoDateField(null=True)
    closed_at = UtcDateTimeField(null=True)
    updated_at = UtcDateTimeField()
    next_due_on = IsoDateField(null=True)
    next_due_code = TextField(default="")
    version = IntegerField(default=1)

    class Meta:
        table_name = "case"


class CaseLine(BaseModel):
    id = AutoField()
    case = ForeignKeyField(Case, backref="lines", column_name="case_id")
    order_line = ForeignKeyField(OrderLine, column_name="order_line_id")
    case_id: int
    order_line_id: int
    quantity = IntegerField()


class CaseEvent(BaseModel):
    id = AutoField()
    case = ForeignKeyField(Case, backref="events", column_name="case_id")
    case_id: int
    at = UtcDateTimeField()
    kind = TextField()
    from_status = TextField(default="")
    to_status = TextField(default="")
    text = TextField(default="")
    #: What happened, as a code and JSON parameters (the text is rendered when shown);
    #: empty for events recorded before codes existed, which keep their stored text.
    code = TextField(default="")
    params = TextField(default="")


class SupplierContact(BaseModel):
    id = AutoField()
    supplier = ForeignKeyField(Supplier, backref="contacts", column_name="supplier_id")
    case = ForeignKeyField(Case, null=True, backref="contacts", column_name="case_id")
    supplier_id: int
    case_id: int | None
    at = UtcDateTimeField()
    channel = TextField()
    direction = TextField()
    subject = TextField(default="")
    body = TextField(default="")
    supplier_reference = TextField(default="")
    awaiting_reply = BooleanField(default=False)
    reply_due_at = UtcDateTimeField(null=True)
    answered_at = UtcDateTimeField(null=True)
    awaiting = TextField(default="")
    decision = TextField(default="")
    decision_amount_minor = IntegerField(null=True)
    decision_reason = TextField(default="")
    message_id = TextField(default="")
    in_reply_to = TextField(default="")
    quoted = TextField(default="")


class EvidenceFile(BaseModel):
    id = AutoField()
    sha256 = TextField(unique=True)
    size = IntegerField()
    mime = TextField()
    width = IntegerField(null=True)
    height = IntegerField(null=True)
    captured_at = UtcDateTimeField(null=True)
    uses: ModelSelect[Evidence]


class Evidence(BaseModel):
    id = AutoField()
    case = ForeignKeyField(Case, backref="evidence", column_name="case_id")
    file = ForeignKeyField(EvidenceFile, backref="uses", column_name="file_id")
    contact = ForeignKeyField(SupplierContact, null=True, column_name="contact_id")
    case_id: int
    file_id: int
    contact_id: int | None
    supplied_by = TextField()
    original_name = TextField()
    caption = TextField(default="")
    added_at = UtcDateTimeField()
    removed_at = UtcDateTimeField(null=True)


class LedgerEntry(BaseModel):
    id = AutoField()
    case = ForeignKeyField(Case, backref="ledger", column_name="case_id")
    entry_date = IsoDateField()
    kind = TextField()
    amount_minor = IntegerField()
    currency = TextField()
    method = TextField(default="")
    reference = TextField(default="")
    memo = TextField(default="")
    reverses = ForeignKeyField("self", null=True, column_name="reverses_id", backref="reversal")
    case_id: int
    reverses_id: int | None
    reversal: ModelSelect[LedgerEntry]
    override_note = TextField(default="")
    created_at = UtcDateTimeField()


class MessageTemplate(BaseModel):
    key = TextField()
    language = TextField()
    subject = TextField()
    body = TextField()
    updated_at = UtcDateTimeField()

    class Meta:
        table_name = "message_template"
        primary_key = CompositeKey("key", "language")


class SavedAddress(BaseModel):
    """An address book entry: a warehouse or return centre parcels can be sent to."""

    id = AutoField()
    name = TextField()
    address = TextField()
    notes = TextField(default="")
    created_at = UtcDateTimeField()

    class Meta:
        table_name = "saved_address"


class CaseReturnAddress(BaseModel):
    """Where this case's parcel goes, when the user chose (else a default applies)."""

    case = ForeignKeyField(Case, primary_key=True, column_name="case_id")
    choice = TextField()
    saved_address = ForeignKeyField(SavedAddress, null=True, column_name="saved_address_id")
    case_id: int
    saved_address_id: int | None
    chosen_at = UtcDateTimeField()

    class Meta:
        table_name = "case_return_address"


class ReturnLabel(BaseModel):
    """A prepaid return label file (stored like evidence); the newest unreplaced one counts."""

    id = AutoField()
    case = ForeignKeyField(Case, backref="labels", column_name="case_id")
    file = ForeignKeyField(EvidenceFile, column_name="file_id")
    original_name = TextField()
    carrier = TextField(default="")
    tracking = TextField(default="")
    cost_entry = ForeignKeyField(LedgerEntry, null=True, column_name="cost_entry_id")
    case_id: int
    file_id: int
    cost_entry_id: int | None
    expires_on = IsoDateField(null=True)
    added_at = UtcDateTimeField()
    replaced_at = UtcDateTimeField(null=True)

    class Meta:
        table_name = "return_label"


class SurveyAnswer(BaseModel):
    id = AutoField()
    case = ForeignKeyField(Case, unique=True, column_name="case_id")
    case_id: int
    ease = IntegerField()
    outcome = IntegerField()
    comment = TextField(default="")
    answered_on = IsoDateField()
    recorded_at = UtcDateTimeField()

    class Meta:
        table_name = "survey_answer"


ALL_MODELS = [
    Setting,
    Supplier,
    Customer,
    Product,
    Order,
    OrderLine,
    RmaCounter,
    Case,
    CaseLine,
    CaseEvent,
    SupplierContact,
    EvidenceFile,
    Evidence,
    LedgerEntry,
    MessageTemplate,
    SavedAddress,
    CaseReturnAddress,
    ReturnLabel,
    SurveyAnswer,
]
