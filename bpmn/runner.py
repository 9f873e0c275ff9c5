"""Run process instances: start, list READY human tasks, complete one, fire due timers.

``Workflow`` wraps SpiffWorkflow's ``BpmnWorkflow`` so the engine never touches Spiff types. It
checks what Spiff does not: a task is completed only if it exists in *this* instance and is a READY
human task (Spiff's ``task.run()`` runs anything, in any state).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.util.task import TaskState

from . import clock
from .errors import HostFunctionError, TaskNotFound, TaskNotReady, WorkflowFailed
from .state import StateCodec
from .tasks import DueTimer, HumanTask

if TYPE_CHECKING:
    from .library import ProcessLibrary

_ELEMENT_STATE = {TaskState.COMPLETED: "completed", TaskState.READY: "active",
                  TaskState.STARTED: "active", TaskState.WAITING: "waiting", TaskState.ERROR: "active"}
_STATE_RANK = {"active": 3, "waiting": 2, "completed": 1}


class Workflow:
    """One running (or finished) process instance, in memory."""

    def __init__(self, library: ProcessLibrary, workflow: BpmnWorkflow):
        self.library = library
        self._wf = workflow
        self._waits: tuple[list[HumanTask], list[DueTimer]] | None = None
        """What ``_waiting`` found, until the next change of the workflow (every change goes through this
        class, which forgets it first): a save reads both lists, the work items and the timers."""

    @classmethod
    def start(cls, library: ProcessLibrary, process_id: str, data: Mapping[str, Any],
              now: datetime | None = None) -> Workflow:
        """Create an instance with routing data and run it up to the first human task."""
        spec, subspecs = library.specs(process_id)
        run = cls(library, BpmnWorkflow(spec, subspecs, script_engine=library.script_engine))
        run._wf.task_tree.data.update(data)
        run._advance(now)
        return run

    @classmethod
    def load(cls, library: ProcessLibrary, text: str, codec: StateCodec | None = None) -> Workflow:
        return cls(library, (codec or StateCodec(library)).load(text))

    def dump(self, codec: StateCodec | None = None) -> str:
        return (codec or StateCodec(self.library)).dump(self._wf)

    @property
    def process_id(self) -> str:
        name: str = self._wf.spec.name
        return name

    @property
    def completed(self) -> bool:
        return bool(self._wf.is_completed())

    @property
    def data(self) -> dict[str, Any]:
        """Workflow-level data (filled by the end event when the instance completes)."""
        return dict(self._wf.data)

    def ready_human_tasks(self) -> list[HumanTask]:
        return list(self._waiting()[0])

    def has_element(self, process_id: str, bpmn_id: str) -> bool:
        """Whether this instance's version of the model ``process_id`` has the element ``bpmn_id`` (a model
        generated before an element was added keeps its old shape)."""
        spec = self._wf.spec if self._wf.spec.name == process_id else self._wf.subprocess_specs.get(process_id)
        return spec is not None and any(getattr(t, "bpmn_id", None) == bpmn_id for t in spec.task_specs.values())

    def locate(self, task_id: str) -> tuple[str, str]:
        """(process id, element id) of any task of this instance, whatever its state."""
        task = self._find(task_id)
        return task.workflow.spec.name, task.task_spec.bpmn_id

    def human_task(self, task_id: str) -> HumanTask:
        """A READY human task of this instance, or TaskNotFound/TaskNotReady."""
        return _human_task(self._ready_task(task_id))

    def complete(self, task_id: str, data: Mapping[str, Any], now: datetime | None = None) -> None:
        """Complete a READY human task with routing data, then run the engine to the next wait."""
        task = self._ready_task(task_id)
        self._waits = None
        task.data.update(data)
        with clock.at(now):
            try:
                task.run()
            except SpiffWorkflowException as exc:
                raise _failure(exc, task.task_spec.bpmn_id) from exc
        self._advance(now)

    def timers(self) -> list[DueTimer]:
        """Every timer the instance is waiting on, with its due time."""
        return list(self._waiting()[1])

    def _waiting(self) -> tuple[list[HumanTask], list[DueTimer]]:
        """The READY human tasks and the waiting timers, in tree order, from one walk of the tree (Spiff's
        iterator takes the same path for READY, WAITING and both: they are all definite states)."""
        if self._waits is None:
            ready, timers = [], []
            for task in self._wf.get_tasks(state=TaskState.READY | TaskState.WAITING):
                spec = task.task_spec
                if task.state == TaskState.READY:
                    if spec.manual:
                        ready.append(_human_task(task))
                elif (isinstance(spec, CatchingEvent) and isinstance(spec.event_definition, TimerEventDefinition)
                      and task.internal_data.get("event_value")):
                    timers.append(_due_timer(task))
            self._waits = (ready, timers)
        return self._waits

    def fire_due_timers(self, now: datetime) -> None:
        """Let every timer due at ``now`` fire and run the engine onwards.

        Spiff only marks a due timer READY when it checks the timers (at the *end* of its engine steps), so
        the timers are checked first and the fired events then run with everything that follows them.
        """
        self._waits = None
        with clock.at(now):
            try:
                self._wf.refresh_timers()
            except SpiffWorkflowException as exc:
                raise _failure(exc) from exc
        self._advance(now)

    def reschedule_timer(self, task_id: str, due: datetime) -> None:
        """Move a waiting timer to ``due`` (an aware datetime): Spiff evaluated its expression once, when it
        started waiting, and stored the instant as ``event_value``; rewriting that moves the deadline."""
        if due.tzinfo is None:
            raise ValueError("a timer needs an aware datetime")
        task = self._find(task_id)
        if not (task.state == TaskState.WAITING and isinstance(getattr(task.task_spec, "event_definition", None),
                                                               TimerEventDefinition)):
            raise TaskNotReady(task_id, TaskState.get_name(task.state))
        self._waits = None
        task.internal_data["event_value"] = due.isoformat()

    def set_variables(self, data: Mapping[str, Any]) -> None:
        """Set variables so the events ahead read the new values: a later timer's ``timeDate`` is evaluated from
        its task's data when it starts waiting, and a task inherits its parent's data when it becomes ready, so
        every task's copy is set (the finished ones' too)."""
        self._waits = None
        for task in self._wf.get_tasks():
            task.data.update(data)

    def element_states(self) -> dict[str, dict[str, str]]:
        """For each process id, the display state of each BPMN element (latest run wins)."""
        states: dict[str, dict[str, str]] = {}
        for task in self._all_tasks():
            state = _ELEMENT_STATE.get(task.state)
            bpmn_id = getattr(task.task_spec, "bpmn_id", None)
            if state and bpmn_id:
                per_process = states.setdefault(task.workflow.spec.name, {})
                if _STATE_RANK[state] >= _STATE_RANK.get(per_process.get(bpmn_id, ""), 0):
                    per_process[bpmn_id] = state
        return states

    def _all_tasks(self) -> list[Any]:
        tasks = list(self._wf.tasks.values())
        for sub in self._wf.subprocesses.values():
            tasks.extend(sub.tasks.values())
        return tasks

    def _ready_task(self, task_id: str) -> Any:
        task = self._find(task_id)
        if not (task.state == TaskState.READY and task.task_spec.manual):
            raise TaskNotReady(task_id, TaskState.get_name(task.state))
        return task

    def _find(self, task_id: str) -> Any:
        try:
            task = self._wf.get_task_from_id(UUID(str(task_id)))
        except (ValueError, SpiffWorkflowException):
            task = None
        if task is None:
            raise TaskNotFound(str(task_id))
        return task

    def _advance(self, now: datetime | None) -> None:
        self._waits = None
        with clock.at(now):
            try:
                self._wf.do_engine_steps()
            except SpiffWorkflowException as exc:
                raise _failure(exc) from exc


def _failure(exc: SpiffWorkflowException, element_id: str | None = None) -> Exception:
    """What a failed step raises: a host function's own error unwrapped, else ``WorkflowFailed``."""
    seen, cause = set(), exc
    while cause is not None and id(cause) not in seen:  # Spiff wraps errors in its own, sometimes twice
        if isinstance(cause, HostFunctionError):
            return cause
        seen.add(id(cause))
        cause = getattr(cause, "exception", None) or cause.__cause__ or cause.__context__
    return WorkflowFailed(element_id or getattr(getattr(exc, "task_spec", None), "bpmn_id", None), str(exc))


def _human_task(task: Any) -> HumanTask:
    spec = task.task_spec
    props = dict(spec.extensions.get("properties", {}))
    return HumanTask(id=str(task.id), bpmn_id=spec.bpmn_id, name=spec.bpmn_name or spec.bpmn_id,
                     lane=spec.lane, form_key=props.get("formKey"), process_id=task.workflow.spec.name,
                     properties=props, documentation=spec.documentation)


def _due_timer(task: Any) -> DueTimer:
    due = TimerEventDefinition.get_datetime(task.internal_data["event_value"])
    return DueTimer(task_id=str(task.id), bpmn_id=task.task_spec.bpmn_id, process_id=task.workflow.spec.name,
                    name=task.task_spec.bpmn_name or task.task_spec.bpmn_id, due_at=due)
