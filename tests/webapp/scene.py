"""Two owners' cases side by side, built through the engine's use cases, for the access tests.

Owner A (``owner``) and owner B (``owner_b``) each have three projects:

* ``main``: stage 1 issued (a certificate), stage 2 accepted, its reviews open, the 人防 review waiting
  for a supplement (一次性告知);
* ``queued``: stage 1 applied, waiting for the window's acceptance;
* ``fresh``: approval started, the owner's stage 1 application open.

The agent ``agent`` holds a grant from owner A for every stage-1/2 act on A's projects; ``agent_b``
holds none. ``lead_nr`` is the 自然资源和规划局 department lead.

Around them, one of each record the later routes address (``_records``): a stage-2 material and a
分阶段施工许可 application on ``main``, a 不满意 rating of stage 1 (which opens a 整改回访) and a 告知承诺
case there, a signed 容缺 commitment on ``queued`` (at the window), a 先建后验 pre-permit on ``fresh``, and a
延期 request on the 自然资源和规划局 review of ``main`` awaiting ``lead_nr``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from engine import (
    NewMaterial,
    apply_for_phase_permit,
    apply_with_commitment,
    attach_material,
    grant_authorisation,
    issue_pre_permit,
    rate_service,
    register_project,
    request_extension,
    sign_tolerance_commitment,
    start_approval,
)
from engine.demo import demo_form
from engine.issuance.models import Certificate
from engine.organisation.accounts import create_user
from engine.ratings.models import RatingFollowUp
from engine.work_items.models import WorkItem
from tests.support.office import Office

OWNERS = {"owner": ("示例置业有限公司", "A"), "owner_b": ("乙方建设投资集团", "B")}
NAMES = {"A": ("汉江湾示范住宅小区", "江岸物流园", "光谷科创中心"),
         "B": ("沌口钢构厂房", "蔡甸冷链仓库", "新洲农贸市场")}
SUPPLEMENT_REVIEW = "review_civil_defence_basement_approval"  # 人民防空办公室, stage 2
NR_REVIEW = "review_design_scheme_review"  # 自然资源和规划局, stage 2


@dataclass
class Side:
    """One owner's ids, as URLs use them."""

    owner: str
    codes: dict[str, str] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    ids: dict[str, Any] = field(default_factory=dict)

    def markers(self) -> list[str]:
        """Strings that appear only in this owner's data."""
        return [*self.codes.values(), *self.names, OWNERS[self.owner][0], self.ids["certificate"]]


def build(office: Office) -> dict[str, Side]:
    with office.step() as s:
        create_user(s, office.runtime, username="owner_b", display_name="乙方建设投资集团", role="owner",
                    password="demo-2026", organisation="乙方建设投资集团")
        create_user(s, office.runtime, username="agent_b", display_name="帮办代办员 钱代", role="agent",
                    password="demo-2026")
        create_user(s, office.runtime, username="lead_nr", display_name="自然资源和规划局 科长", role="department_lead",
                    password="demo-2026", department_code="natural_resources")
    sides = {letter: _side(office, owner, letter, serial) for serial, (owner, (_, letter)) in
             enumerate(OWNERS.items(), start=1)}
    _grant_a(office, sides["A"])
    return sides


def _side(office: Office, owner: str, letter: str, serial: int) -> Side:
    side = Side(owner)
    for index, (role, name) in enumerate(zip(("main", "queued", "fresh"), NAMES[letter], strict=True)):
        code = f"2026-420104-70-03-{serial}0000{index}"
        side.codes[role], side.names = code, [*side.names, name]
        _register(office, owner, code, name)
    main, queued, fresh = side.codes["main"], side.codes["queued"], side.codes["fresh"]
    _stage(office, owner, main, issue=True)
    _apply(office, owner, main)
    office.act(main, "accept")
    office.act(main, SUPPLEMENT_REVIEW, {"decision": "supplement", "opinion": "缺人防设计说明",
                                         "missing_materials": ["人防工程设计说明"]})
    _apply(office, owner, queued)
    review, supplement = office.item(main, NR_REVIEW), office.item(main, SUPPLEMENT_REVIEW)
    with office.step(write=False) as s:
        number = s.scalar(select(Certificate.number).where(Certificate.project_code == main))
        instance_ids = {r: s.scalar(select(WorkItem.instance_id).where(WorkItem.project_code == c).limit(1))
                        for r, c in side.codes.items()}
    side.ids = {"code": main, "instance": instance_ids["main"], "review": review.task_id,
                "supplement": supplement.task_id, "accept": office.item(queued, "accept").task_id,
                "apply": office.item(fresh, "apply").task_id, "certificate": number, "instance_by": instance_ids}
    side.ids |= _records(office, side, supplement.stage)
    return side


STAGE_1 = "stage_project_land_planning"
PHASE_1 = {
    "phase": "excavation_support_earthworks", "general_contractor": "中建三局第一建设工程有限责任公司",
    "bid_notice_no": "ZB-2026-0815", "survey_unit": "湖北省勘察设计院", "design_unit": "中南建筑设计院股份有限公司",
    "supervision_unit": "武汉华建工程监理有限公司", "contract_price": "38000.00", "contract_duration_days": 900,
    "construction_scale": "住宅8栋，总建筑面积68000平方米", "project_manager": "刘建国", "chief_supervisor": "孙立",
    "quality_safety_commitment": True}
PRE_PERMIT = {key: value for key, value in PHASE_1.items() if key not in ("phase", "bid_notice_no",
                                                                          "quality_safety_commitment")}


def _records(office: Office, side: Side, stage_2: str) -> dict[str, Any]:
    """The ids of the materials, ratings, acceptance-mode and construction routes, made by the owner."""
    main, fresh = side.codes["main"], side.codes["fresh"]
    pdf = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    with office.step() as s:
        who = office.actor(s, side.owner)
        material = attach_material(s, office.runtime, who, main,
                                   NewMaterial(stage_2, f"{side.names[0]}设计方案.pdf", pdf))
        rating = rate_service(s, office.runtime, who, main, {"stage": STAGE_1, "level": "dissatisfied",
                                                             "comment": "窗口答复不清"})
        follow_up = s.scalar(select(RatingFollowUp.id).where(RatingFollowUp.rating_id == rating.id))
        commitment = apply_with_commitment(s, office.runtime, who, main,
                                           {"item": "construction_permit", "confirmed": True})
        tolerance = sign_tolerance_commitment(s, office.runtime, who, side.ids["instance_by"]["queued"], {
            "item": "environmental_impact_assessment", "missing_materials": ["专家评审意见"],
            "confirmed": True})
        pre_permit = issue_pre_permit(s, office.runtime, who, fresh, {**PRE_PERMIT, "confirmed": True})
        phase = apply_for_phase_permit(s, office.runtime, who, main, PHASE_1)
        extension = request_extension(s, office.runtime, office.actor(s, "exam_natural_resources"), side.ids["review"],
                                      {"days": 3, "reason": "需征求相邻权利人意见"})
        return {"material": material.id, "follow_up": follow_up, "commitment": commitment.id,
                "tolerance": tolerance.id, "pre_permit": pre_permit.id, "phase": phase.id, "stage_2": stage_2,
                "extension": extension.id}


def _register(office: Office, owner: str, code: str, name: str) -> None:
    with office.step() as s:
        who = office.actor(s, owner)
        register_project(s, office.runtime, who, {
            "project_code": code, "project_name": name, "category": "social_investment_project",
            "owner_name": OWNERS[owner][0], "site_address": "武汉市某区某路1号"})
        start_approval(s, office.runtime, who, code)


def _apply(office: Office, owner: str, code: str) -> None:
    item = office.item(code, "apply")
    form = demo_form(item.form_key, code)
    if item.form_key == "stage_1_application":
        form |= {"project_name": _name_of(code), "owner_name": OWNERS[owner][0]}
    office.act(code, "apply", form, username=owner)


def _name_of(code: str) -> str:
    serial, index = int(code[-6]), int(code[-1])
    return NAMES["AB"[serial - 1]][index]


def _stage(office: Office, owner: str, code: str, *, issue: bool) -> None:
    _apply(office, owner, code)
    office.act(code, "accept")
    for review in [i.bpmn_id for i in office.items(code) if i.bpmn_id.startswith("review_")]:
        office.act(code, review)
    if issue:
        office.act(code, "issue")


def _grant_a(office: Office, side: Side) -> None:
    # A wide period: some read paths still check grants at the system clock (see the report).
    period = {"valid_from": datetime(2020, 1, 1, tzinfo=UTC).isoformat(),
              "valid_to": datetime(2099, 1, 1, tzinfo=UTC).isoformat()}
    with office.step() as s:
        for code in side.codes.values():
            grant = grant_authorisation(s, office.runtime, office.actor(s, side.owner), code, {
                "agent_username": "agent", "stages": [1, 2], "acts": ["apply", "supplement", "resubmit", "view"],
                **period})
            side.ids.setdefault("grant", grant.id)
