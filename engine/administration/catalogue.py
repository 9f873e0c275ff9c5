"""The item catalogue as an administrator reads it (one category at a time) and adds to it from a page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from forms import keys

from ..catalogue.categories import categories
from ..catalogue.models import CatalogueItem
from ..catalogue.store import ISSUE, REVIEW, ItemEntry, add_item, check_entry, items_in_force
from ..errors import FormRejected
from ..organisation.actors import Actor
from ..runtime import Runtime
from .common import require_administrator, whole_number

FORM = keys.CATALOGUE_ITEM
ROLES = {REVIEW: "部门审查", ISSUE: "核发证照"}
FLAGS = ("joint_review", "commitment_allowed", "tolerance_allowed")


@dataclass(frozen=True)
class CatalogueView:
    """One category's items in force now, in catalogue order."""

    category: str
    items: list[CatalogueItem] | list[ItemEntry]


def catalogue_view(session: Session, runtime: Runtime, actor: Actor, category: str | None) -> CatalogueView:
    """The items in force of ``category`` (the first category when none or an unknown one is asked for).

    :raise NotAllowed: not an administrator."""
    require_administrator(actor)
    code = category if category in categories() else next(iter(categories()))
    return CatalogueView(code, items_in_force(session, code, runtime.now()))


def add_catalogue_item(session: Session, runtime: Runtime, actor: Actor, form: Mapping[str, str]) -> CatalogueItem:
    """Add the item typed on the page; approvals of its category started from now on include it.

    ``form`` holds strings as a page posts them (a ticked box is present, an unticked one absent;
    ``materials`` one per line).

    :raise NotAllowed: not an administrator. :raise FormRejected: with every field's message; nothing stored.
    """
    require_administrator(actor)
    errors: dict[str, list[str]] = {}
    entry = ItemEntry(
        code=(form.get("code") or "").strip(), name=(form.get("name") or "").strip(),
        department_code=form.get("department_code") or "", category=form.get("category") or "",
        stage=whole_number(form, "stage", errors), committed_days=whole_number(form, "committed_days", errors),
        phase=whole_number(form, "phase", errors, default=1), role=form.get("role") or "",
        materials=[line.strip() for line in (form.get("materials") or "").splitlines() if line.strip()],
        source=(form.get("source") or "").strip(), **{flag: form.get(flag) in ("true", "on") for flag in FLAGS})
    errors = {**_store_errors(entry), **_page_errors(entry), **errors}  # every message at once
    if errors:
        raise FormRejected(FORM, errors)
    return add_item(session, entry, runtime.now())


def _store_errors(entry: ItemEntry) -> dict[str, list[str]]:
    try:
        check_entry(entry)
    except FormRejected as exc:
        return exc.field_errors
    return {}


def _page_errors(entry: ItemEntry) -> dict[str, list[str]]:
    """What the table's columns and the page's form add to the store's rules."""
    errors: dict[str, list[str]] = {}
    if len(entry.code) > 60:
        errors["code"] = ["事项代码不超过60个字符"]
    if len(entry.name) > 100:
        errors["name"] = ["事项名称不超过100个字"]
    if not entry.materials:
        errors["materials"] = ["请列出申请材料，每行一项"]
    if not 1 <= entry.phase <= 9:
        errors["phase"] = ["批次应为1至9"]
    return errors
