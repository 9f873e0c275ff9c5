"""What each stage's certificate says, drawn from the register of the project's own data.

Every value comes from the project, the stage application forms (latest round), the department
decisions of the stage and the register (earlier certificate numbers). A required row that no form
asks for (e.g. 勘察单位项目负责人) prints ``settings.not_collected`` rather than an
invented value; the forms owner decides whether to collect it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from forms import keys
from forms.applications import LAND_ROUTES, LAND_USES

from ..catalogue.stages import stage_numbers
from ..projects.models import Project, StageApplication
from ..work_items.models import Decision
from .models import VALID, Certificate
from .settings import IssuanceSettings

Fields = tuple[tuple[str, str], ...]
Rows = tuple[tuple[str, str | None], ...]  # what a builder returns: a None value leaves its row out


@dataclass(frozen=True)
class Sources:
    """Everything a certificate of one stage may draw on."""

    project: Project
    applications: Mapping[int, Mapping[str, Any]]  # stage number → latest application form
    approvals: tuple[Decision, ...]  # the stage's final review decisions, in item order
    issuance: Mapping[str, Any]  # the issuance form
    numbers: Mapping[str, str]  # kind → printed number of the project's valid certificate of that kind
    settings: IssuanceSettings

    def value(self, stage: int, key: str, unit: str = "") -> str:
        """A form value as printed, or ``not_collected`` when the form does not hold it."""
        raw = self.applications.get(stage, {}).get(key)
        if raw is None or raw == "":
            return self.settings.not_collected
        return f"{raw}{unit}"

    def approval_names(self) -> list[str]:
        return [d.task_name for d in self.approvals]

    def approvals_text(self) -> str:
        return "、".join(self.approval_names())

    def remarks(self, default: str = "无") -> str:
        return (self.issuance.get("certificate_remarks") or "").strip() or default


def gather(session: Session, project: Project, instance_id: int | None, stage: str,
           issuance: Mapping[str, Any], settings: IssuanceSettings) -> Sources:
    """Collect the sources of a certificate of ``stage`` (a stage process id) from the tables."""
    latest = (select(StageApplication.stage, func.max(StageApplication.id))
              .where(StageApplication.project_code == project.code).group_by(StageApplication.stage))
    ids = [row[1] for row in session.execute(latest)]
    applications = {number: a.data  # a merged stage's one form answers for both stages it covers
                    for a in session.scalars(select(StageApplication).where(StageApplication.id.in_(ids)))
                    for number in stage_numbers(a.stage)}
    return Sources(project, applications, _final_approvals(session, instance_id, stage), dict(issuance),
                   _printed_numbers(session, project.code), settings)


def _final_approvals(session: Session, instance_id: int | None, stage: str) -> tuple[Decision, ...]:
    """The last review decision of each item of the stage: those of the round that is being issued."""
    if instance_id is None:
        return ()
    last = (select(func.max(Decision.id)).where(Decision.instance_id == instance_id, Decision.stage == stage,
                                               Decision.form_key == keys.REVIEW_DECISION).group_by(Decision.item))
    rows = session.scalars(select(Decision).where(Decision.id.in_(last), Decision.outcome == "approve")
                           .order_by(Decision.id))
    return tuple(rows)


def _printed_numbers(session: Session, project_code: str) -> dict[str, str]:
    rows = session.scalars(select(Certificate).where(Certificate.project_code == project_code,
                                                     Certificate.status == VALID).order_by(Certificate.id))
    return {c.kind: c.printed_number for c in rows}


def certificate_fields(kind: str, sources: Sources) -> Fields:
    """The field rows of a ``kind`` certificate for the project in ``sources``."""
    try:
        build = _BUILDERS[kind]
    except KeyError:
        raise ValueError(f"no stage certificate content for kind {kind!r}") from None
    return tuple((label, value) for label, value in build(sources) if value is not None)


def _land_use_planning_permit(src: Sources) -> Rows:
    route = src.applications.get(1, {}).get("land_route")
    return (
        ("用地项目名称", src.project.name),
        ("项目代码", src.project.code),
        ("批准用地机关", src.settings.land_approval_authority),
        ("批准用地文号", src.value(1, "land_approval_no")),
        ("用地位置", src.value(1, "site_address") if 1 in src.applications else src.project.site_address),
        ("用地面积", src.value(1, "land_area", "平方米")),
        ("土地用途", LAND_USES.get(src.applications.get(1, {}).get("land_use") or "", src.settings.not_collected)),
        ("土地取得方式", LAND_ROUTES.get(route or "", src.settings.not_collected)),
        ("建设规模", "总建筑面积" + src.value(1, "building_area", "平方米")),
        ("附图及附件名称", _attachments("建设用地红线图", src)),
    )


def _works_planning_permit(src: Sources) -> Rows:
    stage2 = src.applications.get(2, {})
    above, below = stage2.get("above_ground_area"), stage2.get("underground_area")
    scale = src.settings.not_collected
    if above is not None and below is not None:
        scale = (f"总建筑面积{_sum(above, below)}平方米，其中地上{above}平方米，地下{below}平方米；"
                 f"{_floors(stage2)}，建筑高度{src.value(2, 'building_height', '米')}")
    return (
        ("建设项目名称", src.project.name),
        ("项目代码", src.project.code),
        ("建设位置", src.project.site_address or src.value(1, "site_address")),
        ("建设规模", scale),
        ("具体建设内容", stage2.get("scheme_summary")),
        ("附图及附件名称", _attachments("建设工程设计方案总平面图", src)),
    )


def _construction_permit(src: Sources) -> Rows:
    review_no = src.applications.get(3, {}).get("drawing_review_certificate_no")
    remarks = src.remarks("")
    notes = "；".join(part for part in (remarks, f"施工图审查合格书编号：{review_no}" if review_no else "") if part)
    return (
        ("工程名称", src.project.name),
        ("项目代码", src.project.code),
        ("建设地址", src.project.site_address or src.value(1, "site_address")),
        ("建设规模", src.value(3, "construction_scale")),
        ("合同价格（万元）", src.value(3, "contract_price")),
        ("勘察单位", src.value(3, "survey_unit")),
        ("设计单位", src.value(3, "design_unit")),
        ("施工单位", src.value(3, "general_contractor")),
        ("监理单位", src.value(3, "supervision_unit")),
        ("勘察单位项目负责人", src.settings.not_collected),
        ("设计单位项目负责人", src.settings.not_collected),
        ("施工单位项目负责人", src.value(3, "project_manager")),
        ("总监理工程师", src.value(3, "chief_supervisor")),
        ("合同工期", src.value(3, "contract_duration_days", "日历天")),
        ("备注", notes or "无"),
    )


def _joint_acceptance_opinion(src: Sources) -> Rows:
    stage4 = src.applications.get(4, {})
    review_no = src.applications.get(3, {}).get("drawing_review_certificate_no")
    facts = [f"质量监督报告（编号{stage4['quality_report_no']}）已出具" if stage4.get("quality_report_no") else "",
             f"多测合一成果（编号{stage4['survey_result_ref']}）已共享" if stage4.get("survey_result_ref") else ""]
    basics = "工程已按设计和合同约定内容完成，建设单位已组织竣工验收"
    conclusion = f"{src.approvals_text()}等成员单位意见均为同意。联合验收合格。" if src.approvals else "联合验收合格。"
    if src.remarks(""):
        conclusion += f"备注：{src.remarks('')}"
    floors = _floors(src.applications[2]) if src.applications.get(2) else src.value(4, "floors", "层")
    return (
        ("工程名称", src.project.name),
        ("项目代码", src.project.code),
        ("工程地址", src.project.site_address or src.value(1, "site_address")),
        ("勘察单位", src.value(3, "survey_unit")),
        ("设计单位", src.value(3, "design_unit")),
        ("施工单位", src.value(3, "general_contractor")),
        ("监理单位", src.value(3, "supervision_unit")),
        ("施工图审查机构", f"见施工图审查合格书（{review_no}）" if review_no else src.settings.not_collected),
        ("结构形式", src.value(4, "structure_type")),
        ("层数", floors),
        ("建筑面积", src.value(4, "total_floor_area", "平方米")),
        ("工程规模", src.value(3, "construction_scale")),
        ("开工日期", _chinese_date(stage4.get("construction_start_date"), src)),
        ("竣工日期", _chinese_date(stage4.get("completion_date"), src)),
        ("规划证号", src.numbers.get("works_planning_permit", src.settings.not_collected)),
        ("施工证号", src.numbers.get("construction_permit", src.settings.not_collected)),
        ("基本情况", "；".join([basics, *[f for f in facts if f]]) + "。"),
        ("存在问题", "无"),
        ("验收结论", conclusion),
    )


def _attachments(drawing: str, src: Sources) -> str:
    if not src.approvals:
        return drawing
    opinions = (name if name.endswith(("意见", "意见书")) else f"{name}意见" for name in src.approval_names())
    return f"{drawing}；{'、'.join(opinions)}"


def _floors(stage2: Mapping[str, Any]) -> str:
    above, below = stage2.get("floors_above"), stage2.get("floors_below")
    return f"地上{above}层，地下{below}层" if below else f"地上{above}层"


def _sum(*values: Any) -> str:
    try:
        return str(sum((Decimal(str(v)) for v in values), Decimal(0)))
    except InvalidOperation:
        return "、".join(str(v) for v in values)


def _chinese_date(value: Any, src: Sources) -> str:
    if not value:
        return src.settings.not_collected
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return f"{day.year}年{day.month}月{day.day}日"


_BUILDERS: dict[str, Callable[[Sources], Any]] = {
    "land_use_planning_permit": _land_use_planning_permit,
    "works_planning_permit": _works_planning_permit,
    "construction_permit": _construction_permit,
    "joint_acceptance_opinion": _joint_acceptance_opinion,
}

STAGE_KINDS = tuple(_BUILDERS)
"""Kinds this module can fill from a stage's data (the issuance item of stages 1–4)."""
