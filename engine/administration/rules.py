"""Time-limit rules as an administrator reads them (every rule, newest first per category, which one is in
force today) and adds one from a page. Rules are never edited: a new rule takes over from its date."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms import keys

from ..catalogue.categories import SeedTimeLimit, categories, seed_time_limits
from ..clocks import local_date
from ..errors import FormRejected
from ..organisation.actors import Actor
from ..runtime import Runtime
from ..time_limits.models import TimeLimitRule
from ..time_limits.rules import add_time_limit_rule
from .common import require_administrator, whole_number

FORM = keys.TIME_LIMIT_RULE


@dataclass(frozen=True)
class RuleRow:
    """One rule; ``state`` is 现行 (in force today), 待生效 (from a later date) or 已被替代."""

    category: str
    effective_from: date
    total_days: int
    stage_days: dict[str, int]
    state: str


def time_limit_rules(session: Session, runtime: Runtime, actor: Actor) -> list[RuleRow]:
    """Every rule of every category (the shipped defaults while none was stored), newest first per category.

    :raise NotAllowed: not an administrator."""
    require_administrator(actor)
    stored = list(session.scalars(select(TimeLimitRule).order_by(TimeLimitRule.effective_from.desc(),
                                                                 TimeLimitRule.id.desc())))
    rules: list[TimeLimitRule] | list[SeedTimeLimit] = stored or sorted(
        seed_time_limits(), key=lambda r: r.effective_from, reverse=True)
    today, rows = local_date(runtime.now()), []
    for category in categories():
        current = False
        for rule in (r for r in rules if r.category == category):
            state = "待生效" if rule.effective_from > today else ("已被替代" if current else "现行")
            current = current or state == "现行"
            rows.append(RuleRow(category, rule.effective_from, rule.total_days, dict(rule.stage_days), state))
    return rows


def add_rule_from_form(session: Session, runtime: Runtime, actor: Actor, category: str,
                       form: Mapping[str, str]) -> TimeLimitRule:
    """A new rule for ``category`` typed on a page: ``effective_from`` (today or later), ``total_days`` and one
    ``days_<stage>`` per stage the category runs.

    :raise NotAllowed: not an administrator. :raise FormRejected: every wrong field; nothing stored.
    """
    require_administrator(actor)
    errors: dict[str, list[str]] = {}
    cat = categories().get(category)
    if cat is None:
        raise FormRejected(FORM, {"category": ["未知的项目类别"]})
    start = _effective_from(form.get("effective_from") or "", local_date(runtime.now()), errors)
    total = whole_number(form, "total_days", errors)
    stages = {stage: whole_number(form, f"days_{stage}", errors) for stage in cat.stages}
    if not errors and sum(stages.values()) > total:
        errors["total_days"] = ["各阶段时限合计不能超过总时限"]
    errors.update({f"days_{s}": ["时限应为正整数"] for s, days in stages.items() if days <= 0
                   and f"days_{s}" not in errors})
    if errors or start is None:
        raise FormRejected(FORM, errors)
    return add_time_limit_rule(session, category, start, total, stages, runtime.now())


def _effective_from(text: str, today: date, errors: dict[str, list[str]]) -> date | None:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        errors["effective_from"] = ["请按 YYYY-MM-DD 填写生效日期"]
        return None
    if day < today:
        errors["effective_from"] = ["生效日期不能早于今天：已受理的项目按受理当日的规则计时，规则不能追溯修改"]
        return None
    return day
