"""``http_bench --profile DIR``: py-spy samples the gunicorn workers during each measured phase (bench only).

Each phase's collapsed stacks go to ``DIR/<phase>.txt`` (open them with speedscope or flamegraph.pl);
the summary printed beside the figures lists the product's functions (engine/, webapp/, bpmn/…) and the
libraries' that hold the most samples, inclusive — where a request's time goes. py-spy: ``pip install py-spy``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PRODUCT = ("engine/", "webapp/", "bpmn/", "forms/", "certificates/")  # py-spy names files by package


class Spy:
    def __init__(self, folder: Path, pid: int) -> None:
        found = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
        if not Path(found).exists():
            raise SystemExit("--profile needs py-spy: pip install py-spy")
        self.program, self.folder, self.pid = found, folder, pid
        folder.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        out = self.folder / f"{name}.txt"
        recorder = subprocess.Popen([self.program, "record", "--pid", str(self.pid), "--subprocesses", "--rate",
                                     "50", "--format", "raw", "--output", str(out), "--nonblocking"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            yield
        finally:
            recorder.send_signal(2)  # py-spy writes its file on SIGINT
            recorder.wait(60)
            print(summary(out), flush=True)


def summary(path: Path, top: int = 12) -> str:
    """The product's frames and the libraries' frames holding the most samples (inclusive), with shares."""
    if not path.exists():
        return f"  profile: {path} not written"
    ours, theirs, total = Counter[str](), Counter[str](), 0
    for line in path.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        total += int(count)
        for frame in {_short(f) for f in stack.split(";") if " (" in f and not f.startswith("process ")}:
            (ours if frame.split(" (")[-1].startswith(PRODUCT) else theirs)[frame] += int(count)
    lines = [f"  profile {path.name}: {total} samples; inclusive share of the product's functions, then the "
             f"libraries'"]
    lines += [f"    {100 * n / max(total, 1):5.1f}%  {frame}" for frame, n in ours.most_common(top)]
    lines += ["    --"] + [f"    {100 * n / max(total, 1):5.1f}%  {frame}" for frame, n in theirs.most_common(top)]
    return "\n".join(lines)


def _short(frame: str) -> str:
    """``f (engine/work_items/completion.py:61)`` → ``f (engine/work_items/completion.py)``: one per function."""
    return frame.rsplit(":", 1)[0] + ")"
