"""A customer's personal data as one zip: ``personal-data.json`` and their evidence files.

Written to a temporary file beside the target and renamed, so a full disk or a
crash never leaves half a zip under the real name. Each evidence file's hash is
checked while it is copied.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from returnsdesk.domain.i18n import t
from returnsdesk.fileio import atomic_path
from returnsdesk.services.evidence import CHUNK
from returnsdesk.services.personal_data import PersonalDataError, gather


@dataclass(frozen=True)
class PersonalDataExport:
    path: Path
    customers: int
    cases: int
    files: int


def export_personal_data(
    evidence_dir: Path,
    email: str,
    out: Path,
    check: Callable[[], None] | None = None,
) -> PersonalDataExport:
    data = gather(email, evidence_dir)
    out = Path(out)
    with (
        atomic_path(out, suffix=".zip") as tmp,
        tmp.open("wb") as raw,
        zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        archive.writestr(
            "personal-data.json",
            json.dumps(data.record, ensure_ascii=False, indent=1, default=str),
        )
        for item in data.evidence:
            if not item.path.is_file():
                raise PersonalDataError(
                    t(
                        "{name}: the stored file is missing (see returnsdesk check).",
                        name=item.original_name,
                    )
                )
            digest = hashlib.sha256()
            info = zipfile.ZipInfo(f"evidence/{item.sha256}")
            with (
                open(item.path, "rb") as reader,
                archive.open(info, "w", force_zip64=True) as w,
            ):
                while chunk := reader.read(CHUNK):
                    if check is not None:
                        check()
                    digest.update(chunk)
                    w.write(chunk)
            if digest.hexdigest() != item.sha256:
                raise PersonalDataError(
                    t(
                        "{name}: the stored file no longer matches its hash.",
                        name=item.original_name,
                    )
                )
    customers = data.record["customers"]
    cases = sum(len(o["cases"]) for c in customers for o in c["orders"])
    return PersonalDataExport(out, len(customers), cases, len(data.evidence))
