"""Real bad days for tests: a tiny full disk (tmpfs) and a read-only folder (ro mount).

Both run inside a private mount namespace (``unshare -rm``), so nothing outside the
test is touched and no root password is needed; when the machine does not allow
it, the tests that need it are skipped. The scenario is a Python driver run in the
namespace; it prints one JSON object with what it saw, because the mount vanishes
when the namespace ends.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

DRIVER_HEAD = r"""
import contextlib, io, json, os, sqlite3, sys, traceback
from pathlib import Path
MNT = Path(sys.argv[1])

def fill(leave: int) -> None:
    '''Fill the disk, then give back ``leave`` bytes.'''
    with open(MNT / "filler", "wb", buffering=0) as out:  # nothing left to flush on close
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError:
            pass
    if leave:
        with open(MNT / "filler", "r+b") as out:
            size = os.fstat(out.fileno()).st_size
            out.truncate(max(0, size - leave))

def run_cli(argv):
    from returnsdesk.cli import main
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            code = main(argv)
        except BaseException:
            traceback.print_exc()
            code = "traceback"
    return code, out.getvalue(), err.getvalue()

def files(under):
    return sorted(str(p.relative_to(MNT)) for p in Path(under).rglob("*") if p.is_file())

def count(db, table):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    finally:
        conn.close()

result = {}
"""


@functools.cache
def namespaces_available() -> bool:
    if sys.platform != "linux" or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt && echo ok"],
        capture_output=True,
        text=True,
    )
    return probe.stdout.strip() == "ok"


needs_namespaces = pytest.mark.skipif(
    not namespaces_available(), reason="needs unshare -rm (private mounts)"
)


def run_in_namespace(
    tmp_path: Path, body: str, *, size: str = "16m", prepare: str = "", read_only: bool = False
) -> dict:
    """Mount a ``size`` tmpfs at a fresh folder, run ``prepare`` (shell) then the driver.

    ``prepare`` may copy files in (``$MNT`` is the mount point). With ``read_only``
    the mount is switched to read-only before the driver runs.
    """
    mnt = tmp_path / "mnt"
    mnt.mkdir(exist_ok=True)
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER_HEAD + body + "\nprint('RESULT' + json.dumps(result))\n")
    script = (
        f'MNT="{mnt}"; mount -t tmpfs -o size={size} tmpfs "$MNT" && {prepare or "true"} && '
        + ('mount -o remount,ro "$MNT" && ' if read_only else "")
        + f'"{sys.executable}" "{driver}" "$MNT"'
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, env=env
    )
    for line in done.stdout.splitlines():
        if line.startswith("RESULT"):
            return json.loads(line[len("RESULT") :])
    raise AssertionError(f"driver failed:\n{done.stdout}\n{done.stderr}")
