"""Committed working days: per approval item, and per stage for each project category.

Defaults from the domain reference: the 唐山 2019 catalogue for items (REFERENCE §1 tables, Appendix B)
and the suggested per-stage split of the category totals (REFERENCE §2.3 — an assumption, marked there).
"""

from __future__ import annotations

ITEM_DAYS: dict[str, int] = {
    "enterprise_project_filing": 5,  # 核准 5 wd (备案 is 1; 核准 is the longer, stricter case)
    "land_preexam_site_opinion": 3,
    "environmental_impact_assessment": 5,
    "flood_impact_assessment": 5,
    "land_use_planning_permit": 3,
    "design_scheme_review": 15,  # social investment; 10 for government projects
    "civil_defence_basement_approval": 5,
    "fire_design_review": 10,
    "works_planning_permit": 3,
    "drawing_review": 15,
    "civil_defence_quality_supervision": 2,
    "work_injury_insurance": 1,
    "construction_waste_disposal_approval": 10,
    "construction_permit": 3,
    "planning_compliance_verification": 3,
    "fire_acceptance": 10,
    "civil_defence_completion_filing": 3,
    "archive_acceptance": 3,
    "joint_acceptance_opinion": 1,
}

STAGE_DAYS: dict[str, dict[str, int]] = {
    "social_investment_project": {"stage_project_land_planning": 15, "stage_engineering_permit": 15,
                                  "stage_construction_permit": 10, "stage_completion_acceptance": 10},
    "government_investment_project": {"stage_project_land_planning": 25, "stage_engineering_permit": 20,
                                      "stage_construction_permit": 15, "stage_completion_acceptance": 10},
}
DEFAULT_ITEM_DAYS = 5
