"""The work-item and timer tables follow the state when a workflow stays cached between actions: its mirrors
then diff against what they wrote for the revision being replaced instead of reading their rows back
(``engine.processes.mirrors``). Every other test runs without a workflow cache, so the approval, 补正, time-limit
and deadline-timer scenarios run here again on a runtime with one, and after every save the tables are checked
against the state just saved; two workers taking turns on one project show that a stale memory is not used."""

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from engine import Runtime
from engine.extensions import WorkflowSaved, registry
from engine.processes import workflow
from engine.processes.mirrors import SavedMirror
from engine.timers.models import Timer
from engine.work_items.models import WorkItem
from tests.engine.test_approval_flow import (  # noqa: F401 - collected again here, on a cached runtime
    test_a_department_rejects_in_stage_2_and_the_owner_gets_the_reasons,
    test_a_supplement_loop_parks_the_review_until_the_owner_supplies,
    test_full_run_completes_all_four_stages_with_an_ordered_intact_audit_trail,
    test_withdrawing_a_returned_application_ends_the_approval,
)
from tests.engine.test_deadline_timers import (  # noqa: F401 - collected again here, on a cached runtime
    test_a_correction_pause_postpones_the_warning_and_the_overdue_instant,
    test_a_silent_department_in_the_joint_scheme_review_is_deemed_to_consent,
    test_a_slow_department_gets_a_warning_then_an_overdue_event,
)
from tests.engine.test_time_limits import (  # noqa: F401 - collected again here, on a cached runtime
    test_a_stage_returned_and_accepted_again_runs_a_new_stage_clock,
    test_days_paused_for_a_correction_are_not_counted,
)
from tests.support.office import Office


def cached_runtime(clock, shared_models) -> Runtime:
    return Runtime(clock=clock, workflow_cache_size=64, functions={"item_due": shared_models.item_due},
                   libraries=shared_models.libraries)


@pytest.fixture
def runtime(clock, shared_models) -> Iterator[Runtime]:
    """Overrides the suite's cache-less runtime: the workflow stays in memory from one action to the next."""
    runtime = cached_runtime(clock, shared_models)
    shared_models.current = runtime
    yield runtime
    shared_models.current = None


@pytest.fixture(autouse=True)
def tables_follow_every_save(monkeypatch) -> Iterator[list[bool]]:
    """After every save (the mirrors run first): the rows are exactly the state's READY human tasks and
    timers. Yields, per mirror consulted, whether it knew the rows without reading them; at least one did."""
    recalled: list[bool] = []
    recall = SavedMirror.recall

    def counted(self, event):
        found = recall(self, event)
        recalled.append(found is not None)
        return found

    def check(event: WorkflowSaved) -> None:
        s, instance_id = event.session, event.instance.id
        items = set(s.scalars(select(WorkItem.task_id).where(WorkItem.instance_id == instance_id)))
        assert items == {t.id for t in event.workflow.ready_human_tasks()}
        rows = dict(s.execute(select(Timer.task_id, Timer.due_at).where(Timer.instance_id == instance_id)).all())
        assert rows == {t.task_id: t.due_at for t in event.workflow.timers()}

    monkeypatch.setattr(SavedMirror, "recall", counted)
    handlers = registry._handlers[WorkflowSaved]
    handlers.append(check)
    try:
        yield recalled
    finally:
        handlers.remove(check)
    assert any(recalled), "no save diffed against a mirror's memory: the cached path did not run"


def test_two_workers_taking_turns_never_trust_a_stale_memory(office: Office, step, clock, shared_models,
                                                              tables_follow_every_save):
    """Worker A's cached workflow is outdated once worker B saves: A parses the state again and its mirrors
    read the rows (they have no memory for that revision), then remember again."""
    code, _ = office.new_project()
    other = Office(step, cached_runtime(clock, shared_models))
    workers = [office, other]
    for turn, bpmn_id in enumerate(["apply", "accept", "review_enterprise_project_filing",
                                    "review_land_preexam_site_opinion", "review_flood_impact_assessment"]):
        workers[turn % 2].act(code, bpmn_id)
    office.act(code, "review_environmental_impact_assessment")  # A again, its cached copy current: no read
    assert not all(tables_follow_every_save)  # the turns that followed the other worker read the rows
    assert [i.bpmn_id for i in office.items(code)] == ["issue"]


def test_a_rolled_back_save_leaves_no_memory_that_is_trusted(office: Office, step, runtime):
    """A workflow object saved in a transaction that rolled back, then saved again: the rows are those of the
    earlier revision, not what the mirrors wrote (and remembered) in the lost transaction."""
    code, instance_id = office.new_project()
    with step() as s:
        instance = workflow.lock(s, instance_id)
        run = workflow.load(s, runtime, instance)
    with pytest.raises(RuntimeError), step() as s:
        instance = workflow.lock(s, instance_id)
        run.complete(run.ready_human_tasks()[0].id, {})  # apply: the rows would become the window's acceptance
        workflow.save(s, runtime, instance, run)
        raise RuntimeError("rolled back")
    with step() as s:
        workflow.save(s, runtime, workflow.lock(s, instance_id), run)  # checked by tables_follow_every_save
    assert [i.bpmn_id for i in office.items(code)] == ["accept"]
