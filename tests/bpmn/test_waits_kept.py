"""A workflow keeps its READY human tasks and waiting timers from one walk of the tree until it changes (a save
reads both): at every step of a whole run, and after a timer is moved, they are what a workflow parsed afresh
from the same state finds, and the stock SpiffWorkflow load restores the same workflow as ours."""

from datetime import UTC, datetime

from bpmn import ProcessLibrary, StateCodec, Workflow
from engine.organisation.lanes import LANES
from forms import FORM_KEYS
from tests.bpmn.test_state_dump import MAIN, ROUTING, answer, stock_codec
from tests.support.models import generated_files


def library() -> ProcessLibrary:
    return ProcessLibrary(generated_files(), form_keys=FORM_KEYS, lanes=LANES,
                          functions={"item_due": lambda item, which, days: "2030-01-07T09:00:00+08:00"})


def assert_as_parsed(run: Workflow, codec: StateCodec) -> None:
    again = Workflow.load(run.library, run.dump(codec), codec)
    assert run.ready_human_tasks() == again.ready_human_tasks()
    assert run.timers() == again.timers()


def test_kept_waits_are_those_of_the_state_at_every_step_and_after_a_timer_moves(monkeypatch):
    lib = library()
    codec, stock = StateCodec(lib), stock_codec(lib, monkeypatch)
    run, moved = Workflow.start(lib, MAIN, ROUTING), 0
    while ready := run.ready_human_tasks():
        run.timers()  # asked before the change: what is kept must not outlive it
        task = min(ready, key=lambda t: t.bpmn_id)
        run.complete(task.id, answer(task))
        assert_as_parsed(run, codec)
        text = run.dump(codec)
        assert Workflow.load(lib, text, stock).dump(codec) == Workflow.load(lib, text, codec).dump(codec)
        if timers := run.timers():
            due = datetime(2031, 1, 1, 1, moved, tzinfo=UTC)
            run.reschedule_timer(timers[0].task_id, due)
            assert [t.due_at for t in run.timers() if t.task_id == timers[0].task_id] == [due]
            assert_as_parsed(run, codec)
            moved += 1
    assert run.completed and moved > 0
    assert run.ready_human_tasks() == [] and run.timers() == []
