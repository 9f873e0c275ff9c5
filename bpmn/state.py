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
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter, WorkflowConverter
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG

from .errors import StateUnloadable

if TYPE_CHECKING:
    from .library import ProcessLibrary

SERIALIZER_VERSION = "1.5+ref1"
"""Spiff's format version plus our spec-by-reference envelope; stored with every instance."""


class _SpecByReference(BpmnWorkflowConverter):  # type: ignore[misc]  # SpiffWorkflow is untyped
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
