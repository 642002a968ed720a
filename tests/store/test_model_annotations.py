"""The attributes peewee adds to the models at run time are declared for mypy (issue #17):
each foreign key's ``<name>_id`` (``int``, or ``int | None`` when the key may be empty) and
each named backref on the model it points to, so services read ids without a query and
are type-checked."""

from __future__ import annotations

import pytest

from returnsdesk.store.models import ALL_MODELS

FOREIGN_KEYS = [(model, fk) for model in ALL_MODELS for fk in model._meta.refs]


def _declared(model: type) -> dict[str, str]:
    return dict(model.__dict__.get("__annotations__", {}))


@pytest.mark.parametrize(
    ("model", "fk"), FOREIGN_KEYS, ids=[f"{m.__name__}.{fk.name}" for m, fk in FOREIGN_KEYS]
)
def test_each_foreign_key_id_and_named_backref_is_declared(model, fk):
    expected = "int | None" if fk.null else "int"
    assert _declared(model).get(f"{fk.name}_id") == expected
    if not fk.backref.endswith("_set"):  # peewee's default backrefs are not used by the code
        assert _declared(fk.rel_model).get(fk.backref) == f"ModelSelect[{model.__name__}]"


def test_every_declared_id_belongs_to_a_foreign_key():
    ids = {name for model in ALL_MODELS for name in _declared(model) if name.endswith("_id")}
    assert ids == {f"{fk.name}_id" for _, fk in FOREIGN_KEYS}
