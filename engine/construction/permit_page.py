"""What the owner's 建筑工程综合许可证 page shows: the 自选下单 menu, every order with its status, and the
licences the project holds (each with its own number, scope and validity)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..organisation.actors import Actor
from ..processes.models import ProcessInstance
from ..processes.workflow import COMPLETED, RUNNING, WITHDRAWN
from ..projects.models import Project
from ..runtime import Runtime
from ..visibility import visible_project
from .comprehensive import granted_codes, held_licences, project_orders
from .menu import BY_CODE, LICENCES, Licence
from .models import ComprehensiveLicence, ComprehensiveOrder


@dataclass(frozen=True)
class OrderLine:
    order: ComprehensiveOrder
    licence_names: tuple[str, ...]
    status: str  # 办理中 / 已核发 / 不予许可 / 已撤回


@dataclass(frozen=True)
class PermitPage:
    project: Project
    menu: tuple[Licence, ...]  # what may still be ordered (the 施工许可 first, then any not yet granted)
    orders: tuple[OrderLine, ...]
    licences: tuple[ComprehensiveLicence, ...]
    may_order: bool  # no order is running

    def licence_name(self, code: str) -> str:
        return BY_CODE[code].name if code in BY_CODE else code


def permit_page(session: Session, actor: Actor, project_code: str, *, runtime: Runtime | None = None) -> PermitPage:
    """:raise NotFound: a project the actor may not see."""
    project = visible_project(session, actor, project_code, runtime=runtime)
    orders = tuple(_line(session, order) for order in project_orders(session, actor, project.code, runtime=runtime))
    granted = granted_codes(session, project.code)
    menu = tuple(lic for lic in LICENCES if lic.code not in granted)
    return PermitPage(project, menu, orders, tuple(held_licences(session, project.code)),
                      not any(line.status == "办理中" for line in orders))


def _line(session: Session, order: ComprehensiveOrder) -> OrderLine:
    status = session.get_one(ProcessInstance, order.instance_id).status
    if order.certificate_id is not None:
        name = "已核发"
    else:
        name = {RUNNING: "办理中", COMPLETED: "不予许可", WITHDRAWN: "已撤回"}.get(status, "办理中")
    return OrderLine(order, tuple(BY_CODE[code].name for code in order.licences if code in BY_CODE), name)
