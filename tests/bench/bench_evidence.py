"""Evidence benchmarks: gallery open time, GUI responsiveness, 100 MP thumbnail memory.

    PYTHONPATH=. python tests/bench/bench_evidence.py [--count 500] [--megapixels 12]

Builds a store with one case holding COUNT phone-size JPEGs (distinct files,
attached through the real service), then measures, each beside a floor taken
in the same run:
  * cold gallery: time to the first thumbnail, time to all thumbnails, and the
    longest gap between 10 ms QTimer ticks on the GUI thread while they build;
  * warm gallery (thumbnails cached on disk, fresh widget): time to the first
    thumbnail and to every visible one (target < 0.5 s);
  * a 100 MP JPEG thumbnailed in a subprocess: extra peak memory (target < 100 MB),
    beside a full decode of the same file.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

NOW = datetime(2026, 5, 20, 9, 30, tzinfo=UTC)

_MEMORY_CHILD = r"""
import resource, sys
sys.path.insert(0, sys.argv[3])
mode, path = sys.argv[1], sys.argv[2]
from PIL import Image
from returnsdesk.services import thumbnails, evidence
evidence.pil()


def peak_kb():
    # VmHWM belongs to this process image; ru_maxrss can carry the parent's peak over exec.
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


before = peak_kb()
if mode == "thumb":
    thumbnails.make_thumbnail(path)
else:
    with Image.open(path) as im:
        im.load()
after = peak_kb()
print((after - before) / 1024)
"""


def make_jpegs(folder: Path, count: int, megapixels: float) -> list[Path]:
    from PIL import Image, ImageDraw

    width = int((megapixels * 1e6 * 4 / 3) ** 0.5)
    height = int(width * 3 / 4)
    base = Image.effect_noise((width // 8, height // 8), 60).convert("RGB").resize((width, height))
    paths = []
    for i in range(count):
        image = base.copy()
        draw = ImageDraw.Draw(image)
        draw.rectangle([i * 7 % width, 0, i * 7 % width + 300, 300], fill=(i % 256, 80, 160))
        path = folder / f"IMG_{i:04d}.jpg"
        exif = Image.Exif()
        exif[0x0112] = 6 if i % 5 == 0 else 1
        image.save(path, "JPEG", quality=85, exif=exif)
        paths.append(path)
    return paths


def memory_mb(mode: str, path: Path) -> float:
    out = subprocess.run(
        [sys.executable, "-c", _MEMORY_CHILD, mode, str(path), str(ROOT)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip())


def run_gallery(session, case_id, request_all: bool):
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from returnsdesk.ui.evidence import EvidenceGallery

    ticks = {"last": None, "max": 0.0}
    clock = QElapsedTimer()
    clock.start()

    def tick():
        now = clock.nsecsElapsed() / 1e6
        if ticks["last"] is not None:
            ticks["max"] = max(ticks["max"], now - ticks["last"])
        ticks["last"] = now

    timer = QTimer(interval=10)
    timer.timeout.connect(tick)
    timer.start()
    started = time.perf_counter()
    gallery = EvidenceGallery(session, case_id=case_id)
    gallery.resize(1200, 800)
    first = {}
    gallery.loader.ready.connect(lambda _sha: first.setdefault("t", time.perf_counter()))
    gallery.show()
    if request_all:
        for row in range(gallery.model.rowCount()):
            gallery.model.index(row).data(1)
    loop = QEventLoop()
    poll = QTimer(interval=5)
    poll.timeout.connect(lambda: None if gallery.loader.busy() else loop.quit())
    QTimer.singleShot(50, poll.start)
    loop.exec()
    done = time.perf_counter()
    timer.stop()
    visible = sum(
        1
        for row in range(gallery.model.rowCount())
        if gallery.loader.cached(gallery.model.item(row).sha256) is not None
    )
    gallery.close()
    gallery.deleteLater()
    return first.get("t", done) - started, done - started, ticks["max"], visible


def floor_list_view(count: int) -> float:
    from PySide6.QtCore import QStringListModel
    from PySide6.QtWidgets import QListView

    started = time.perf_counter()
    view = QListView()
    view.setViewMode(QListView.IconMode)
    view.setModel(QStringListModel([f"item {i}" for i in range(count)]))
    view.resize(1200, 800)
    view.show()
    view.grab()
    elapsed = time.perf_counter() - started
    view.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--megapixels", type=float, default=12.0)
    args = parser.parse_args()

    from factories import make_case

    from returnsdesk.services import evidence
    from returnsdesk.session import open_session
    from returnsdesk.ui.app import ensure_application

    work = Path(tempfile.mkdtemp(prefix="rd-bench-evidence-"))
    rows = []
    t0 = time.perf_counter()
    photos = make_jpegs(work, args.count, args.megapixels)
    gen = time.perf_counter() - t0
    print(f"generated {args.count} × {args.megapixels:g} MP JPEGs in {gen:.1f} s")

    session = open_session(work / "data")
    case = make_case(NOW)
    t0 = time.perf_counter()
    evidence.attach_files(session.evidence_dir, case.id, photos, now=NOW)
    attach = time.perf_counter() - t0
    raw = time.perf_counter()
    for p in photos:
        p.read_bytes()
    raw = time.perf_counter() - raw
    rows.append(
        (
            "attach (copy+hash+probe) per file",
            attach / args.count * 1e3,
            "ms",
            "read file",
            raw / args.count * 1e3,
        )
    )

    ensure_application()
    floor = floor_list_view(args.count)
    first, total, gap, _ = run_gallery(session, case.id, request_all=True)
    rows.append(("cold: first thumbnail", first * 1e3, "ms", "bare QListView shown", floor * 1e3))
    rows.append((f"cold: all {args.count} thumbnails", total * 1e3, "ms", "", None))
    rows.append(("cold: max GUI gap (10 ms timer)", gap, "ms", "target", 100.0))
    first, total, gap, visible = run_gallery(session, case.id, request_all=False)
    rows.append(("warm: first thumbnail", first * 1e3, "ms", "target", 500.0))
    rows.append((f"warm: all {visible} visible thumbnails", total * 1e3, "ms", "target", 500.0))
    rows.append(("warm: max GUI gap (10 ms timer)", gap, "ms", "target", 100.0))

    from PIL import Image

    big = work / "big.jpg"
    Image.effect_noise((1250, 1000), 60).convert("RGB").resize((10000, 10000)).save(
        big, "JPEG", quality=85
    )
    rows.append(
        (
            "100 MP JPEG thumbnail, extra peak RSS",
            memory_mb("thumb", big),
            "MB",
            "full decode",
            memory_mb("full", big),
        )
    )

    print(f"{'measure':44} {'value':>10}      {'floor/target':>22}")
    for name, value, unit, floor_name, floor_value in rows:
        ref = f"{floor_name} {floor_value:.1f}" if floor_value is not None else ""
        print(f"{name:44} {value:10.1f} {unit:4} {ref:>22}")
    print(f"(work folder {work})")


if __name__ == "__main__":
    main()
