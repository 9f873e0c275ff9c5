"""The rules of 水电气联动报装 as data: which services are offered and each one's limit in working days
(``services.tsv``), the off-site works permits granted under 告知承诺 and when they are verified.

Limits are 株洲's (REFERENCE §9, REQ-S1-05): water ≤ 10, gas ≤ 7, high-voltage single supply ≤ 18 and dual
supply ≤ 33 working days, counted from the window's acceptance to connection (验收开通) on the working-day
calendar, like every other clock. REFERENCE gives no figure for low-voltage supply, heat or telecom: their rows
are listed but not offered (``offered`` 0) until an office fills in a confirmed limit.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

TABLE = Path(__file__).with_name("services.tsv")
KINDS = {"water": "用水", "power": "用电", "gas": "用气", "heat": "用热", "telecom": "通信"}
"""The utility kinds of the one application form, in its order (one field each)."""


@dataclass(frozen=True)
class ServiceRule:
    """One service an applicant may ask for: which form field and value, which company, its limit."""

    code: str
    kind: str
    option: str
    name: str
    company: str
    limit_days: int | None
    offered: bool
    source: str


@dataclass(frozen=True)
class OffsitePermit:
    """An off-site works permit (外线工程) granted at acceptance on the applicant's commitment (告知承诺)."""

    code: str
    name: str
    department: str


OFFSITE_PERMITS = (
    OffsitePermit("road_works", "占用、挖掘城市道路许可", "urban_management"),
    OffsitePermit("green_works", "临时占用城市绿地许可", "landscaping"),
)


def load_services(path: Path = TABLE) -> tuple[ServiceRule, ...]:
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return tuple(ServiceRule(r["code"], r["kind"], r["option"], r["name"], r["company"],
                                 int(r["limit_days"]) if r["limit_days"] else None, r["offered"] == "1", r["source"])
                     for r in rows)


@dataclass(frozen=True)
class UtilityRules:
    services: tuple[ServiceRule, ...] = field(default_factory=load_services)
    offsite_permits: tuple[OffsitePermit, ...] = OFFSITE_PERMITS
    #: 告知承诺: the departments verify the off-site works conditions this many working days after acceptance
    #: (P39: off-site works within 150 m done within 10 days after their permits).
    verification_days: int = 10

    def chosen(self, kind: str, option: str) -> ServiceRule | None:
        return next((s for s in self.services if s.kind == kind and s.option == option), None)

    def offered(self) -> list[ServiceRule]:
        return [s for s in self.services if s.offered and s.limit_days]

    def offered_kinds(self) -> list[str]:
        return [k for k in KINDS if any(s.kind == k for s in self.offered())]

    def by_code(self, code: str) -> ServiceRule:
        return next(s for s in self.services if s.code == code)

    def services_error(self, choices: dict[str, str]) -> dict[str, list[str]]:
        """Field errors for a service not offered here (empty if every chosen one is)."""
        errors: dict[str, list[str]] = {}
        for kind, option in choices.items():
            rule = self.chosen(kind, option)
            if rule is not None and not (rule.offered and rule.limit_days):
                errors[kind] = [f"本市暂未开通{rule.name}联动报装，请向{KINDS[kind]}单位单独申请"]
        return errors


DEFAULT_RULES = UtilityRules()
