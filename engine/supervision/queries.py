"""What supervisors (电子监察) and administrators may read: the clock statistics, and the board page's data."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from forms import engine_forms, keys

from ..catalogue import category_names
from ..catalogue.stages import ALL_STAGES, stage_name
from ..clocks import local_date
from ..errors import NotAllowed
from ..organisation.actors import Actor
from ..organisation.lanes import ADMINISTRATOR, DEPARTMENTS, SUPERVISOR
from ..runtime import Runtime
from ..time_limits.calendar_store import working_calendar
from ..time_limits.models import ClockEventRow
from ..validation import validated
from . import kept as aggregates
from .alerts import department_alerts
from .board import BoardGroup, board_groups
from .categories import category_totals
from .days import ITEM, STAGE, Ranks, clock_scope, tally
from .parallel import parallel_rate
from .rows import NetDays, SupervisionFilter, SupervisionStatistics

FILTER_FORM = keys.SUPERVISION_FILTER


def parse_filter(args: Mapping[str, str | None]) -> SupervisionFilter:
    """The filter a person typed (``date_from``, ``date_to`` as YYYY-MM-DD, ``category``); blanks mean "any".

    :raise FormRejected: a date that is not one, an end before the start, or an unknown category.
    """
    given = {name: args.get(name) for name in ("date_from", "date_to", "category")}  # other arguments: paging
    clean = validated(FILTER_FORM, given, engine_forms.SupervisionFilter(categories=category_names()))
    return SupervisionFilter(_date(clean["date_from"]), _date(clean["date_to"]), clean["category"])


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def supervision_statistics(session: Session, runtime: Runtime, actor: Actor,
                           args: Mapping[str, str | None] | None = None) -> SupervisionStatistics:
    """The clock statistics of 电子监察 (see ``engine.supervision``) for the clocks the filter selects.

    :raise NotAllowed: the actor is not a supervisor or administrator.
    :raise FormRejected: the filter is malformed (nothing is read).
    """
    _require_supervisor(actor)
    flt = parse_filter(args or {})
    now = runtime.now()
    return statistics_at(session, now, flt, kept=aggregates.answers(session, now, flt))


def statistics_at(session: Session, now: datetime, flt: SupervisionFilter, *, kept: bool) -> SupervisionStatistics:
    """The statistics read from the kept aggregates (``kept``, see ``engine.supervision.kept``) or from every
    clock event: the same figures either way."""
    calendar = working_calendar(session)
    ranks = Ranks(calendar, local_date(now))
    if kept:
        return SupervisionStatistics(
            filter=flt, as_of=now,
            alerts=department_alerts(session, calendar, now, flt, aggregates.candidates(session, calendar, now, flt)),
            by_department=_by_department(aggregates.tallies(session, ranks, now, "item", flt)),
            by_stage=_by_stage(aggregates.tallies(session, ranks, now, "stage", flt)),
            parallel=aggregates.parallel(session, flt),
            categories=aggregates.category_totals(session, ranks, now, flt))
    departments = tally(session, ranks, now, [ClockEventRow.department_code], clock_scope(ITEM, flt))
    stages = tally(session, ranks, now, [ClockEventRow.stage], clock_scope(STAGE, flt))
    return SupervisionStatistics(
        filter=flt, as_of=now, alerts=department_alerts(session, calendar, now, flt),
        by_department=_by_department(departments), by_stage=_by_stage(stages),
        parallel=parallel_rate(session, now, flt), categories=category_totals(session, ranks, now, flt))


def _by_department(tallies: dict) -> list[NetDays]:
    return _net_days(tallies, list(DEPARTMENTS), lambda c: DEPARTMENTS.get(c, c))


def _by_stage(tallies: dict) -> list[NetDays]:
    return _net_days(tallies, [s.process_id for s in ALL_STAGES], stage_name)


def _net_days(tallies: dict, order: list[str], name: Callable[[str], str]) -> list[NetDays]:
    found = {key[0] or "": value for key, value in tallies.items()}
    codes = sorted(found, key=lambda c: (order.index(c) if c in order else len(order), c))
    return [NetDays(code, name(code), found[code].clocks, found[code].completed, found[code].days) for code in codes]


@dataclass(frozen=True)
class SupervisorBoard:
    """The supervisor board page: open items per department (calendar waiting time) and the clock figures."""

    groups: list[BoardGroup]
    statistics: SupervisionStatistics


def supervisor_board(session: Session, runtime: Runtime, actor: Actor,
                     args: Mapping[str, str | None] | None = None) -> SupervisorBoard:
    """Everything the supervisor board shows. :raise NotAllowed: not a supervisor or administrator.
    :raise FormRejected: the filter is malformed."""
    statistics = supervision_statistics(session, runtime, actor, args)
    return SupervisorBoard(board_groups(session, runtime.now()), statistics)


def _require_supervisor(actor: Actor) -> None:
    if actor.role not in (SUPERVISOR, ADMINISTRATOR):
        raise NotAllowed("只有电子监察人员可以查看监察统计", role=actor.role)
