"""The 自选下单 menu of the 建筑工程综合许可证 as data (REFERENCE §7.1; confirm the list with the client).

Each licence names its department (a code of ``organisation.lanes.DEPARTMENTS``; the process model puts
its review in that department's lane), its committed working days, the form fields it needs, the prefix
of its own number and how its block on the certificate reads (scope, validity, conditions).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..issuance.settings import NumberingRule

PROCESS_ID = "comprehensive_construction_permit"
ANCHOR = "construction_permit"  # 建筑工程施工许可: always part of the first order


@dataclass(frozen=True)
class Block:
    """What one licence's block on the certificate says."""

    scope: str
    valid_from: date
    valid_until: date
    conditions: str


@dataclass(frozen=True)
class Licence:
    code: str
    name: str
    department: str
    committed_days: int
    needs: tuple[str, ...]
    number_prefix: str
    block: Callable[[dict[str, Any], str, date], Block]


def _months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, 28))


def cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _period(form: dict[str, Any], start: str, end: str) -> tuple[date, date]:
    return date.fromisoformat(str(form[start])), date.fromisoformat(str(form[end]))


def _construction(form: dict[str, Any], project: str, today: date) -> Block:
    return Block(f"{project}（{form['construction_scale']}）施工", today, _months(today, 3),
                 "自领证之日起三个月内开工，逾期未开工且未申请延期的，本项许可失效")


def _night(form: dict[str, Any], project: str, today: date) -> Block:
    start, end = _period(form, "night_work_from", "night_work_to")
    return Block(f"夜间施工（{form['night_work_reason']}）", start, end,
                 f"施工日期：{cn(start)}至{cn(end)}；施工时段：{form['night_work_hours']}；"
                 "须在施工现场公示，超出时段施工视为未经许可")


def _waste(form: dict[str, Any], project: str, today: date) -> Block:
    return Block(f"建筑垃圾处置{form['spoil_volume']}立方米", today, _months(today, 3),
                 f"运输路线：{form['spoil_route']}；消纳场所：{form['disposal_site']}；"
                 f"运输车辆{form['spoil_vehicles']}辆，密闭运输")


def _road(form: dict[str, Any], project: str, today: date) -> Block:
    start, end = _period(form, "occupation_from", "occupation_to")
    return Block(f"临时占用（挖掘）{form['road_location']}，面积{form['road_area']}平方米", start, end,
                 "期满前恢复道路原状并报验")


def _traffic(form: dict[str, Any], project: str, today: date) -> Block:
    start, end = _period(form, "occupation_from", "occupation_to")
    return Block(f"{form['road_location']}占路施工", start, end, f"交通组织措施：{form['traffic_measures']}")


def _green(form: dict[str, Any], project: str, today: date) -> Block:
    return Block(f"临时占用{form['greenland_location']}绿地{form['greenland_area']}平方米，"
                 f"迁移树木{form['trees_moved']}株", today, _months(today, 12), "期满恢复绿地原状，树木按方案移植")


def _sewage(form: dict[str, Any], project: str, today: date) -> Block:
    return Block(f"施工排水经{form['sewage_outlet']}排入城镇排水管网", today, _months(today, 60),
                 f"日排水量不超过{form['sewage_volume']}立方米，须经沉淀处理")


def _civil_defence(form: dict[str, Any], project: str, today: date) -> Block:
    return Block(f"应建防空地下室{form['civil_defence_area']}平方米", today, _months(today, 36),
                 "防空地下室与主体工程同步设计、同步施工、同步验收")


LICENCES: tuple[Licence, ...] = (
    Licence(ANCHOR, "建筑工程施工许可", "housing_construction", 3, (), "", _construction),
    Licence("construction_waste_disposal_approval", "城市建筑垃圾处置核准", "urban_management", 10,
            ("spoil_route", "disposal_site", "spoil_volume", "spoil_vehicles"), "CZ", _waste),
    Licence("night_work_permit", "夜间施工许可", "administrative_approval", 2,
            ("night_work_from", "night_work_to", "night_work_hours", "night_work_reason"), "YJ", _night),
    Licence("road_occupation_excavation_permit", "临时占用/挖掘城市道路", "urban_management", 3,
            ("road_location", "road_area", "occupation_from", "occupation_to"), "ZD", _road),
    Licence("traffic_road_occupation_permit", "影响交通安全的占路施工", "traffic_police", 5,
            ("road_location", "occupation_from", "occupation_to", "traffic_measures"), "JT", _traffic),
    Licence("temporary_greenland_occupation", "临时占用城市绿地/迁移树木", "landscaping", 3,
            ("greenland_location", "greenland_area", "trees_moved"), "LD", _green),
    Licence("sewage_discharge_permit", "城镇污水排入排水管网许可", "water_affairs", 3,
            ("sewage_outlet", "sewage_volume"), "PS", _sewage),
    Licence("civil_defence_basement_approval", "应建防空地下室报建", "civil_defence", 5,
            ("civil_defence_area",), "RF", _civil_defence),
)
BY_CODE = {licence.code: licence for licence in LICENCES}


def numbering_rules() -> dict[str, NumberingRule]:
    """Each licence's own number series (the anchor's is the 施工许可证's 18-digit rule). The series is
    named by the prefix: ``certificate_counter.series`` holds at most 40 characters."""
    return {f"licence_{lic.code}": NumberingRule(f"{lic.number_prefix}{{area}}{{date:%Y}}{{seq:05d}}",
                                                 f"licence_{lic.number_prefix}")
            for lic in LICENCES if lic.number_prefix}
