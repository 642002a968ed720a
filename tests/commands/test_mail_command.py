"""``returnsdesk mail import --supplier NAME``: the supplier is found by its exact name."""

from __future__ import annotations

from email.message import EmailMessage

from returnsdesk.cli import main
from returnsdesk.session import close_session, open_session
from returnsdesk.store.models import SupplierContact
from tests.factories import make_supplier


def _mail(tmp_path):
    message = EmailMessage()
    message["From"] = "someone@elsewhere.example"
    message["To"] = "shop@example.com"
    message["Subject"] = "New catalogue"
    message["Message-ID"] = "<catalogue@elsewhere.example>"
    message.set_content("Hello")
    path = tmp_path / "catalogue.eml"
    path.write_bytes(bytes(message))
    return path


def test_mail_is_logged_on_the_supplier_named(store, tmp_path, capsys):
    supplier = make_supplier("Shenzhen Lights")
    make_supplier("Shenzhen Lights Two")
    folder = store.data_dir
    close_session()
    d = ["--data-dir", str(folder)]
    path = _mail(tmp_path)

    assert main(["mail", "import", str(path), "--supplier", "Nobody", *d]) == 1
    assert "No supplier called 'Nobody'." in capsys.readouterr().err
    assert main(["mail", "import", str(path), "--supplier", "  Shenzhen Lights ", *d]) == 0
    assert "Shenzhen Lights" in capsys.readouterr().out

    open_session(folder)
    [contact] = SupplierContact.select()
    assert contact.supplier_id == supplier.id and contact.subject == "New catalogue"
