"""Project categories and the stages each runs, read from ``seed/categories.toml`` (data, not code)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from .stages import BY_PROCESS, STAGES, Stage

SEED_DIR = Path(__file__).parent / "seed"


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    stages: tuple[str, ...]  # stage process ids, in order
    note: str = ""


@dataclass(frozen=True)
class SeedTimeLimit:
    category: str
    effective_from: date
    total_days: int
    stage_days: dict[str, int]


@cache
def _seed() -> dict:
    with (SEED_DIR / "categories.toml").open("rb") as f:
        return tomllib.load(f)


@cache
def categories() -> dict[str, Category]:
    """Category code → category, in the order of the file."""
    return {c["code"]: Category(c["code"], c["name"], tuple(c["stages"]), c.get("note", ""))
            for c in _seed()["category"]}


def stages_of(category: str) -> tuple[Stage, ...]:
    """The stages a category runs, in order (unknown category: the four national stages)."""
    cat = categories().get(category)
    return tuple(BY_PROCESS[p] for p in cat.stages) if cat else STAGES


def seed_time_limits() -> list[SeedTimeLimit]:
    return [SeedTimeLimit(r["category"], r["effective_from"], r["total_days"], dict(r["stage_days"]))
            for r in _seed()["time_limit"]]
