"""Every project category runs its own stages, generated from the item catalogue, under its own limits."""

from datetime import date

import pytest
from sqlalchemy import func, select

from engine import progress, project_certificates, project_clocks
from engine.catalogue import ItemEntry, add_item
from engine.catalogue.models import CatalogueItem
from engine.errors import FormRejected
from engine.processes.models import ProcessInstance, ProcessSpec
from engine.projects.models import Project
from engine.time_limits.models import TimeLimitRule
from engine.time_limits.rules import add_time_limit_rule

FOUR = ["立项用地规划许可", "工程建设许可", "施工许可", "竣工验收"]
MERGED = "工程建设许可（含施工许可）"
PERMITS = ["land_use_planning_permit", "works_planning_permit", "construction_permit", "joint_acceptance_opinion"]
CATEGORIES = {  # category → (stages, total limit, stage limits, certificates issued in order)
    "government_investment_project": (FOUR, 70, [25, 20, 15, 10], PERMITS),
    "social_investment_project": (FOUR, 50, [15, 15, 10, 10], PERMITS),
    "land_sold_with_scheme": (["立项用地规划许可", MERGED, "竣工验收"], 30, [10, 10, 10], PERMITS),
    "low_risk_social_project": ([MERGED, "竣工验收"], 25, [15, 10], PERMITS[1:]),
    "small_industrial_project": ([MERGED, "竣工验收"], 25, [15, 10], PERMITS[1:]),
}


def owner_view(office, step, read):
    with step(write=False) as s:
        return read(s, office.actor(s, "owner"))


@pytest.mark.parametrize("category", CATEGORIES)
def test_each_category_runs_its_stages_to_the_end(office, step, runtime, category):
    stages, total, stage_days, permits = CATEGORIES[category]
    code, instance_id = office.new_project(category=category)
    for _ in stages:
        office.finish_stage(code)
    report = owner_view(office, step, lambda s, who: progress(s, who, code))
    assert [(st.name, st.status) for st in report.stages] == [(name, "已办结") for name in stages]
    certificates = owner_view(office, step, lambda s, who: project_certificates(s, who, code))
    assert [c.kind for c in certificates] == permits
    with step(write=False) as s:
        assert s.get(ProcessInstance, instance_id).status == "completed"
        rule = s.get(TimeLimitRule, s.get(Project, code).time_limit_rule_id)
        assert rule.total_days == total
    clocks = owner_view(office, step, lambda s, who: project_clocks(s, runtime, who, code))
    assert [c.limit_days for c in clocks if c.key.startswith("stage:")] == stage_days


def test_government_stage_1_runs_its_items_phase_after_phase(office):
    code, _ = office.new_project(category="government_investment_project")
    office.act(code, "apply")
    office.act(code, "accept")
    assert [i.bpmn_id for i in office.items(code)] == ["review_government_project_proposal_approval"]
    office.act(code, "review_government_project_proposal_approval")
    assert {i.bpmn_id for i in office.items(code)} == {
        "review_land_preexam_site_opinion", "review_environmental_impact_assessment", "review_flood_impact_assessment"}
    for item in ("land_preexam_site_opinion", "environmental_impact_assessment", "flood_impact_assessment"):
        office.act(code, f"review_{item}")
    assert [i.bpmn_id for i in office.items(code)] == ["review_feasibility_study_approval"]


def test_the_same_item_has_the_committed_days_of_the_category(office, step, runtime):
    """设计方案审查: 10 working days for government projects, 15 for social investment (REFERENCE §1.2)."""
    days = {}
    for number, category in enumerate(("government_investment_project", "social_investment_project")):
        code, _ = office.new_project(f"2026-420104-70-03-00000{number + 2}", category)
        office.finish_stage(code)
        office.act(code, "apply")
        office.act(code, "accept")
        clocks = owner_view(office, step, lambda s, who, code=code: project_clocks(s, runtime, who, code))
        days[category] = {c.label: c.limit_days for c in clocks}["设计方案审查"]
    assert days == {"government_investment_project": 10, "social_investment_project": 15}


def test_an_item_added_to_the_catalogue_is_reviewed_in_parallel_in_the_next_application(office, step, runtime):
    running, _ = office.new_project("2026-420104-70-03-000011", "low_risk_social_project")
    with step() as s:
        add_item(s, ItemEntry(
            code="traffic_impact_review", name="影响交通安全的占路施工审批", department_code="traffic_police",
            category="low_risk_social_project", stage=3, committed_days=5, materials=["占路施工方案"]), runtime.now())
    later, _ = office.new_project("2026-420104-70-03-000012", "low_risk_social_project")
    for code in (running, later):
        office.act(code, "apply")
        office.act(code, "accept")
    reviews = {code: {i.bpmn_id: i.department_code for i in office.items(code)} for code in (running, later)}
    assert reviews[later] == {"review_work_injury_insurance": "human_resources",
                              "review_construction_waste_disposal_approval": "urban_management",
                              "review_traffic_impact_review": "traffic_police"}
    assert "review_traffic_impact_review" not in reviews[running]  # a running case keeps its models
    office.act(later, "review_traffic_impact_review", username="exam_traffic_police")
    with step(write=False) as s:
        assert s.scalar(select(func.count()).select_from(ProcessSpec)) == 2


@pytest.mark.parametrize(("change", "field"), [
    ({"department_code": "no_such_department"}, "department_code"),
    ({"stage": 1}, "stage"),  # low-risk projects hold their land: no stage 1
    ({"committed_days": 0}, "committed_days"),
    ({"code": "交通"}, "code"),
    ({"role": "approve"}, "role"),
])
def test_a_bad_catalogue_entry_is_refused_and_stores_nothing(office, step, runtime, change, field):
    entry = {"code": "traffic_impact_review", "name": "影响交通安全的占路施工审批", "department_code": "traffic_police",
             "category": "low_risk_social_project", "stage": 3, "committed_days": 5, **change}
    with step() as s:
        before = s.scalar(select(func.count()).select_from(CatalogueItem))
    with pytest.raises(FormRejected) as caught, step() as s:
        add_item(s, ItemEntry(**entry), runtime.now())
    assert field in caught.value.field_errors
    with step(write=False) as s:
        assert s.scalar(select(func.count()).select_from(CatalogueItem)) == before


def test_a_new_time_limit_rule_binds_later_cases_only(office, step, runtime, clock):
    """A case keeps the rule in force on the day its first stage was accepted."""
    early, _ = office.new_project("2026-420104-70-03-000021")
    office.act(early, "apply")
    office.act(early, "accept")  # Mon 2026-11-02: bound to the 50-day rule
    with step() as s:
        add_time_limit_rule(s, "social_investment_project", date(2026, 11, 3), 40, {
            "stage_project_land_planning": 10, "stage_engineering_permit": 12, "stage_construction_permit": 8,
            "stage_completion_acceptance": 10}, runtime.now())
    clock.advance(days=1)
    late, _ = office.new_project("2026-420104-70-03-000022")
    office.act(late, "apply")
    office.act(late, "accept")
    for code, (total, stage_1) in {early: (50, 15), late: (40, 10)}.items():
        with step(write=False) as s:
            assert s.get(TimeLimitRule, s.get(Project, code).time_limit_rule_id).total_days == total
        clocks = owner_view(office, step, lambda s, who, code=code: project_clocks(s, runtime, who, code))
        assert [c.limit_days for c in clocks if c.key.startswith("stage:")] == [stage_1]


@pytest.mark.parametrize(("total", "stages", "field"), [
    (40, {"stage_project_land_planning": 10}, "stage_days"),
    (30, {"stage_project_land_planning": 10, "stage_engineering_permit": 12, "stage_construction_permit": 8,
          "stage_completion_acceptance": 10}, "stage_days"),  # 40 > 30
    (0, {"stage_project_land_planning": 10, "stage_engineering_permit": 12, "stage_construction_permit": 8,
         "stage_completion_acceptance": 10}, "total_days"),
])
def test_a_bad_time_limit_rule_is_refused_and_stores_nothing(step, runtime, total, stages, field):
    with step() as s:
        add_time_limit_rule(s, "land_sold_with_scheme", date(2027, 1, 1), 30, {
            "stage_project_land_planning": 10, "stage_engineering_construction_permit": 10,
            "stage_completion_acceptance": 10}, runtime.now())
        before = s.scalar(select(func.count()).select_from(TimeLimitRule))
    with pytest.raises(FormRejected) as caught, step() as s:
        add_time_limit_rule(s, "social_investment_project", date(2027, 1, 1), total, stages, runtime.now())
    assert field in caught.value.field_errors
    with step(write=False) as s:
        assert s.scalar(select(func.count()).select_from(TimeLimitRule)) == before


def test_the_forms_offer_exactly_the_catalogue_categories():
    from engine import CATEGORIES as ENGINE_CATEGORIES
    from forms.applications import CATEGORIES as FORM_CATEGORIES

    assert FORM_CATEGORIES == ENGINE_CATEGORIES
