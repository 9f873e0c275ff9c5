"""Working-day calendar speed: 100,000 additions and 100,000 differences on random 2024–2026 dates, then the
same additions in provisional years (2027–2029, statutory holidays from the lunar library) and the
``provisional_between`` check every deadline makes.

Run: .venv/bin/python bench/calendar_bench.py
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

from engine.clocks import WorkingCalendar

CALLS = 100_000


def random_days(rng: random.Random, count: int) -> list[date]:
    start = date(2024, 1, 1)
    return [start + timedelta(days=rng.randrange(0, 1000)) for _ in range(count)]


def timed(label: str, fn) -> None:
    began = time.perf_counter()
    fn()
    print(f"{label:<48} {time.perf_counter() - began:8.3f} s")


def main() -> None:
    rng = random.Random(2026)
    calendar = WorkingCalendar()
    days, others = random_days(rng, CALLS), random_days(rng, CALLS)
    counts = [rng.randrange(0, 60) for _ in range(CALLS)]
    for year in (2024, 2025, 2026):
        calendar.is_working_day(date(year, 6, 1))  # build the per-year tables outside the timing
    timed(f"{CALLS:,} add_working_days (n 0-59)", lambda: [calendar.add_working_days(d, n)
                                                         for d, n in zip(days, counts, strict=True)])
    timed(f"{CALLS:,} working_days_between", lambda: [calendar.working_days_between(a, b)
                                                      for a, b in zip(days, others, strict=True)])
    later = [d.replace(year=d.year + 3) if (d.month, d.day) != (2, 29) else d for d in days]  # 2027-2029: provisional
    timed("first use of a provisional year (lunar holidays)", lambda: calendar.is_working_day(date(2030, 6, 1)))
    timed(f"{CALLS:,} add_working_days, provisional years", lambda: [calendar.add_working_days(d, n)
                                                                   for d, n in zip(later, counts, strict=True)])
    timed(f"{CALLS:,} provisional_between", lambda: [calendar.provisional_between(a, b)
                                                     for a, b in zip(days, later, strict=True)])


if __name__ == "__main__":
    main()
