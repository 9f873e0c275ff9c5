"""Every refused action leaves the state blob, the work items and the audit rows exactly as they were."""

import pytest
from sqlalchemy import select

from engine import FormRejected, InvalidState, NotAllowed, NotFound, complete_task
from engine.audit.models import AuditEvent
from engine.organisation.accounts import create_user
from engine.processes.models import ProcessInstance
from engine.work_items.models import Decision, WorkItem
from tests.support.office import Office


def snapshot(step) -> tuple:
    with step(write=False) as s:
        states = tuple(s.execute(select(ProcessInstance.id, ProcessInstance.state, ProcessInstance.revision,
                                        ProcessInstance.version).order_by(ProcessInstance.id)))
        items = tuple(s.execute(select(WorkItem.task_id, WorkItem.status, WorkItem.claimed_by)
                                .order_by(WorkItem.task_id)))
        audit = tuple(s.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id)))
        decisions = tuple(s.scalars(select(Decision.id)))
    return states, items, audit, decisions


@pytest.fixture
def two_projects(office: Office, scene):
    return scene("two projects accepted", lambda: _accept_two(office))


def _accept_two(office: Office):
    first = office.new_project("2026-420104-70-03-000001")
    second = office.new_project("2026-420104-70-03-000002")
    for code, _ in (first, second):
        office.act(code, "apply")
        office.act(code, "accept")
    return first, second


def attempt(office, step, username, instance_id, task_id, form, error):
    before = snapshot(step)
    with pytest.raises(error) as caught, step() as s:
        complete_task(s, office.runtime, office.actor(s, username), instance_id, task_id, form)
    assert snapshot(step) == before
    return caught.value


def test_a_task_that_is_not_ready_is_refused(office, step, two_projects):
    (code, instance_id), _ = two_projects
    with step(write=False) as s:
        done = s.scalar(select(Decision.task_id).where(Decision.bpmn_id == "accept", Decision.project_code == code))
    error = attempt(office, step, "window", instance_id, done, {"decision": "accept"}, InvalidState)
    assert error.context["task_id"] == done


def test_a_task_of_another_instance_is_refused(office, step, two_projects):
    (_, instance_a), (code_b, _) = two_projects
    foreign = office.item(code_b, "review_environmental_impact_assessment")
    form = {"decision": "approve"}
    attempt(office, step, "exam_ecology_environment", instance_a, foreign.task_id, form, NotFound)


def test_another_departments_review_is_refused(office, step, two_projects):
    (code, instance_id), _ = two_projects
    review = office.item(code, "review_environmental_impact_assessment")
    error = attempt(office, step, "exam_natural_resources", instance_id, review.task_id, {"decision": "approve"},
                    NotAllowed)
    assert error.context["department"] == "ecology_environment"


def test_an_invalid_form_is_refused_with_field_messages(office, step, two_projects):
    (code, instance_id), _ = two_projects
    review = office.item(code, "review_environmental_impact_assessment")
    bad = {"decision": "reject", "typename": "x", "opinion": ""}
    error = attempt(office, step, "exam_ecology_environment", instance_id, review.task_id, bad, FormRejected)
    assert set(error.field_errors) >= {"typename", "opinion"}


def test_another_owner_cannot_act_on_the_owners_task(office, step, runtime):
    code, instance_id = office.new_project()
    with step() as s:
        create_user(s, runtime, username="other_owner", display_name="他人置业", role="owner", password="x")
    apply = office.item(code, "apply")
    # Another owner's case answers "not found", exactly like an instance id that does not exist.
    attempt(office, step, "other_owner", instance_id, apply.task_id, {}, NotFound)


def test_an_unknown_task_id_is_refused(office, step, two_projects):
    (_, instance_id), _ = two_projects
    attempt(office, step, "window", instance_id, "not-a-task", {"decision": "accept"}, NotFound)
