"""Due timers fire exactly once, even with two sweepers running at the same moment."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from engine import Runtime, make_engine, register_project, sweeper, transaction
from engine.audit.models import AuditEvent
from engine.audit.trail import chain_of, verify_chain
from engine.demo import seed_demo_people
from engine.processes import workflow
from engine.processes.models import ProcessInstance
from engine.sweeper import sweep
from engine.timers.models import Timer
from tests.support.office import Office

STARTED = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
MODEL = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" id="defs" targetNamespace="t">
  <bpmn:process id="timer_probe" isExecutable="true">
    <bpmn:laneSet id="lanes"><bpmn:lane id="lane" name="综合窗口">
      <bpmn:flowNodeRef>start</bpmn:flowNodeRef><bpmn:flowNodeRef>wait</bpmn:flowNodeRef>
      <bpmn:flowNodeRef>done</bpmn:flowNodeRef><bpmn:flowNodeRef>warn</bpmn:flowNodeRef>
      <bpmn:flowNodeRef>warned</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
    <bpmn:userTask id="wait" name="综合窗口受理"><bpmn:extensionElements><spiffworkflow:properties>
      <spiffworkflow:property name="formKey" value="acceptance_decision"/></spiffworkflow:properties>
    </bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="done"/>
    <bpmn:endEvent id="done"/>
    <bpmn:boundaryEvent id="warn" name="时限预警" attachedToRef="wait" cancelActivity="false">
      <bpmn:timerEventDefinition><bpmn:timeDate>warn_at</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f3" sourceRef="warn" targetRef="warned"/>
    <bpmn:endEvent id="warned"/>
  </bpmn:process>
</bpmn:definitions>
"""


@pytest.fixture
def models(tmp_path: Path) -> Path:
    (tmp_path / "timer_probe.bpmn").write_text(MODEL, encoding="utf-8")
    return tmp_path


def start_instances(db, models: Path, count: int, due: str) -> None:
    runtime = Runtime(processes_dir=models, clock=lambda: STARTED, workflow_cache_size=0)
    with transaction(db) as session:
        seed_demo_people(session, runtime)
        owner = Office(None, runtime).actor(session, "owner")
        for n in range(count):
            project = register_project(session, runtime, owner, {
                "project_code": f"2026-420104-70-03-{n:06d}", "project_name": f"定时器项目{n}",
                "category": "social_investment_project", "owner_name": "示例置业有限公司", "site_address": "武汉"})
            workflow.start(session, runtime, project.code, "timer_probe", "timer_probe", {"warn_at": due})


def run_sweeper(db_url: str, models: str, barrier, results) -> None:
    runtime = Runtime(processes_dir=Path(models), clock=lambda: NOW, workflow_cache_size=0)
    engine = make_engine(db_url)
    barrier.wait()
    results.put(sweep(engine, runtime))


def test_two_sweepers_fire_each_of_200_due_timers_exactly_once(db, db_url, models):
    start_instances(db, models, 200, "2026-11-02T09:00:00+08:00")  # due at 01:00 UTC, before NOW
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    workers = [ctx.Process(target=run_sweeper, args=(db_url, str(models), barrier, results)) for _ in range(2)]
    for w in workers:
        w.start()
    counts = [results.get(timeout=300) for _ in workers]
    for w in workers:
        w.join(timeout=60)
    assert sum(counts) == 200
    with transaction(db, write=False) as session:
        assert session.scalar(select(func.count()).select_from(Timer)) == 0
        per_timer = session.execute(select(AuditEvent.task_id, func.count()).where(AuditEvent.action == "timer_fired")
                                    .group_by(AuditEvent.task_id)).all()
        assert len(per_timer) == 200 and {n for _, n in per_timer} == {1}


def test_a_timer_that_is_not_due_yet_does_not_fire(db, models):
    start_instances(db, models, 3, "2026-11-03T09:00:00+08:00")
    runtime = Runtime(processes_dir=models, clock=lambda: NOW, workflow_cache_size=0)
    assert sweep(db, runtime) == 0
    with transaction(db, write=False) as session:
        assert session.scalar(select(func.count()).select_from(Timer)) == 3


def test_an_instance_saved_after_its_batch_read_its_rows_is_fired_from_what_it_holds_now(db, models):
    """The batch reads every instance's work items and timer rows up front; one saved in between (a listener
    of an earlier firing may save another instance) has a new revision, so its firing reads them again."""
    start_instances(db, models, 2, "2026-11-02T09:00:00+08:00")
    runtime = Runtime(processes_dir=models, clock=lambda: NOW, workflow_cache_size=0)
    with transaction(db) as session:
        claimed = list(session.scalars(select(ProcessInstance).order_by(ProcessInstance.id).with_for_update()))
        rows = sweeper._Rows.read(session, claimed)
        later = claimed[1]
        run = workflow.load(session, runtime, later)
        (timer,) = run.timers()
        run.reschedule_timer(timer.task_id, NOW - timedelta(minutes=5))  # still due, at another instant
        workflow.save(session, runtime, later, run)
        assert [sweeper._fire(session, runtime, i, rows, NOW) for i in claimed] == [1, 1]
    with transaction(db, write=False) as session:
        assert session.scalar(select(func.count()).select_from(Timer)) == 0
        fired = session.scalars(select(AuditEvent).where(AuditEvent.action == "timer_fired",
                                                         AuditEvent.instance_id == later.id)).all()
        assert [e.details["due_at"] for e in fired] == [(NOW - timedelta(minutes=5)).isoformat()]
        assert verify_chain(session, chain_of(later.project_code, later.id)) == []
