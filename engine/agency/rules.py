"""What an agent may do, checked inside the use cases at the runtime clock's "now".

The other use cases call these functions; none of them trusts an ``Actor.acting_for_id`` it is handed:
the owner an agent acts for is always derived again from a grant in force (granted, not revoked,
``valid_from <= now < valid_to``) that covers the project, the stage and the act.

Acts (授权事项) and where they apply:

* ``apply`` 申报 — a stage's application form (``stage_N_application``) in the owner's lane;
* ``resubmit`` 退回后处理/撤回 — the owner's answer to a returned application (``resubmission_decision``);
* ``supplement`` 补正 — answering a one-time correction notice (``submit_supplement``);
* ``view`` 查看 — the project's progress, audit trail and open correction notices.

Commitments: a form in ``COMMITMENT_FORMS`` carries the owner's own commitment (承诺) — stage 3's
``funds_commitment`` (建设资金已落实承诺) and a phase permit's ``quality_safety_commitment``; later 容缺承诺书
and 告知承诺 forms belong here too. An agent may not give such a commitment (``承诺事项须由建设单位本人确认``):
a stage task with one is the owner's to submit; a phase permit application an agent files without the
commitment waits for the owner's confirmation (``engine.construction.phases.confirm_phase_commitment``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.exc import CompileError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Boolean

from forms import keys

from ..catalogue.stages import ALL_STAGES, BY_PROCESS, STAGES
from ..errors import NotAllowed, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import AGENT
from ..projects.models import Project
from ..runtime import Runtime, system_clock
from .models import GRANTED, AgencyAuthorisation

APPLY, SUPPLEMENT, RESUBMIT, VIEW = "apply", "supplement", "resubmit", "view"
ACTS = {APPLY: "申报", SUPPLEMENT: "补正", RESUBMIT: "退回后处理/撤回", VIEW: "查看"}
STAGE_NUMBERS = tuple(s.number for s in STAGES)

OWNER_TASK_ACTS = {**{s.application_form: APPLY for s in ALL_STAGES}, keys.RESUBMISSION_DECISION: RESUBMIT}
"""Owner-lane form key → the act an agent needs for it; an owner task not listed is the owner's alone."""

COMMITMENT_FORMS = frozenset({keys.STAGE_3_APPLICATION, keys.STAGE_23_APPLICATION, keys.PHASE_PERMIT_APPLICATION})
"""Forms that carry an owner's commitment (承诺); only the owner may submit them."""

COMMITMENT_REFUSED = "承诺事项须由建设单位本人确认"


def now_of(runtime: Runtime | None) -> datetime:
    """The runtime's clock; without a runtime (a caller that has none) the system clock, which is what
    production runtimes use."""
    return runtime.now() if runtime is not None else system_clock()


def act_as_agent(session: Session, runtime: Runtime, actor: Actor, project_code: str) -> Actor:
    """The agent as "agent for the project's owner", if an authorisation in force covers the project
    (any stage, any act). Use cases re-check stage and act themselves, so this is a convenience for
    callers that want to show whom the agent acts for.

    :raise NotFound: no such project. :raise NotAllowed: not an agent, or no authorisation in force.
    """
    project = session.get(Project, project_code)
    if project is None:
        raise NotFound("项目不存在", project_code=project_code)
    return act_for_owner(session, runtime, actor, project)


def act_for_owner(session: Session, runtime: Runtime | None, actor: Actor, project: Project, *,
                  act: str | None = None, stage_process_id: str | None = None) -> Actor:
    """The agent acting for ``project``'s owner under a grant in force that covers ``act`` (any act if
    None) in the stage of ``stage_process_id`` (any stage if None).

    :raise NotAllowed: not an agent; acting for someone else; no grant in force; not covered.
    """
    if actor.role != AGENT:
        raise NotAllowed("只有帮办代办员可以代为办理", role=actor.role)
    if actor.acting_for_id not in (None, project.owner_id):
        raise NotAllowed("代办授权与本项目的建设单位不符", project_code=project.code)
    stage = None
    if stage_process_id is not None:
        if stage_process_id not in BY_PROCESS:
            raise NotAllowed("此事项须由建设单位本人办理", stage=stage_process_id)
        stage = BY_PROCESS[stage_process_id].number
    now = now_of(runtime)
    grants = _grants(session, actor, project)
    if not any(g.in_force(now) and _covers(g, stage, act) for g in grants):
        raise _refusal(grants, now, project, stage, act)
    return replace(actor, acting_for_id=project.owner_id)


def agent_on_owner_task(session: Session, runtime: Runtime | None, actor: Actor, project: Project,
                        form_key: str, stage_process_id: str) -> Actor:
    """An agent completing a task of the owner's lane (its form ``form_key``, in the stage of
    ``stage_process_id``): the act it needs must be granted for its stage, and the form must not carry a
    commitment.

    :raise NotAllowed: as ``act_for_owner``; a task only the owner may do; a commitment form.
    """
    act = OWNER_TASK_ACTS.get(form_key)
    if act is None:
        raise NotAllowed("此事项须由建设单位本人办理", form_key=form_key)
    agent = act_for_owner(session, runtime, actor, project, act=act, stage_process_id=stage_process_id)
    if form_key in COMMITMENT_FORMS:
        raise NotAllowed(COMMITMENT_REFUSED, form_key=form_key)
    return agent


def may_view(session: Session, runtime: Runtime | None, actor: Actor, project: Project) -> bool:
    """An agent may see a project while a grant in force includes 查看 (for any stage)."""
    try:
        act_for_owner(session, runtime, actor, project, act=VIEW)
    except NotAllowed:
        return False
    return True


def ever_authorised(session: Session, actor: Actor, project: Project) -> bool:
    """The agent holds or held a grant for the project (in force, revoked or expired): only then may a
    refusal say why; anyone else is told the project does not exist."""
    return actor.role == AGENT and bool(_grants(session, actor, project))


def in_force(now: datetime) -> ColumnElement[bool]:
    """SQL: the grant is granted and ``now`` lies in its period."""
    g = AgencyAuthorisation
    return and_(g.status == GRANTED, g.valid_from <= now, g.valid_to > now)


def _grants(session: Session, actor: Actor, project: Project) -> list[AgencyAuthorisation]:
    g = AgencyAuthorisation
    return list(session.scalars(select(g).where(g.agent_id == actor.user_id, g.project_code == project.code,
                                                g.owner_id == project.owner_id).order_by(g.id)))


def _covers(grant: AgencyAuthorisation, stage: int | None, act: str | None) -> bool:
    return (stage is None or stage in grant.stages) and (act is None or act in grant.acts)


def _refusal(grants: list[AgencyAuthorisation], now: datetime, project: Project, stage: int | None,
             act: str | None) -> NotAllowed:
    """Say why: never authorised, revoked, not yet valid, expired, or not covering this stage/act."""
    context: dict[str, Any] = {"project_code": project.code, "stage": stage, "act": act}
    granted = [g for g in grants if g.status == GRANTED]
    if not grants:
        return NotAllowed("您没有本项目的代办授权", **context)
    if any(g.in_force(now) for g in granted):
        what = f"第{stage}阶段" if stage is not None else ""
        return NotAllowed(f"代办授权不包括{what}{ACTS.get(act or '', '此事项')}", **context)
    if any(g.valid_from > now for g in granted):
        return NotAllowed("代办授权尚未生效", **context)
    if granted:
        return NotAllowed("代办授权已过期", **context)
    return NotAllowed("代办授权已被建设单位撤销", **context)  # every grant is revoked


class json_array_has(FunctionElement[bool]):  # noqa: N801 - used like a SQL function
    """SQL: the JSON array ``array`` contains ``value`` (SQLite JSON1 or PostgreSQL JSONB)."""

    type = Boolean()
    inherit_cache = True
    name = "json_array_has"


@compiles(json_array_has, "sqlite")
def _json_array_has_sqlite(element: json_array_has, compiler: Any, **kw: Any) -> str:
    array, value = (compiler.process(c, **kw) for c in element.clauses)
    return f"EXISTS (SELECT 1 FROM json_each({array}) AS j WHERE j.value = {value})"  # noqa: S608 - compiled SQL


@compiles(json_array_has, "postgresql")
def _json_array_has_postgresql(element: json_array_has, compiler: Any, **kw: Any) -> str:
    array, value = (compiler.process(c, **kw) for c in element.clauses)
    return f"(({array}) @> to_jsonb({value}))"  # a JSONB array contains a scalar it holds


@compiles(json_array_has)
def _json_array_has_other(element: json_array_has, compiler: Any, **kw: Any) -> str:
    raise CompileError(f"json_array_has is not implemented for {compiler.dialect.name}")
