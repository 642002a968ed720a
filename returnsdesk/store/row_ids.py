"""The id a foreign key of a loaded row holds, read without loading the related row.

Peewee gives each foreign key ``x`` a ``x_id`` attribute at run time, which type
checkers cannot see; ``fk_id(case, Case.supplier)`` is the same value, typed.
"""

from __future__ import annotations

from peewee import ForeignKeyField, Model


def fk_id(row: Model, field: ForeignKeyField) -> int | None:
    value = row.__data__.get(field.name)
    return None if value is None else int(value)
