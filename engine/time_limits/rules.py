"""Time-limit rules per project category: total and per-stage working days, with an effective date.

Shipped defaults come from ``engine/catalogue/seed/categories.toml`` and are loaded the first time a rule
is needed; an administrator adds a new rule (``add_time_limit_rule``) when the city changes its limits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from forms import keys, office_rules

from ..catalogue.categories import SeedTimeLimit, categories, seed_time_limits
from ..clocks import local_date
from ..errors import ConfigurationError
from ..projects.models import Project
from ..validation import validated
from .models import TimeLimitRule


def ensure_time_limit_rules(session: Session, now: datetime) -> None:
    """Load the shipped defaults if no rule was ever stored."""
    if session.scalar(select(func.count()).select_from(TimeLimitRule)):
        return
    for seed in seed_time_limits():
        session.add(TimeLimitRule(category=seed.category, effective_from=seed.effective_from,
                                  total_days=seed.total_days, stage_days=seed.stage_days, created_at=now))
    session.flush()


def rule_in_force(session: Session, category: str, on: date) -> TimeLimitRule:
    """The category's rule in force on ``on`` (the latest ``effective_from`` not after it).

    :raise ConfigurationError: no rule of the category is in force on that day.
    """
    stmt = (select(TimeLimitRule).where(TimeLimitRule.category == category, TimeLimitRule.effective_from <= on)
            .order_by(TimeLimitRule.effective_from.desc(), TimeLimitRule.id.desc()).limit(1))
    rule = session.scalar(stmt)
    if rule is None:
        raise ConfigurationError("该类别项目在此日期没有生效的审批时限规则", category=category, on=on.isoformat())
    return rule


def category_total_days(session: Session, category: str, on: date) -> int:
    """The category's total limit in working days on ``on`` (the shipped defaults while no rule was stored)."""
    return _in_force_or_seed(session, category, on).total_days


@dataclass(frozen=True)
class Limits:
    """A project's limits as people read them: bound at its first acceptance, or the rule it would get today."""

    total_days: int
    stage_days: dict[str, int]
    bound: bool


def limits_for(session: Session, project: Project, now: datetime) -> Limits:
    """The project's bound limits, else those in force today (read only: never binds, never seeds)."""
    if project.time_limit_rule_id is not None:
        bound = session.get_one(TimeLimitRule, project.time_limit_rule_id)
        return Limits(bound.total_days, dict(bound.stage_days), True)
    rule = _in_force_or_seed(session, project.category, local_date(now))
    return Limits(rule.total_days, dict(rule.stage_days), False)


def _in_force_or_seed(session: Session, category: str, on: date) -> TimeLimitRule | SeedTimeLimit:
    """The rule in force, read only: from the table, or from the shipped defaults while it is empty."""
    if session.scalar(select(func.count()).select_from(TimeLimitRule)):
        return rule_in_force(session, category, on)
    seed = [r for r in seed_time_limits() if r.category == category and r.effective_from <= on]
    if not seed:
        raise ConfigurationError("该类别项目在此日期没有生效的审批时限规则", category=category, on=on.isoformat())
    return max(seed, key=lambda r: r.effective_from)


def bound_rule(session: Session, project: Project, now: datetime) -> TimeLimitRule:
    """The project's rule: bound at its first acceptance to the rule in force that day, then kept."""
    if project.time_limit_rule_id is None:
        ensure_time_limit_rules(session, now)
        project.time_limit_rule_id = rule_in_force(session, project.category, local_date(now)).id
        session.flush()
    return session.get_one(TimeLimitRule, project.time_limit_rule_id)


def add_time_limit_rule(session: Session, category: str, effective_from: date, total_days: int,
                        stage_days: dict[str, int], now: datetime) -> TimeLimitRule:
    """A new rule for ``category`` from ``effective_from``; projects already bound keep theirs.

    :raise FormRejected: unknown category, a stage missing or foreign to the category, a non-positive
        figure, or stage limits adding up to more than the total; nothing is stored.
    """
    ensure_time_limit_rules(session, now)
    _check(category, total_days, stage_days)
    rule = TimeLimitRule(category=category, effective_from=effective_from, total_days=total_days,
                         stage_days=dict(stage_days), created_at=now)
    session.add(rule)
    session.flush()
    return rule


def _check(category: str, total_days: int, stage_days: dict[str, int]) -> None:
    """:raise FormRejected: what the time-limit rule form refuses (every wrong field at once)."""
    schema = office_rules.TimeLimitRule(stages_by_category={code: c.stages for code, c in categories().items()})
    validated(keys.TIME_LIMIT_RULE, {"category": category, "total_days": total_days, "stage_days": stage_days},
              schema)
