"""A fortnight of two projects for the supervision figures, built through the engine's use cases.

Beijing times, November 2026 (no holiday): A = 汉江湾 (accepted Mon 11-02), B = 江岸 (accepted Mon 11-09).
Hand-computed readings at Mon 11-16 10:00 (a span from day a to day b counts the working days a < d <= b):

* A 企业投资项目核准/备案 (发展和改革局, 5 d): 11-02 → 11-03 decided: 1 day.
* A 环境影响评价审批 (生态环境局, 5 d): 11-02 → 11-04 补正 (2 days), paused to 11-09, 11-09 → 11-11 (2): 4 days.
* A 洪水影响评价审批 (水务局, 5 d): 11-02 → 11-11: 7 days (finished late; stopped, so not an open alert).
* A 建设项目用地预审与选址意见书 (自然资源和规划局, 3 d): 11-02 → 11-12: 8 days; issuance 11-12 → 11-13: 1 day.
* A stage 立项用地规划许可: 11-02 → 11-13 issued: 9 days, completed, reviews concurrent (parallel).
* B reviews started 11-09: 11-10, 11-11, 11-12, 11-13, 11-16 = 5 days each, except 环境影响评价审批 paused for
  补正 on 11-11 after 2 days. 核准/备案 and 洪水 5/5 → 预警 (deadline today 17:30); 用地预审 5/3 → 逾期 by 2.
* B stage: 5 days, running.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from engine import submit_supplement

from .office import Office

CHINA = timezone(timedelta(hours=8))
CODE_A, CODE_B = "2026-420104-70-03-000001", "2026-420104-70-03-000002"
AS_OF = datetime(2026, 11, 16, 10, 0, tzinfo=CHINA)
SUPPLEMENT = {"decision": "supplement", "opinion": "材料不全，请一次补齐", "missing_materials": ["环境影响报告书"]}


def at(day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=CHINA)


def two_projects(office: Office, clock) -> None:
    """Drive A and B through the timeline above; leaves the clock at ``AS_OF``."""
    clock.value = at(2, 9, 30)
    office.new_project(CODE_A)
    office.new_project(CODE_B)
    _apply(office, CODE_A)
    clock.value = at(3)
    office.act(CODE_A, "review_enterprise_project_filing")
    clock.value = at(4)
    office.act(CODE_A, "review_environmental_impact_assessment", SUPPLEMENT)
    clock.value = at(9, 9, 30)
    _apply(office, CODE_B)
    clock.value = at(9)
    supply(office, CODE_A, "review_environmental_impact_assessment")
    clock.value = at(11)
    office.act(CODE_A, "review_environmental_impact_assessment")
    office.act(CODE_A, "review_flood_impact_assessment")
    office.act(CODE_B, "review_environmental_impact_assessment", SUPPLEMENT)
    clock.value = at(12)
    office.act(CODE_A, "review_land_preexam_site_opinion")
    clock.value = at(13)
    office.act(CODE_A, "issue")
    clock.value = AS_OF


def _apply(office: Office, code: str) -> None:
    office.act(code, "apply")
    office.act(code, "accept")


def supply(office: Office, code: str, bpmn_id: str) -> None:
    """The owner answers the correction notice on the item."""
    item = office.item(code, bpmn_id)
    with office.step() as s:
        submit_supplement(s, office.runtime, office.actor(s, "owner"), item.instance_id, item.task_id,
                          {"materials": ["环境影响报告书"], "note": "已补齐"})


