"""The type and lint gate (issue #17): mypy holds the whole package at 0 errors, ruff
checks and formats the whole tree, and every module keeps its size limits.

The typed list is ``[tool.mypy] files`` in pyproject.toml (the whole package); strict mode
covers domain/, store/ and services/, and the window and formats have every function
annotated and checked."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAX_FUNCTION_LINES = 80
MAX_MODULE_LINES = 500


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def _typed_files() -> list[Path]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found: list[Path] = []
    for entry in config["tool"]["mypy"]["files"]:
        path = ROOT / entry
        found += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return found


@pytest.fixture(scope="module")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mypy-cache")


def _mypy(cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # Modules outside the list are read for their types but judged by their own owners.
    return _run("mypy", "--follow-imports=silent", f"--cache-dir={cache}", *args)


def test_mypy_passes_on_the_typed_modules(mypy_cache):
    result = _mypy(mypy_cache)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_check_passes():
    result = _run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_refuses_a_planted_unannotated_function_in_domain():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--stdin-filename",
         "returnsdesk/domain/planted.py", "-"],
        input='"""Planted."""\n\n\ndef helper(x):\n    return x\n',
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1 and "ANN001" in result.stdout, result.stdout


def test_ruff_format_check_passes():
    result = _run("ruff", "format", "--no-cache", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_typed_list_is_the_whole_package():
    files = _typed_files()
    assert all(f.is_file() for f in files)
    assert set((ROOT / "returnsdesk").rglob("*.py")) == set(files)


@pytest.mark.parametrize(
    ("target", "planted", "code"),
    [
        # domain/ is strict: an unannotated function is refused ...
        ("returnsdesk/domain/rma.py", "def helper(x):\n    return x\n", "no-untyped-def"),
        # ... and so is a wrong type anywhere in the package, the window included,
        ("returnsdesk/paths.py", "def size() -> int:\n    return 'big'\n", "return-value"),
        ("returnsdesk/ui/labels.py", "def size() -> int:\n    return 'big'\n", "return-value"),
        # ... and a window function missing a parameter's type.
        (
            "returnsdesk/ui/labels.py",
            "def half(x, y: int) -> int:\n    return y\n",
            "no-untyped-def",
        ),
    ],
)
def test_the_gate_fails_on_a_planted_error(tmp_path, mypy_cache, target, planted, code):
    shadow = tmp_path / "planted.py"
    original = (ROOT / target).read_text(encoding="utf-8")
    shadow.write_text(f"{original}\n\n{planted}", encoding="utf-8")
    result = _mypy(mypy_cache, "--shadow-file", target, str(shadow), target)
    assert result.returncode == 1 and f"[{code}]" in result.stdout, result.stdout


def _too_long(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    where = path.relative_to(ROOT)
    found = []
    if len(source.splitlines()) > MAX_MODULE_LINES:
        found.append(f"{where}: {len(source.splitlines())} lines")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            assert node.end_lineno is not None
            size = node.end_lineno - node.lineno + 1
            if size > MAX_FUNCTION_LINES:
                found.append(f"{where}:{node.lineno} {node.name}() {size} lines")
    return found


def test_typed_modules_keep_functions_and_modules_short():
    assert [problem for f in _typed_files() for problem in _too_long(f)] == []


def test_the_size_check_sees_a_long_function(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    long = tmp_path / "long.py"
    long.write_text("def f():\n" + "    x = 1\n" * MAX_FUNCTION_LINES, encoding="utf-8")
    assert _too_long(long) == [f"long.py:1 f() {MAX_FUNCTION_LINES + 1} lines"]
