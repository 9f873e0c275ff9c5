"""The state codec's own task and subprocess converters write exactly what SpiffWorkflow's stock ones write
(they only skip repeated work): compared text for text at every step of a whole four-stage run."""

from datetime import date
from decimal import Decimal
from types import MethodType

import pytest
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnSubWorkflowConverter, TaskConverter
from SpiffWorkflow.bpmn.serializer.helpers.bpmn_converter import BpmnConverter

import bpmn.state
from bpmn import ProcessLibrary, StateCodec, Workflow
from engine.organisation.lanes import LANES
from forms import FORM_KEYS
from tests.support.models import generated_files

MAIN = "social_investment_project"
ROUTING = {"project_code": "2026-420104-70-03-000001", "category": MAIN, "route": "form"}


def stock_codec(library: ProcessLibrary, monkeypatch: pytest.MonkeyPatch) -> StateCodec:
    """A codec built with SpiffWorkflow's own converters for tasks, subprocesses and id-keyed mappings."""
    with monkeypatch.context() as patch:
        patch.setattr(bpmn.state, "_TaskToDict", TaskConverter)
        patch.setattr(bpmn.state, "_SubWorkflowToDict", BpmnSubWorkflowConverter)
        codec = StateCodec(library)
    for to_dict in codec._serializer.registry.convert_to_dict.values():
        converter = getattr(to_dict, "__self__", None)
        if isinstance(converter, bpmn.state._IdsAsText):  # the workflow's own converter keeps the spec by reference
            converter.mapping_to_dict = MethodType(BpmnConverter.mapping_to_dict, converter)
            converter.mapping_from_dict = MethodType(BpmnConverter.mapping_from_dict, converter)
    return codec


def answer(task: bpmn.HumanTask) -> dict[str, object]:
    if task.form_key == "acceptance_decision":
        return {"decision": "accept"}
    if task.form_key == "review_decision":
        return {task.properties["resultVariable"]: "approve", "fee": Decimal("12.50"), "on": date(2026, 11, 2)}
    return {}


def test_every_step_of_a_full_run_dumps_as_spiffworkflow_would(monkeypatch):
    library = ProcessLibrary(generated_files(), form_keys=FORM_KEYS, lanes=LANES,
                             functions={"item_due": lambda item, which, days: "2030-01-07T09:00:00+08:00"})
    ours, stock = StateCodec(library), stock_codec(library, monkeypatch)
    run, steps = Workflow.start(library, MAIN, ROUTING), 0
    while ready := run.ready_human_tasks():
        task = min(ready, key=lambda t: t.bpmn_id)
        run.complete(task.id, answer(task))
        text = run.dump(ours)
        assert text == run.dump(stock)
        assert Workflow.load(library, text, ours).dump(ours) == text  # and it loads back to the same state
        steps += 1
    assert run.completed and steps == 27
    assert '"fee":{"value":"12.50","typename":"Decimal"}' in text.replace(" ", "")  # the data kinds went through
