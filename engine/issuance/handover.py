"""统一出件 (前台综合受理、后台分类审批、综合窗口出件): the window hands out every certificate of a finished stage
at once, and the handover is recorded (who received them, how, which numbers) and audited on the project.

A stage is ready for handover when it holds valid stage certificates, no work item of it is open (every
issuance is done) and it was not handed out yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

import certificates
from forms import keys

from ..audit.trail import Entry, record
from ..catalogue.stages import stage_name
from ..errors import FormRejected, InvalidState, NotAllowed
from ..organisation.actors import Actor
from ..organisation.lanes import WINDOW_CLERK
from ..projects.models import Project
from ..projects.queries import lock_project
from ..runtime import Runtime
from ..work_items.models import WorkItem
from .contents import STAGE_KINDS
from .models import VALID, Certificate, ResultHandover

METHODS = {"counter": "窗口领取", "post": "邮寄送达"}
FORM = keys.RESULT_HANDOVER


@dataclass(frozen=True)
class StageResults:
    """A finished stage's certificates waiting at the window."""

    project_code: str
    project_name: str
    owner_name: str
    stage: str
    stage_name: str
    certificates: list[tuple[str, str]]  # (number, title)


def waiting_results(session: Session, actor: Actor) -> list[StageResults]:
    """Every finished stage whose certificates were not handed out yet, oldest issue first (window only)."""
    _require_window(actor)
    open_items = exists().where(WorkItem.project_code == Certificate.project_code, WorkItem.stage == Certificate.stage)
    handed = exists().where(ResultHandover.project_code == Certificate.project_code,
                            ResultHandover.stage == Certificate.stage)
    rows = session.execute(select(Certificate, Project).join(Project, Project.code == Certificate.project_code)
                           .where(Certificate.kind.in_(STAGE_KINDS), Certificate.status == VALID, ~open_items, ~handed)
                           .order_by(Certificate.issued_at, Certificate.id))
    found: dict[tuple[str, str], StageResults] = {}
    for cert, project in rows:
        key = (project.code, cert.stage or "")
        entry = found.setdefault(key, StageResults(project.code, project.name, project.owner_name, key[1],
                                                   stage_name(key[1]), []))
        entry.certificates.append((cert.number, certificates.get_template(cert.kind).title))
    return list(found.values())


def hand_out_results(session: Session, runtime: Runtime, actor: Actor, project_code: str, stage: str,
             form: Mapping[str, str]) -> ResultHandover:
    """Record that the window handed out the stage's certificates (``received_by``, ``method``).

    :raise NotAllowed: not the window. :raise FormRejected: who received them or how is missing; nothing stored.
    :raise InvalidState: nothing of that stage is waiting (not finished, or already handed out).
    """
    _require_window(actor)
    errors: dict[str, list[str]] = {}
    received_by = (form.get("received_by") or "").strip()
    if not received_by or len(received_by) > 80:
        errors["received_by"] = ["请填写领取人姓名（不超过80个字）"]
    if form.get("method") not in METHODS:
        errors["method"] = ["请选择出件方式"]
    if errors:
        raise FormRejected(FORM, errors)
    lock_project(session, project_code)
    waiting = next((r for r in waiting_results(session, actor) if (r.project_code, r.stage) == (project_code, stage)),
                   None)
    if waiting is None:
        raise InvalidState("该阶段没有待出件的证照", project_code=project_code, stage=stage)
    handover = ResultHandover(project_code=project_code, stage=stage, numbers=[n for n, _ in waiting.certificates],
                              method=form["method"], received_by=received_by, handed_by=actor.user_id,
                              handed_at=runtime.now())
    session.add(handover)
    session.flush()
    record(session, runtime, actor, Entry("hand_out_results", project_code, task_name=f"{waiting.stage_name}统一出件",
                                          status_after="handed_out", details={
                                              "stage": stage, "numbers": handover.numbers, "method": handover.method,
                                              "received_by": received_by}))
    return handover


def _require_window(actor: Actor) -> None:
    if actor.role != WINDOW_CLERK:
        raise NotAllowed("只有综合窗口可以统一出件", role=actor.role)
