"""File sizes as the gallery and the viewer show them."""

from __future__ import annotations

from returnsdesk.ui.evidence.model import human_size


def test_small_files_are_counted_in_bytes():
    """Seen when tried (mypy, issue 17): under 1 KB the size raised TypeError (the count
    was passed twice), so a tiny file broke its tooltip and the viewer."""
    assert human_size(1) == "1 byte"
    assert human_size(10) == "10 bytes"
    assert human_size(1023) == "1023 bytes"


def test_larger_files_in_units():
    assert human_size(5000) == "4.9 KB"
    assert human_size(3 * 1024 * 1024) == "3.0 MB"
