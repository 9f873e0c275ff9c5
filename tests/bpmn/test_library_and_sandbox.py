"""The process library refuses broken models at load time, naming file, element and line."""

import re

import pytest

from bpmn import ModelInvalid, ProcessLibrary, Workflow
from bpmn.sandbox import RestrictedEnvironment
from engine.organisation.lanes import LANES
from forms import FORM_KEYS
from tests.support.models import generated_files

STAGE = "stage_engineering_permit.bpmn"


def files(**replace: str) -> dict[str, str]:
    text = generated_files()[STAGE]
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new, 1)
    return {STAGE: text}


def load(model_files: dict[str, str]) -> ProcessLibrary:
    return ProcessLibrary(model_files, form_keys=FORM_KEYS, lanes=LANES)


def test_the_generated_models_load():
    library = load(generated_files())
    assert "social_investment_project" in library.process_ids
    assert all(t.form_key in FORM_KEYS for t in library.user_tasks)


@pytest.mark.parametrize("evil", ['__import__("os").getuid()', "().__class__.__base__", 'open("/etc/passwd")'])
def test_a_dangerous_condition_is_refused_at_load(evil):
    condition = re.search(r"<bpmn:conditionExpression[^>]*>([^<]+)<", files()[STAGE]).group(1)
    if "open" in evil:  # not a compile-time refusal: the name is simply not in the whitelist
        env = RestrictedEnvironment({})
        with pytest.raises(NameError):
            env.evaluate(evil, {})
        return
    with pytest.raises(ModelInvalid) as caught:
        load(files(**{condition: evil.replace('"', "&quot;")}))
    assert caught.value.file == STAGE and caught.value.element_id.startswith("flow_") and caught.value.line


def test_an_import_in_a_script_task_is_refused_at_load():
    with pytest.raises(ModelInvalid) as caught:
        load(files(**{'stage_outcome = "issued"': 'import os\nstage_outcome = "issued"'}))
    assert caught.value.element_id == "set_issued" and "import" in str(caught.value)


def test_an_unknown_form_key_is_refused_at_load():
    with pytest.raises(ModelInvalid, match="unknown form key 'no_such_form'") as caught:
        load(files(**{'value="review_decision"': 'value="no_such_form"'}))
    assert caught.value.file == STAGE


def test_an_unknown_lane_is_refused_at_load():
    with pytest.raises(ModelInvalid, match="unknown lane"):
        load(files(**{'name="人民防空办公室"': 'name="不存在的部门"'}))


def test_state_survives_a_round_trip_and_completing_a_non_ready_task_is_refused():
    from bpmn import TaskNotFound, TaskNotReady

    library = load(generated_files())
    run = Workflow.start(library, "stage_engineering_permit", {})
    apply = run.ready_human_tasks()[0]
    run.complete(apply.id, {})
    again = Workflow.load(library, run.dump())
    assert [t.bpmn_id for t in again.ready_human_tasks()] == ["accept"]
    with pytest.raises(TaskNotReady):
        again.complete(apply.id, {})
    with pytest.raises(TaskNotFound):
        again.complete("00000000-0000-0000-0000-000000000000", {})
