"""The four approval stages (REFERENCE §1): process ids, names, lead departments, forms."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    number: int
    process_id: str
    name: str
    lead_department: str
    application_form: str


STAGES = (
    Stage(1, "stage_project_land_planning", "立项用地规划许可", "natural_resources", "stage_1_application"),
    Stage(2, "stage_engineering_permit", "工程建设许可", "natural_resources", "stage_2_application"),
    Stage(3, "stage_construction_permit", "施工许可", "housing_construction", "stage_3_application"),
    Stage(4, "stage_completion_acceptance", "竣工验收", "housing_construction", "stage_4_application"),
)
BY_PROCESS = {s.process_id: s for s in STAGES}

CATEGORIES = {
    "government_investment_project": "政府投资项目",
    "social_investment_project": "社会投资一般项目",
    "land_sold_with_scheme": "带方案出让土地项目",
    "low_risk_social_project": "社会投资小型/低风险项目",
    "small_industrial_project": "小型工业项目",
}
MAIN_PROCESS = {"social_investment_project": "social_investment_project"}
"""Category → main process id. Categories without a model yet cannot start an approval."""


def stage_name(process_id: str) -> str:
    stage = BY_PROCESS.get(process_id)
    return stage.name if stage else process_id
