"""Configuration of issuance: area code, issuing authorities, public base URL, numbering rules.

Defaults describe 武汉市硚口区 (area code 420104). ``APPROVAL_AREA_CODE``,
``APPROVAL_AUTHORITY_PREFIX`` and ``APPROVAL_PUBLIC_BASE_URL`` override them from the environment
(the web application reads the same ``APPROVAL_*`` variables); ``configure(runtime, settings)`` gives a
runtime its own settings (tests, an installation with several districts).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..errors import ConfigurationError
from ..organisation.lanes import DEPARTMENTS

if TYPE_CHECKING:
    from ..runtime import Runtime

DAY, YEAR, MAIN_NUMBER = "day", "year", "main_number"


@dataclass(frozen=True)
class NumberingRule:
    """How numbers of one kind are made.

    ``pattern`` is a ``str.format`` pattern over ``area``, ``date`` (the local issue date), ``seq`` and
    ``specialty``. Sequences are counted per ``series`` and ``period`` (a day, a year, or — for a phase
    permit — its main permit's number): kinds that share a series never repeat each other's numbers.
    """

    pattern: str
    series: str
    period: str = YEAR
    max_seq: int = 99999
    specialty: str = ""

    def period_key(self, day: object, main_number: str | None = None, phase: str = "") -> str:
        if self.period == DAY:
            return f"{day:%Y%m%d}"
        if self.period == MAIN_NUMBER:
            if not main_number:
                raise ValueError("a phase number needs its main permit's number")
            return f"{main_number}-{phase}"
        return f"{day:%Y}"


# 施工许可证 (REFERENCE §7.2): 6-digit area + 8-digit date + 2-digit same-day sequence + 2-digit specialty
# (01 房屋建筑). The three 自然资源 certificates print 建字第/地字第/用字第{number}号; they share one series,
# so that the bare number stays unique across them (it is the key of the public verification URL).
# A phase permit is its main permit's number plus a suffix: S 基坑 (深基坑), J 基础, Z 装修, A 设备安装
# (日照 precedent).
DEFAULT_RULES: Mapping[str, NumberingRule] = MappingProxyType({
    "construction_permit": NumberingRule("{area}{date:%Y%m%d}{seq:02d}{specialty}", "construction_permit",
                                         DAY, 99, "01"),
    "phased_construction_permit": NumberingRule("{main}-{phase}{seq}", "phased_construction_permit",
                                                MAIN_NUMBER, 9),
    "works_planning_permit": NumberingRule("{area}{date:%Y}{seq:05d}", "planning"),
    "land_use_planning_permit": NumberingRule("{area}{date:%Y}{seq:05d}", "planning"),
    "land_preexam_site_opinion": NumberingRule("{area}{date:%Y}{seq:05d}", "planning"),
    "joint_acceptance_opinion": NumberingRule("LY{area}{date:%Y}{seq:04d}", "joint_acceptance", YEAR, 9999),
    "comprehensive_construction_permit": NumberingRule("ZH{area}{date:%Y}{seq:05d}", "comprehensive"),
    "tolerance_acceptance_notice": NumberingRule("RQ{area}{date:%Y}{seq:05d}", "tolerance"),
    "supplement_notice": NumberingRule("BZ{area}{date:%Y}{seq:05d}", "supplement"),
    "commitment_approval": NumberingRule("CN{area}{date:%Y}{seq:05d}", "commitment"),
    "construction_pre_permit": NumberingRule("YX{area}{date:%Y}{seq:05d}", "pre_permit"),
    "night_work_permit": NumberingRule("YJ{area}{date:%Y}{seq:05d}", "night_work"),
    "construction_waste_disposal_licence": NumberingRule("LJ{area}{date:%Y}{seq:05d}", "waste_disposal"),
})

PHASE_CODES: Mapping[str, str] = MappingProxyType({"S": "基坑支护和土方开挖", "J": "基础", "Z": "装饰装修",
                                                   "A": "设备安装", "T": "主体结构"})


@dataclass(frozen=True)
class IssuanceSettings:
    """Everything about issuance that differs between installations."""

    area_code: str = "420104"
    authority_prefix: str = "武汉市硚口区"
    public_base_url: str = "http://127.0.0.1:5000"
    rules: Mapping[str, NumberingRule] = field(default_factory=lambda: DEFAULT_RULES)
    authorities: Mapping[str, str] = field(default_factory=dict)
    land_approval_authority: str = "武汉市人民政府"
    not_collected: str = "见申请材料"
    """Printed in a required row whose value the stage forms do not ask for (e.g. 批准用地文号)."""

    def __post_init__(self) -> None:
        if not (len(self.area_code) == 6 and self.area_code.isascii() and self.area_code.isdigit()):
            raise ConfigurationError("行政区划代码应为6位数字", area_code=self.area_code)
        if not self.public_base_url.startswith(("http://", "https://")):
            raise ConfigurationError("核验网址应以http://或https://开头", public_base_url=self.public_base_url)

    def authority(self, department_code: str | None) -> str:
        """The issuing authority's name: configured, else the area prefix + the department's name."""
        if department_code is not None and department_code in self.authorities:
            return self.authorities[department_code]
        return self.authority_prefix + DEPARTMENTS.get(department_code or "", "行政审批局")

    def verification_url(self, number: str) -> str:
        return f"{self.public_base_url.rstrip('/')}/verify/{number}"

    def rule(self, kind: str) -> NumberingRule:
        try:
            return self.rules[kind]
        except KeyError:
            raise ValueError(f"no numbering rule for certificate kind {kind!r}") from None

    @classmethod
    def from_env(cls) -> IssuanceSettings:
        settings = cls()
        def env(name: str, default: str) -> str:
            return os.environ.get(f"APPROVAL_{name.upper()}") or default

        return replace(settings, area_code=env("area_code", settings.area_code),
                       authority_prefix=env("authority_prefix", settings.authority_prefix),
                       public_base_url=env("public_base_url", settings.public_base_url))


_ATTRIBUTE = "issuance_settings"


def configure(runtime: Runtime, settings: IssuanceSettings) -> None:
    """Give ``runtime`` its own issuance settings (instead of the environment's)."""
    setattr(runtime, _ATTRIBUTE, settings)


def settings_for(runtime: Runtime) -> IssuanceSettings:
    """The runtime's settings if configured, else the defaults with the environment's overrides."""
    return getattr(runtime, _ATTRIBUTE, None) or IssuanceSettings.from_env()


def default_public_base_url(runtime: Runtime, url: str) -> None:
    """Give a runtime without its own settings the environment's, with ``url`` as the public base URL
    (the web application's configured address, or in development the address requests come to)."""
    if getattr(runtime, _ATTRIBUTE, None) is None:
        configure(runtime, replace(IssuanceSettings.from_env(), public_base_url=url))
