"""Render time and PDF size of every certificate kind, against the targets (≤ 100 ms, ≤ 300 KB).

Run: .venv/bin/python bench/certificates_bench.py [--renders N]
The font is registered and each kind rendered once before timing, so the figures are steady state.
Exit status 1 if a kind misses a target.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from certificates import KINDS, certificate_font, render_certificate
from certificates.samples import SAMPLES

TARGET_MS = 100.0
TARGET_KB = 300.0


def measure(kind: str, renders: int) -> tuple[float, float]:
    """Median render time in ms over ``renders`` renders after one warm-up, and the size in KB."""
    data = SAMPLES[kind]()
    pdf = render_certificate(data)
    times = []
    for _ in range(renders):
        start = time.perf_counter()
        render_certificate(data)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(pdf) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=25, help="timed renders per kind (default 25)")
    renders = max(parser.parse_args().renders, 1)
    start = time.perf_counter()
    font = certificate_font()
    print(f"font: {font.path} (registered in {(time.perf_counter() - start) * 1000:.0f} ms)")
    print(f"{'kind':<36}{'median ms':>10}{'KB':>8}  targets ≤ {TARGET_MS:.0f} ms, ≤ {TARGET_KB:.0f} KB")
    failed = False
    for kind in KINDS:
        ms, kb = measure(kind, renders)
        ok = ms <= TARGET_MS and kb <= TARGET_KB
        failed |= not ok
        print(f"{kind:<36}{ms:>10.1f}{kb:>8.1f}  {'ok' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
