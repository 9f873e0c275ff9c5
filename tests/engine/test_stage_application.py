"""The stage application's task list in the engine: required materials from the catalogue, answers saved as a
draft, and a submission refused while a required material has no file — committed afterwards, the refused call
has written nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine import (
    ApplicationIncomplete,
    NewMaterial,
    application_task_list,
    attach_material,
    save_application_answers,
    submit_stage_application,
)
from engine.audit.models import AuditEvent
from engine.demo import demo_form
from engine.materials.models import Material
from engine.projects.models import ApplicationDraft, StageApplication
from engine.work_items.models import WorkItem

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _everything(s) -> tuple:
    return (s.scalars(select(StageApplication.id)).all(), s.scalars(select(AuditEvent.id)).all(),
            sorted((w.task_id, w.status) for w in s.scalars(select(WorkItem))),
            [(d.task_id, d.data, d.saved_at) for d in s.scalars(select(ApplicationDraft))],
            s.scalars(select(Material.id)).all())


def _required(office, code: str, task_id: str) -> list[str]:
    with office.step(write=False) as s:
        tasks = application_task_list(s, office.runtime, office.actor(s, "owner"), code, task_id)
        return [m.material for m in tasks.materials if m.required]


@pytest.mark.several_nows
def test_a_required_material_without_a_file_refuses_the_submission_and_writes_nothing(office) -> None:
    code, _ = office.new_project()
    apply = office.item(code, "apply")
    with office.step() as s:
        owner = office.actor(s, "owner")
        save_application_answers(s, office.runtime, owner, code, apply.task_id, demo_form(apply.form_key, code))
    required = _required(office, code, apply.task_id)
    with office.step() as s:
        for number, material in enumerate(required[:-1], 1):
            attach_material(s, office.runtime, office.actor(s, "owner"), code,
                            NewMaterial(apply.stage, f"m{number}.pdf", PDF + bytes([number]), material))
    with office.step(write=False) as s:
        before = _everything(s)
    # the step commits after the refusal: whatever the refused call had written would stay
    with office.step() as s, pytest.raises(ApplicationIncomplete) as refused:
        submit_stage_application(s, office.runtime, office.actor(s, "owner"), code, apply.task_id)
    assert list(refused.value.field_errors) == [f"material-{len(required)}"]
    assert required[-1] in refused.value.field_errors[f"material-{len(required)}"][0]
    with office.step(write=False) as s:
        assert _everything(s) == before


def test_with_every_required_material_the_saved_answers_are_submitted_and_the_draft_goes(office) -> None:
    code, _ = office.new_project()
    apply = office.item(code, "apply")
    with office.step() as s:
        owner = office.actor(s, "owner")
        with pytest.raises(ApplicationIncomplete) as unsaved:
            submit_stage_application(s, office.runtime, owner, code, apply.task_id)
        assert "form" in unsaved.value.field_errors
        save_application_answers(s, office.runtime, owner, code, apply.task_id, demo_form(apply.form_key, code))
    with office.step() as s:
        owner = office.actor(s, "owner")
        for number, material in enumerate(_required(office, code, apply.task_id), 1):
            attach_material(s, office.runtime, owner, code, NewMaterial(apply.stage, f"m{number}.pdf", PDF, material))
        assert submit_stage_application(s, office.runtime, owner, code, apply.task_id) == apply.stage
    with office.step(write=False) as s:
        assert s.scalar(select(StageApplication.form_key)) == apply.form_key
        assert s.get(ApplicationDraft, apply.task_id) is None
    assert office.item(code, "accept")
