"""The case's platform checklist ticks as evidence is attached and captioned; profiles
pre-fill suppliers and add their deadlines to cases."""

from __future__ import annotations

from datetime import date

from returnsdesk.domain.reasons import Reason
from returnsdesk.domain.workflow import Kind
from returnsdesk.services.contacts import ContactInput, Direction, log_contact
from returnsdesk.services.evidence import attach_files, set_caption
from returnsdesk.services.platform_checklist import (
    apply_profile,
    case_checklist,
    extra_deadlines,
)
from returnsdesk.services.return_labels import set_label
from returnsdesk.services.suppliers import SupplierInput, create_supplier
from returnsdesk.services.templates import render_for_case
from returnsdesk.store.models import Case
from tests.factories import make_case, make_order, make_photo, make_supplier
from tests.label_files import make_label_pdf


def test_checklist_ticks_as_evidence_arrives_and_is_captioned(store, now, tmp_path):
    supplier = make_supplier("Ali Shop", dispute_platform="AliExpress")
    case = make_case(now, order=make_order(supplier=supplier), reason=Reason.SIZE_TOO_SMALL)
    checklist = case_checklist(case.id)
    assert checklist.platform_name == "AliExpress"
    assert [(line.code, line.done) for line in checklist.lines] == [
        ("size_ruler", False),
        ("complaint", False),
    ]
    (photo,) = attach_files(store.evidence_dir, case.id, [make_photo(tmp_path / "a.jpg")])
    assert case_checklist(case.id).done == 0  # a photo that says nothing yet
    set_caption(photo.id, "Jeans laid flat with a ruler, size label visible")
    assert [line.done for line in case_checklist(case.id).lines] == [True, False]
    attach_files(
        store.evidence_dir,
        case.id,
        [make_photo(tmp_path / "b.jpg", colour=(1, 2, 3))],
        caption="Customer's complaint e-mail",
    )
    checklist = case_checklist(case.id, "fr")
    assert checklist.done == 2
    assert checklist.lines[1].evidence == ("b.jpg",)
    assert checklist.lines[0].text.startswith("Taille : l'article à plat")
    # The supplier claim message carries the checklist.
    message = render_for_case(case.id, "supplier_claim", "en", now)
    assert "[x] Size: the item laid flat with a ruler, and the size label — a.jpg" in message.body
    assert "[x] Customer's complaint, showing their e-mail address and the date — b.jpg" in (
        message.body
    )


def test_profile_prefills_a_supplier_policy(store):
    data = apply_profile(SupplierInput(name="CJ", return_days=30, evidence_days=10), "cj")
    # CJ publishes no return or evidence window: the merchant's values stay.
    assert (data.return_days, data.evidence_days) == (30, 10)
    assert data.reimburses_without_return and data.dispute_platform == "CJ Dropshipping"
    supplier = create_supplier(apply_profile(SupplierInput(name="Spock"), "spocket"))
    assert (supplier.return_days, supplier.evidence_days) == (15, 15)
    assert supplier.dispute_platform == "Spocket"
    ali = apply_profile(SupplierInput(name="Ali"), "aliexpress")
    assert (ali.return_days, ali.evidence_days, ali.escalation_days) == (15, 15, 15)


def test_each_platform_adds_its_deadlines_to_the_case(store, now, tmp_path):
    shipped = {"shipped_on": date(2026, 5, 2)}
    expected = {
        "AliExpress": ("return", Reason.DEFECTIVE, "aliexpress_dispute", date(2026, 5, 23)),
        "CJ Dropshipping": (Kind.NOT_RECEIVED, Reason.NOT_RECEIVED, "cj_not_received",
                            date(2026, 7, 1)),
        "Spocket": ("return", Reason.DAMAGED_IN_TRANSIT, "spocket_evidence", date(2026, 5, 23)),
    }  # fmt: skip
    for number, (platform, (kind, reason, code, due)) in enumerate(expected.items()):
        supplier = make_supplier(platform, dispute_platform=platform)
        order = make_order(f"#20{number}", supplier=supplier, **shipped)
        case = make_case(now, order=order, kind=kind, reason=reason)
        (deadline,) = extra_deadlines(Case.get_by_id(case.id), now)
        assert (deadline.code, deadline.due, deadline.met) == (code, due, False)
        log_contact(
            ContactInput(supplier.id, Direction.SENT, case_id=case.id, subject="Claim", at=now),
            now=now,
        )
        assert extra_deadlines(Case.get_by_id(case.id), now)[0].met
    # The label's expiry joins them.
    set_label(
        store.evidence_dir,
        case.id,
        make_label_pdf(tmp_path / "l.pdf"),
        expires_on=date(2026, 6, 30),
        now=now,
    )
    codes = [d.code for d in extra_deadlines(Case.get_by_id(case.id), now)]
    assert codes == ["spocket_evidence", "return_label_expiry"]
