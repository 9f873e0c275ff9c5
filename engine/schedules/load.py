"""Load a year's official schedule in one transaction: store it, move what it moves, audit, tell people."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..audit.trail import Entry, record
from ..errors import NotAllowed
from ..extensions import DeadlineMove
from ..notifications import department_recipients, notify
from ..organisation.actors import Actor
from ..organisation.lanes import ADMINISTRATOR
from ..processes import workflow
from ..projects.models import Project
from ..runtime import Runtime
from ..time_limits.calendar_store import load_schedule, refresh_calendar
from .changes import DeadlineChange, SchedulePreview, preview_schedule

DEADLINE_RECOMPUTED = "deadline_recomputed"
NOTIFICATION_KIND = "deadline_moved"


@dataclass(frozen=True)
class ScheduleLoaded:
    """What the load did: the year, and the changes it made (none when the same schedule was already loaded)."""

    preview: SchedulePreview

    @property
    def year(self) -> int:
        return self.preview.year

    @property
    def changes(self) -> list[DeadlineChange]:
        return self.preview.changes


def load_schedule_file(session: Session, runtime: Runtime, actor: Actor | None, text: str,
                       source: str) -> ScheduleLoaded:
    """Load ``text`` (``date,kind,note`` lines) as the official schedule of its year, in the caller's transaction.

    Loading the schedule already in force changes nothing. :raise OverrideFileError: the file is wrong (line
    number given); nothing is written then. :raise NotAllowed: a person other than an administrator (the CLI
    passes no actor: whoever runs it on the server is the operator)."""
    require_administrator(actor)
    preview = _locked_preview(session, runtime, text)
    if preview.unchanged:
        return ScheduleLoaded(preview)
    by_instance: dict[int, list[DeadlineChange]] = defaultdict(list)
    for change in preview.changes:
        by_instance[change.instance_id].append(change)
    load_schedule(session, runtime, text, source)
    refresh_calendar(session, runtime)  # the timers a workflow sets from now on count on the official year
    for instance_id, changes in sorted(by_instance.items()):
        _move_timers(session, runtime, instance_id, changes)
        for change in changes:
            _audit(session, runtime, actor, preview.year, change)
            _tell(session, runtime, preview.year, change)
    for move in preview.moves:
        move.apply()
        _audit_move(session, runtime, actor, preview.year, move)
        _tell_move(session, runtime, preview.year, move)
    session.flush()
    return ScheduleLoaded(preview)


def _locked_preview(session: Session, runtime: Runtime, text: str) -> SchedulePreview:
    """The changes, computed again once their instances are locked (in id order, as actions and the sweeper lock
    them), so an action committed meanwhile is not overwritten; repeated while the set of instances grows."""
    locked: set[int] = set()
    while True:
        preview = preview_schedule(session, runtime, text)
        needed = ({change.instance_id for change in preview.changes}
                  | {move.instance_id for move in preview.moves if move.instance_id is not None}) - locked
        if not needed:
            return preview
        for instance_id in sorted(needed):
            workflow.lock(session, instance_id)
        locked |= needed


def schedule_preview(session: Session, runtime: Runtime, actor: Actor, text: str) -> SchedulePreview:
    """What loading ``text`` would change, for an administrator to confirm; writes nothing."""
    require_administrator(actor)
    return preview_schedule(session, runtime, text)


def require_administrator(actor: Actor | None) -> None:
    if actor is not None and actor.role != ADMINISTRATOR:
        raise NotAllowed("只有系统管理员可以载入节假日安排", role=actor.role)


def _move_timers(session: Session, runtime: Runtime, instance_id: int, changes: list[DeadlineChange]) -> None:
    moves = [move for change in changes for move in change.timers]
    if not moves:
        return
    instance = workflow.lock(session, instance_id)
    run = workflow.load(session, runtime, instance)
    for move in moves:
        run.reschedule_timer(move.task_id, move.new_due)
    workflow.save(session, runtime, instance, run)  # rewrites the timer side table from the workflow


def _audit(session: Session, runtime: Runtime, actor: Actor | None, year: int, change: DeadlineChange) -> None:
    details = {"year": year, "clock": change.clock_key, "department": change.department_code,
               "old_deadline": change.old_deadline.isoformat(), "new_deadline": change.new_deadline.isoformat(),
               "old_provisional": change.old_provisional, "new_provisional": change.new_provisional,
               "timers": [{"task_id": m.task_id, "name": m.name, "old_due_at": m.old_due.isoformat(),
                           "new_due_at": m.new_due.isoformat()} for m in change.timers]}
    record(session, runtime, actor, Entry(DEADLINE_RECOMPUTED, change.project_code, change.instance_id,
                                          change.item_task_id, change.label, details=details))


def _tell(session: Session, runtime: Runtime, year: int, change: DeadlineChange) -> None:
    project = session.get(Project, change.project_code)
    if project is None:
        return
    old = change.old_deadline.isoformat() + ("（暂定）" if change.old_provisional else "")
    new = change.new_deadline.isoformat() + ("（暂定）" if change.new_provisional else "")
    title = f"办理期限调整：{change.label}"
    body = (f"国务院办公厅公布的 {year} 年节假日安排已载入。项目“{project.name}”（{project.code}）"
            f"{change.stage}·{change.label}（{change.department}）的截止日期由 {old} 调整为 {new}。")
    recipients = [project.owner_id, *department_recipients(session, change.department_code)]
    notify(session, runtime, recipients, NOTIFICATION_KIND, title, body, f"/projects/{project.code}",
           f"{NOTIFICATION_KIND}:{change.instance_id}:{change.clock_key}:{change.new_deadline.isoformat()}")


def _audit_move(session: Session, runtime: Runtime, actor: Actor | None, year: int, move: DeadlineMove) -> None:
    details = {"year": year, "deadline": move.key, "kind": move.kind, "department": move.department_code,
               "old_deadline": move.old.isoformat(), "new_deadline": move.new.isoformat()}
    record(session, runtime, actor, Entry(DEADLINE_RECOMPUTED, move.project_code, move.instance_id,
                                          task_name=move.label, details=details))


def _tell_move(session: Session, runtime: Runtime, year: int, move: DeadlineMove) -> None:
    project = session.get(Project, move.project_code)
    if project is None:
        return
    body = (f"国务院办公厅公布的 {year} 年节假日安排已载入。项目“{project.name}”（{project.code}）"
            f"{move.label}的{move.kind}由 {move.old.isoformat()} 调整为 {move.new.isoformat()}。")
    recipients = [project.owner_id, *department_recipients(session, move.department_code)]
    notify(session, runtime, recipients, NOTIFICATION_KIND, f"{move.kind}调整：{move.label}", body,
           f"/projects/{project.code}", f"{NOTIFICATION_KIND}:{move.key}:{move.new.isoformat()}")
