"""The lanes of the process models and who may act in each.

Lane names are the contract with ``bpmn/processes`` (docs/modelling.md): a lane is either a role
(the owner, the comprehensive window) or a department whose examiners act in it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

OWNER = "owner"
AGENT = "agent"
WINDOW_CLERK = "window_clerk"
EXAMINER = "examiner"
DEPARTMENT_LEAD = "department_lead"
SUPERVISOR = "supervisor"
ADMINISTRATOR = "administrator"
SURVEY_FIRM = "survey_firm"  # 测绘单位: commissioned by an owner for 多测合一
ROLES = (OWNER, AGENT, WINDOW_CLERK, EXAMINER, DEPARTMENT_LEAD, SUPERVISOR, ADMINISTRATOR, SURVEY_FIRM)
ROLE_NAMES = {OWNER: "建设单位", AGENT: "帮办代办员", WINDOW_CLERK: "综合窗口", EXAMINER: "审批人员",
              DEPARTMENT_LEAD: "部门负责人", SUPERVISOR: "电子监察", ADMINISTRATOR: "系统管理员",
              SURVEY_FIRM: "测绘单位"}



def _organisations(file_name: str) -> dict[str, str]:
    """Code → name from one of this package's TSV files (data files an office may adapt)."""
    with (Path(__file__).parent / file_name).open(encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {row["code"]: row["name"] for row in rows}


#: 市政公用服务单位 (water, power, gas…): organisations whose examiners act like a department's.
UTILITY_COMPANIES: dict[str, str] = _organisations("utility_companies.tsv")
#: Every organisation that examines something: the departments, then the utility companies.
DEPARTMENTS: dict[str, str] = {**_organisations("departments.tsv"), **UTILITY_COMPANIES}


@dataclass(frozen=True)
class Lane:
    """Who acts in a lane: the owner, the window, or the examiners of one department."""

    name: str
    role: str
    department_code: str | None = None


LANES: dict[str, Lane] = {
    "建设单位": Lane("建设单位", OWNER),
    "综合窗口": Lane("综合窗口", WINDOW_CLERK),
    **{name: Lane(name, EXAMINER, code) for code, name in DEPARTMENTS.items()},
}


def lane(name: str | None) -> Lane:
    """The lane of a task; an unknown lane is a broken model (the library refuses those at load)."""
    if name not in LANES:
        raise KeyError(f"unknown lane {name!r}")
    return LANES[name]
