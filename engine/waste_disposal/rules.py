"""The rules of 建筑垃圾处置核准 as data (硚口 e-licence, REQ-S3-06): the categories of waste, which department
reviews what for which category (分类审批), who issues the one licence, how long it lasts, and the disposal
sites (``sites.tsv``).

A licence lasts at most three months (硚口 widened it from one: "1个月放宽至3个月", read as the validity
period, REFERENCE §9 and open question 9); a site whose works last longer applies again.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

CATEGORIES = {"muck": "工程渣土", "mud": "工程泥浆", "demolition": "拆除垃圾", "decoration": "装修垃圾"}


@dataclass(frozen=True)
class Review:
    department: str
    aspect: str
    categories: frozenset[str]


@dataclass(frozen=True)
class DisposalSite:
    code: str
    name: str
    district_code: str
    district_name: str
    address: str
    accepts: frozenset[str]


@dataclass(frozen=True)
class WasteDisposalRules:
    reviews: tuple[Review, ...] = (
        Review("urban_management", "消纳场所、运输车辆和分类处置", frozenset(CATEGORIES)),
        Review("traffic_police", "运输路线和通行时段", frozenset({"muck", "mud", "demolition"})),
        Review("ecology_environment", "泥浆运输和处置的污染防治", frozenset({"mud"})),
    )
    issuing_department: str = "administrative_approval"
    validity_months: int = 3
    max_days_ahead: int = 30

    def reviews_for(self, categories: list[str]) -> list[Review]:
        """The departments that must approve an application carrying these categories, in a fixed order."""
        return [r for r in self.reviews if r.categories.intersection(categories)]

    def last_allowed_day(self, first: date) -> date:
        """The last day a licence starting on ``first`` may cover: the day before the corresponding day three
        months later, or that month's last day when it has no corresponding day (民法典 第二百零二条)."""
        month = first.month - 1 + self.validity_months
        year, month = first.year + month // 12, month % 12 + 1
        if first.day > _days_in(year, month):
            return date(year, month, _days_in(year, month))
        return date(year, month, first.day) - timedelta(days=1)

    def reviewing(self, department: str) -> bool:
        return any(r.department == department for r in self.reviews)


def _days_in(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


@cache
def disposal_sites() -> dict[str, DisposalSite]:
    """The disposal sites of ``sites.tsv``, by code."""
    path = Path(__file__).with_name("sites.tsv")
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return {row["code"]: DisposalSite(row["code"], row["name"], row["district_code"], row["district_name"],
                                      row["address"], frozenset(row["accepts"].split(",")))
            for row in csv.DictReader(lines, delimiter="\t")}


def districts() -> dict[str, str]:
    """The districts that have disposal sites: code → name."""
    return {site.district_code: site.district_name for site in disposal_sites().values()}


DEFAULT_RULES = WasteDisposalRules()
