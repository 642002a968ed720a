"""Reading a CSV export the way real files come: any common encoding, `;` or `,`, quirks.

- Encoding: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"),
  and Windows-1252 when the bytes are not valid UTF-8 (Excel on Windows).
- Separator: `,`, `;` or tab, whichever occurs most on the header line outside quotes.
- Quoted fields may hold separators and newlines; rows whose cells are all blank are skipped.
- Header names are matched case-insensitively with surrounding and repeated blanks ignored.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t

if TYPE_CHECKING:
    from _csv import Reader

#: Larger than any real export; refuses a wrong file before reading gigabytes.
MAX_BYTES = 512 * 1024 * 1024


class FileFormatError(InputError):
    """The file cannot be read as a CSV export; the message says why."""


def normalise_name(name: str) -> str:
    return " ".join(name.replace("\ufeff", "").split()).casefold()


def layout_key(header: list[str]) -> str:
    """Stable key of a header row's layout (names normalised, order kept)."""
    text = "\x1f".join(normalise_name(h) for h in header)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return data.decode("latin-1"), "latin-1"


def sniff_delimiter(text: str) -> str:
    """The separator of the header line: the most frequent of , ; tab outside quotes."""
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif not quoted:
            if ch in "\r\n":
                break
            if ch in counts:
                counts[ch] += 1
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else ","


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (first physical line of the row, cells)
    encoding: str = "utf-8"
    delimiter: str = ","
    index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for position, name in enumerate(self.header):
            self.index.setdefault(normalise_name(name), position)

    def has(self, *names: str) -> bool:
        return all(normalise_name(n) in self.index for n in names)

    def column(self, *names: str) -> int | None:
        """Position of the first of ``names`` present in the header (any case)."""
        for name in names:
            position = self.index.get(normalise_name(name))
            if position is not None:
                return position
        return None

    @property
    def layout_key(self) -> str:
        return layout_key(self.header)


def _records(reader: Reader) -> Iterator[tuple[int, list[str]]]:
    previous = 0
    for cells in reader:
        start = previous + 1
        previous = reader.line_num
        if any(c.strip() for c in cells):
            yield start, cells


def read_text(text: str, encoding: str = "utf-8") -> Table:
    if not text.strip():
        raise FileFormatError(t("The file is empty."))
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        records = list(_records(reader))
    except csv.Error as exc:
        raise FileFormatError(t("The file is not a readable CSV file ({exc}).", exc=exc)) from None
    if not records:
        raise FileFormatError(t("The file is empty."))
    header = [h.replace("\ufeff", "").strip() for h in records[0][1]]
    if len([h for h in header if h]) < 2:
        raise FileFormatError(t("The first line is not a header row of column names."))
    return Table(header, records[1:], encoding, delimiter)


def read_bytes(data: bytes) -> Table:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileFormatError(t("This is not a text (CSV) file."))
    text, encoding = decode(data)
    return read_text(text, encoding)


def read_table(path: str | Path) -> Table:
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise FileFormatError(t("{name} is too large to be an orders export.", name=path.name))
    return read_bytes(path.read_bytes())
