"""After a bulk build: proof that cloned projects are writable, by acting on random ones (bench scripts only).

* review decisions (同意) over HTTP on random projects' ready reviews, by their department's examiner;
* one pass of the timer sweeper (``engine.sweeper.sweep``), which fires the earliest due timers — clones'
  timers, whose times the build shifted at random.

Then every instance acted on has its audit chains verified, its work item or due timers gone. Any failure
raises ``SystemExit`` with what broke: the figures of a bench on projects nobody can act on mean nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, func, select, text

from engine import Runtime, transaction
from engine.audit.models import AuditEvent
from engine.audit.trail import verify_chain
from engine.sweeper import sweep
from engine.timers.models import Timer

FIRINGS = ("clock_warning", "clock_overdue", "deemed_consent", "timer_fired")


def check_writable(db: Engine, decide: Callable[[str, int, str], int], reviews: int = 10) -> str:
    """``decide(department, instance_id, task_id)`` posts a 同意 decision over HTTP and returns the status."""
    with db.connect() as conn:
        found = conn.execute(text(
            "SELECT instance_id, task_id, department_code, project_code FROM work_item "
            "WHERE form_key = 'review_decision' AND status = 'ready' AND claimed_by IS NULL AND instance_id IN "
            "(SELECT instance_id FROM work_item WHERE form_key = 'review_decision' AND status = 'ready' "
            "ORDER BY random() LIMIT :n) ORDER BY instance_id, task_id"), {"n": reviews}).all()
    rows = list({r[0]: r for r in reversed(found)}.values())  # one review per instance
    if not rows:
        raise SystemExit("writable check: no ready review to decide")
    for instance_id, task_id, department, code in rows:
        status = decide(department, instance_id, task_id)
        if status != 200:
            raise SystemExit(f"writable check: deciding {code} (instance {instance_id}) answered {status}")
    _verify(db, {(i, c) for i, _, _, c in rows}, "decided")
    with transaction(db, write=False) as s:
        last = s.scalar(select(func.max(AuditEvent.id))) or 0
    runtime = Runtime()
    fired = sweep(db, runtime, limit=1)
    with transaction(db, write=False) as s:
        events = s.execute(select(AuditEvent.instance_id, AuditEvent.project_code).where(
            AuditEvent.id > last, AuditEvent.action.in_(FIRINGS))).all()
        left = s.scalar(select(func.count()).select_from(Timer).where(
            Timer.instance_id.in_({i for i, _ in events}), Timer.due_at <= runtime.now()))
    if not fired or not events or left:
        raise SystemExit(f"writable check: the sweeper fired {fired} timers, audited {len(events)}, "
                         f"left {left} due timers on the instances it fired")
    _verify(db, set(events), "swept")
    return f"writable: {len(rows)} review decisions over HTTP, {fired} timers fired on " \
           f"{len({i for i, _ in events})} instances; their audit chains verify"


def _verify(db: Engine, acted: set[tuple[int, str]], how: str) -> None:
    with transaction(db, write=False) as s:
        for instance_id, code in acted:
            for chain in (f"instance:{instance_id}", f"project:{code}"):
                problems = verify_chain(s, chain)
                if problems:
                    raise SystemExit(f"writable check: {how} {code}: chain {chain} broken: {problems[:3]}")
