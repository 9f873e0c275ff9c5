"""Workflow state to JSON and back, with the spec stored by reference.

The default serializer embeds the whole parsed model in every blob (50 KB here, repeated per
instance). We store only the process id; the caller supplies the ``ProcessLibrary`` of the version
the instance runs on, which the application keeps once per published version. This makes blobs
about 40 % smaller and each save/load 45 % faster (notes/spiffworkflow.md §2.3).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID

from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.workflow import (
    BpmnSubWorkflowConverter,
    BpmnWorkflowConverter,
    TaskConverter,
    WorkflowConverter,
)
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.bpmn.util.subworkflow import BpmnSubWorkflow
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.deep_merge import DeepMerge
from SpiffWorkflow.util.task import TaskState

from .errors import StateUnloadable

if TYPE_CHECKING:
    from .library import ProcessLibrary

SERIALIZER_VERSION = "1.5+ref1"
"""Spiff's format version plus our spec-by-reference envelope; stored with every instance."""


class _IdsAsText:
    """A workflow converter whose mappings keyed by task id (its tasks, its subprocesses) format the ids once
    (``_text``); the output is Spiff's."""

    registry: Any

    def mapping_to_dict(self, mapping: dict[Any, Any], **kwargs: Any) -> dict[str, Any]:
        return {_text(k) if isinstance(k, UUID) else str(k): self.registry.convert(v, **kwargs)
                for k, v in mapping.items()}

    def mapping_from_dict(self, mapping: dict[str, Any], key_class: Any = None, **kwargs: Any) -> dict[Any, Any]:
        if key_class is not UUID:
            return super().mapping_from_dict(mapping, key_class, **kwargs)  # type: ignore[misc,no-any-return]  # Spiff, untyped
        restore = self.registry.restore
        return {_uuid(k): restore(v, **kwargs) for k, v in mapping.items()}


class _SubWorkflowToDict(_IdsAsText, BpmnSubWorkflowConverter):  # type: ignore[misc]  # SpiffWorkflow is untyped
    pass


class _SpecByReference(_IdsAsText, BpmnWorkflowConverter):  # type: ignore[misc]  # SpiffWorkflow is untyped
    library: ProcessLibrary  # set on a per-library subclass

    def to_dict(self, workflow: BpmnWorkflow) -> dict[str, Any]:
        dct: dict[str, Any] = WorkflowConverter.to_dict(self, workflow)
        dct["spec_ref"] = workflow.spec.name
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def from_dict(self, dct: dict[str, Any]) -> BpmnWorkflow:
        spec, subspecs = self.library.specs(dct["spec_ref"])
        workflow = self.target_class(spec, subspecs, deserializing=True)
        workflow.tasks = self.mapping_from_dict(dct["tasks"], UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


class _TaskToDict(TaskConverter):  # type: ignore[misc]  # SpiffWorkflow is untyped
    """Spiff's task converter, same output, less repeated work per task: Spiff looks the parent up three
    times (each a Python-level ``UUID.__hash__``) and formats every id as text again wherever it appears (a
    task's id, its children's, its parent's). Formatting ids was a quarter of a save's serialization; parsing
    them (four ``UUID(text)`` per task) was a third of a load's, so ``from_dict`` takes them from ``_uuid``."""

    def from_dict(self, dct: dict[str, Any], workflow: Any) -> Task:
        """Spiff's ``TaskConverter.from_dict`` (SpiffWorkflow 3.x), the ids parsed once per worker."""
        task_spec = workflow.spec.task_specs.get(dct["task_spec"])
        task = self.target_class(workflow, task_spec, state=dct["state"], id=_uuid(dct["id"]))
        task._parent = _uuid(dct["parent"]) if dct["parent"] is not None else None
        task._children = [_uuid(child) for child in dct["children"]]
        task.last_state_change = dct["last_state_change"]
        task.triggered = dct["triggered"]
        task.internal_data = self.registry.restore(dct["internal_data"])
        if isinstance(task_spec, CatchingEvent) and task.has_state(TaskState.WAITING):
            task.workflow.top_workflow.event_manager.add_task(task)
        delta = dct.get("delta")
        parent = workflow.tasks.get(task._parent) if task._parent is not None else None
        if delta and parent is not None:
            data = DeepMerge.merge({}, parent.data)
            data.update(self.registry.restore(delta.get("updates", {})))
            for key in delta.get("deletions", {}):
                if key in data:
                    del data[key]
        else:
            data = self.registry.restore(dct["data"])
        task.data = data
        return task

    def to_dict(self, task: Task) -> dict[str, Any]:
        parent = task.workflow.tasks.get(task._parent)
        if parent is None:
            data, delta = task.data, {}
        else:  # only what differs from the parent (Spiff's DeepMerge.get_updated_keys/get_deleted_keys)
            before, after = parent.data, task.data
            data = {}
            delta = {"updates": {k: v for k, v in after.items() if k not in before or v != before[k]},
                     "deletions": [k for k in before if k not in after]}
        return {
            "id": _text(task.id),
            "parent": _text(task._parent) if parent is not None else None,
            "children": [_text(child) for child in task._children],
            "last_state_change": task.last_state_change,
            "state": task.state,
            "task_spec": task.task_spec.name,
            "triggered": task.triggered,
            "internal_data": self.registry.convert(task.internal_data),
            "data": data,
            "delta": delta,
        }


_ID_TEXT: dict[int, str] = {}
"""Task ids as text, by their integer: an id never changes, so its text is formatted once per worker."""


def _text(task_id: UUID) -> str:
    text = _ID_TEXT.get(task_id.int)
    if text is None:
        if len(_ID_TEXT) >= 200_000:  # about 30 MB: bounded whatever the number of instances a worker saves
            _ID_TEXT.clear()
        text = _ID_TEXT[task_id.int] = str(task_id)
    return text


_TEXT_ID: dict[str, UUID] = {}
"""Task ids by their text: the same id is parsed once per worker (``UUID`` objects are immutable, so one is
shared by every workflow that holds it)."""


def _uuid(text: str) -> UUID:
    found = _TEXT_ID.get(text)
    if found is None:
        if len(_TEXT_ID) >= 200_000:  # bounded like _ID_TEXT
            _TEXT_ID.clear()
        found = _TEXT_ID[text] = UUID(text)
    return found


def started_processes(text: str) -> frozenset[str]:
    """The ids of the called processes (call activities) that a stored state has entered: their tasks live
    in the state and refer to those processes' specs by name, so those specs must not change under it."""
    try:
        subprocesses = json.loads(text).get("subprocesses", {})
    except (ValueError, AttributeError) as exc:
        raise StateUnloadable(f"cannot read workflow state: {exc}") from exc
    return frozenset(sub["spec"] for sub in subprocesses.values() if "spec" in sub)


class StateCodec:
    """Dumps and loads workflows of one library version."""

    def __init__(self, library: ProcessLibrary):
        converter = type("SpecByReference", (_SpecByReference,), {"library": library})
        config = dict(SPIFF_CONFIG)
        config[BpmnWorkflow] = converter
        config[Task] = _TaskToDict
        config[BpmnSubWorkflow] = _SubWorkflowToDict
        registry = BpmnWorkflowSerializer.configure(config)
        registry.register(Decimal, lambda v: {"value": str(v)}, lambda d: Decimal(d["value"]))
        registry.register(date, lambda v: {"value": v.isoformat()}, lambda d: date.fromisoformat(d["value"]))
        self._serializer = BpmnWorkflowSerializer(registry)
        self._library = library

    def dump(self, workflow: BpmnWorkflow) -> str:
        """Compact UTF-8 JSON (Chinese kept as is, not \\u-escaped)."""
        registry = self._serializer.registry
        registry._encoder_mode = True
        try:
            dct = self._serializer.to_dict(workflow)
        finally:
            registry._encoder_mode = False
        dct["serializer_version"] = SERIALIZER_VERSION
        return json.dumps(dct, cls=self._serializer._encoder_cls, ensure_ascii=False,
                          separators=(",", ":"))

    def load(self, text: str) -> BpmnWorkflow:
        """Rebuild a workflow; raise StateUnloadable if the text is not a state we wrote."""
        try:
            dct = json.loads(text)
            version = dct.pop("serializer_version", None)
            if version != SERIALIZER_VERSION:
                raise StateUnloadable(f"serializer version {version!r}, expected {SERIALIZER_VERSION!r}")
            workflow = self._serializer.from_dict(dct)
        except StateUnloadable:
            raise
        except Exception as exc:
            raise StateUnloadable(f"cannot load workflow state: {exc}") from exc
        workflow.script_engine = self._library.script_engine
        return workflow
