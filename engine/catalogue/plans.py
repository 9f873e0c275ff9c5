"""Build a category's approval plan from the catalogue in force, and the model files it generates.

The plan is what ``bpmn.approval`` turns into BPMN: the category's stages (``categories.toml``) and, per
stage, the catalogue's review items grouped by phase (parallel within a phase) and its issuance items.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from itertools import groupby

from sqlalchemy.orm import Session

import bpmn
from forms.office_rules import ISSUE, REVIEW

from ..errors import ConfigurationError
from ..organisation.lanes import DEPARTMENTS
from .categories import categories
from .models import CatalogueItem
from .stages import BY_PROCESS, Stage
from .store import ItemEntry, items_in_force

Item = CatalogueItem | ItemEntry


def approval_plan(session: Session, category: str, at: datetime) -> bpmn.ApprovalPlan:
    """The plan of ``category`` from the catalogue in force at ``at``.

    :raise ConfigurationError: unknown category, or a stage left with no issuance item.
    """
    if category not in categories():
        raise ConfigurationError("未知的项目类别", category=category)
    return plan_for(category, items_in_force(session, category, at))


def plan_for(category: str, items: Sequence[Item]) -> bpmn.ApprovalPlan:
    """The plan of ``category`` from its ``items`` (catalogue rows or seed entries), in catalogue order."""
    cat = categories()[category]
    stages = tuple(_stage_plan(BY_PROCESS[p], items) for p in cat.stages)
    return bpmn.ApprovalPlan(main_process_id(category), f"{cat.name}审批", stages)


def main_process_id(category: str) -> str:
    """The main process of a category is named after it (``social_investment_project`` …)."""
    return category


def _stage_plan(stage: Stage, items: Sequence[Item]) -> bpmn.StagePlan:
    mine = [i for i in items if i.stage in stage.numbers]
    reviews = sorted((i for i in mine if i.role == REVIEW), key=lambda i: i.phase)  # stable: catalogue order
    issuances = sorted((i for i in mine if i.role == ISSUE), key=lambda i: (i.stage, i.phase))
    if not issuances:
        raise ConfigurationError("审批阶段没有核发事项", stage=stage.process_id)
    phases = tuple(tuple(_item_plan(i) for i in group) for _, group in groupby(reviews, key=lambda i: i.phase))
    return bpmn.StagePlan(stage.process_id, stage.name, stage.application_form, phases,
                          tuple(_item_plan(i) for i in issuances))


def _item_plan(item: Item) -> bpmn.ItemPlan:
    lane = bpmn.Lane(DEPARTMENTS[item.department_code], item.department_code)
    return bpmn.ItemPlan(item.code, item.name, lane, item.committed_days, item.joint_review)


def approval_files(session: Session, category: str, at: datetime) -> dict[str, str]:
    """File name → BPMN XML of the category's generated models."""
    return bpmn.approval_models(approval_plan(session, category, at))
