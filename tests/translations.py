"""What the language layer's tests share: every translatable string in the source.

Strings are found the way an extraction tool finds them: literal first arguments of
``t()``, ``tn()`` and ``N_()`` anywhere under ``returnsdesk/``.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "returnsdesk"
MARKERS = {"t", "tn", "N_"}
#: Qt calls that put text in front of a person: a literal passed to one of them
#: is a string that never went through the language layer.
TEXT_SETTERS = {
    "setText",
    "setToolTip",
    "setWindowTitle",
    "setPlaceholderText",
    "setTitle",
    "addAction",
    "addMenu",
    "addTab",
    "setTabText",
    "addItem",
    "setStatusTip",
    "showMessage",
    "setLabelText",
    "setHeaderLabels",
    "setHorizontalHeaderLabels",
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "QToolButton",
    "information",
    "warning",
    "critical",
    "question",
    "addRow",
    "setWhatsThis",
    "setSpecialValueText",
    "setSuffix",
    "setPrefix",
}


@dataclass(frozen=True)
class Source:
    path: str
    line: int
    context: str | None
    msgid: str
    plural: str | None = None


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _context(call: ast.Call) -> str | None:
    for keyword in call.keywords:
        if keyword.arg == "context":
            return _literal(keyword.value)
    return None


def _name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _calls(path: Path) -> Iterator[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    yield from (node for node in ast.walk(tree) if isinstance(node, ast.Call))


def python_files(area: str = "") -> list[Path]:
    return sorted((PACKAGE / area).rglob("*.py")) if area else sorted(PACKAGE.rglob("*.py"))


def sources(files: list[Path]) -> list[Source]:
    found = []
    for path in files:
        rel = str(path.relative_to(PACKAGE))
        for call in _calls(path):
            if _name(call) not in MARKERS or not isinstance(call.func, ast.Name) or not call.args:
                continue
            msgid = _literal(call.args[0])
            if msgid is None:
                continue
            plural = _literal(call.args[1]) if call.func.id == "tn" and len(call.args) > 1 else None
            found.append(Source(rel, call.lineno, _context(call), msgid, plural))
    return found


def hidden_strings(files: list[Path]) -> list[str]:
    """Calls an extraction tool cannot read: ``t(f"...")``, ``t("a" + b)``."""
    bad = []
    for path in files:
        rel = str(path.relative_to(PACKAGE))
        for call in _calls(path):
            if isinstance(call.func, ast.Name) and call.func.id in MARKERS and call.args:
                if isinstance(call.args[0], ast.JoinedStr | ast.BinOp):
                    bad.append(f"{rel}:{call.lineno}")
    return bad


def _has_words(text: str) -> bool:
    return sum(ch.isalpha() for ch in text) >= 2


def _is_log_call(call: ast.Call) -> bool:
    """``log.warning("...")`` writes the log file, which is for the developer."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in {"log", "logger", "logging"}
    )


def bare_window_strings(files: list[Path]) -> list[str]:
    """English literals handed straight to a Qt text setter, skipping the language layer."""
    bad = []
    for path in files:
        rel = str(path.relative_to(PACKAGE))
        for call in _calls(path):
            if _name(call) not in TEXT_SETTERS or _is_log_call(call):
                continue
            for arg in call.args:
                text = _literal(arg)
                if text is not None and _has_words(text):
                    bad.append(f"{rel}:{call.lineno}: {text!r}")
                elif isinstance(arg, ast.JoinedStr) and any(
                    _has_words(_literal(v) or "") for v in arg.values
                ):
                    bad.append(f"{rel}:{call.lineno}: f-string")
    return bad


_QT_ARG = re.compile(r"%(\d+|n)")


def placeholders(text: str) -> set[str]:
    """``{name}`` fields and Qt's ``%1``/``%n`` markers of a template."""
    fields = {f"{{{name}}}" for _, name, _, _ in string.Formatter().parse(text) if name}
    return fields | {m.group(0) for m in _QT_ARG.finditer(text)}
