"""Benchmark: build a demo store and report its time and peak memory.

Run from the repository root:  python -m tests.bench.bench_demo [CASES] [DIR]

The generator runs in a child process (``returnsdesk demo``), so its peak resident
memory is measured alone; the floor beside it is a bare Python interpreter started
the same way. Issue 17's target: under 500 MB at 1,000,000 cases (DIR then needs
about 3 GB of disk; it is kept for the other benchmarks when given, removed if not).
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _child(args: list[str]) -> tuple[float, float]:
    """(seconds, peak MB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if peak <= before:  # a smaller child does not raise the children's maximum
        peak = before
    return elapsed, peak / 1024


def main(cases: int = 100_000, folder: str | None = None) -> None:
    floor_s, floor_mb = _child(["-c", "pass"])
    target = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="rd-bench-demo-"))
    try:
        demo = ["-m", "returnsdesk", "demo", "--cases", str(cases), "--data-dir", str(target)]
        built_s, built_mb = _child(demo)
        size = (target / "returnsdesk.sqlite3").stat().st_size / 1e6
    finally:
        if not folder:
            shutil.rmtree(target, ignore_errors=True)
    print(f"demo store of {cases:,} cases ({size:,.0f} MB)")
    print(f"{'':24}{'seconds':>10}{'peak MB':>10}")
    print(f"{'bare interpreter':24}{floor_s:>10.2f}{floor_mb:>10.0f}")
    print(f"{'demo generator':24}{built_s:>10.1f}{built_mb:>10.0f}")


if __name__ == "__main__":
    main(*(int(a) if i == 0 else a for i, a in enumerate(sys.argv[1:])))  # type: ignore[arg-type]
