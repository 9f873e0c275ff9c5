"""帮办代办: owners grant and revoke authorisations; agents act only under a grant in force, for the
granted stages and acts, never on a commitment; every act is recorded as "agent X for owner Y"; after
revocation or expiry every agent request is refused and changes nothing."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from engine import (
    FormRejected,
    InvalidState,
    NotAllowed,
    NotFound,
    agent_authorisations,
    complete_task,
    delegated_projects,
    grant_authorisation,
    inbox,
    progress,
    project_authorisations,
    register_project,
    revoke_authorisation,
    start_approval,
    submit_supplement,
    visible_trail,
)
from engine.agency.models import AgencyAuthorisation
from engine.agency.rules import COMMITMENT_FORMS, act_as_agent
from engine.audit.models import AuditEvent
from engine.demo import demo_form
from engine.organisation.accounts import create_user, user_by_username
from engine.processes.models import ProcessInstance
from engine.projects.models import StageApplication
from engine.work_items.models import Decision, SupplementRequest, WorkItem
from tests.support.office import Office
from tests.support.refusals import refused_unchanged

CODE_A = "2026-420104-70-03-000001"


def period(runtime, days: int = 30, start_days: int = -1) -> dict:
    now = runtime.now()
    return {"valid_from": (now + timedelta(days=start_days)).isoformat(),
            "valid_to": (now + timedelta(days=days)).isoformat()}


def grant(office: Office, code: str, owner: str = "owner", agent: str = "agent", stages=(1,),
          acts=("apply",), **when) -> int:
    with office.step() as s:
        data = {"agent_username": agent, "stages": list(stages), "acts": list(acts),
                **(when or period(office.runtime))}
        return grant_authorisation(s, office.runtime, office.actor(s, owner), code, data).id


def revoke(office: Office, grant_id: int, owner: str = "owner") -> None:
    with office.step() as s:
        revoke_authorisation(s, office.runtime, office.actor(s, owner), grant_id, {"reason": "合同到期"})


def snapshot(step) -> tuple:
    """Everything an action could change: state blobs, work items, business rows, audit rows, grants."""
    with step(write=False) as s:
        return (
            tuple(s.execute(select(ProcessInstance.id, ProcessInstance.state, ProcessInstance.revision)
                            .order_by(ProcessInstance.id))),
            tuple(s.execute(select(WorkItem.task_id, WorkItem.status, WorkItem.claimed_by).order_by(WorkItem.task_id))),
            tuple(s.scalars(select(StageApplication.id).order_by(StageApplication.id))),
            tuple(s.scalars(select(Decision.id).order_by(Decision.id))),
            tuple(s.execute(select(SupplementRequest.id, SupplementRequest.supplied_at)
                            .order_by(SupplementRequest.id))),
            tuple(s.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id))),
            tuple(s.execute(select(AgencyAuthorisation.id, AgencyAuthorisation.status)
                            .order_by(AgencyAuthorisation.id))),
        )


def agent_completes(office: Office, code: str, bpmn_id: str, form: dict | None = None, agent: str = "agent"):
    item = office.item(code, bpmn_id)
    with office.step() as s:
        return complete_task(s, office.runtime, office.actor(s, agent), item.instance_id, item.task_id,
                             form if form is not None else demo_form(item.form_key, code))


def refused(office: Office, code: str, bpmn_id: str, error=NotAllowed, agent: str = "agent"):
    return refused_unchanged(lambda: snapshot(office.step), error,
                             lambda: agent_completes(office, code, bpmn_id, agent=agent))


def second_owner_project(office: Office, code: str, username: str = "owner_b") -> str:
    with office.step() as s:
        if user_by_username(s, username) is None:
            create_user(s, office.runtime, username=username, display_name="乙方置业", role="owner",
                        password="demo-2026", organisation="乙方置业")
        owner = office.actor(s, username)
        register_project(s, office.runtime, owner, {
            "project_code": code, "project_name": "乙方科技园", "category": "social_investment_project",
            "owner_name": "乙方置业有限公司", "site_address": "武汉市汉阳区"})
        start_approval(s, office.runtime, owner, code)
    return code


@pytest.fixture
def project(office: Office, scene) -> str:
    return scene("project A registered", lambda: office.new_project(CODE_A)[0])


# -- grant and revoke --------------------------------------------------------------------------------

def test_the_owner_grants_and_both_sides_see_the_grant(office, project, step, runtime):
    grant_id = grant(office, project, stages=(3, 1), acts=("view", "apply"))
    with step(write=False) as s:
        owner_rows = project_authorisations(s, office.actor(s, "owner"), project, runtime=runtime)
        agent_rows = agent_authorisations(s, office.actor(s, "agent"), runtime=runtime)
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "grant_authorisation")).one()
    assert [r.id for r in owner_rows] == [r.id for r in agent_rows] == [grant_id]
    row = owner_rows[0]
    assert (row.stages, row.acts, row.state, row.agent_name) == ([1, 3], ["apply", "view"], "有效", "帮办代办员 赵帮")
    assert row.stage_names == ["立项用地规划许可", "施工许可"] and row.act_names == ["申报", "查看"]
    assert event.details["authorisation_id"] == grant_id and event.chain == f"project:{project}"


@pytest.mark.parametrize(("change", "field"), [
    ({"agent_username": "window"}, "agent_username"),
    ({"agent_username": "nobody"}, "agent_username"),
    ({"agent_username": ""}, "agent_username"),
    ({"stages": []}, "stages"),
    ({"stages": [0, 5]}, "stages"),
    ({"stages": ["1"]}, "stages"),
    ({"stages": [True]}, "stages"),
    ({"stages": [1, 1]}, "stages"),
    ({"acts": ["sign_commitment"]}, "acts"),
    ({"acts": "apply"}, "acts"),
    ({"valid_to": "2026-10-01T00:00:00+08:00"}, "valid_to"),
    ({"valid_from": "2026-11-02T09:00:00"}, "valid_from"),
    ({"valid_to": "tomorrow"}, "valid_to"),
    ({"valid_from": None}, "valid_from"),
    ({"typename": "x"}, "typename"),
])
def test_bad_grants_are_refused_field_by_field_and_store_nothing(office, project, step, change, field):
    data = {"agent_username": "agent", "stages": [1], "acts": ["apply"], **period(office.runtime), **change}
    before = snapshot(step)
    with pytest.raises(FormRejected) as caught, step() as s:
        grant_authorisation(s, office.runtime, office.actor(s, "owner"), project, data)
    assert field in caught.value.field_errors
    assert snapshot(step) == before


def test_an_already_expired_period_is_refused(office, project, step):
    with pytest.raises(FormRejected) as caught, step() as s:
        data = {"agent_username": "agent", "stages": [1], "acts": ["apply"], **period(office.runtime, -1, -10)}
        grant_authorisation(s, office.runtime, office.actor(s, "owner"), project, data)
    assert caught.value.field_errors["valid_to"] == ["截止时间须晚于当前时间"]


def test_only_the_owner_of_the_project_grants(office, project, step):
    second_owner_project(office, "2026-420104-70-03-000002")
    data = {"agent_username": "agent", "stages": [1], "acts": ["apply"], **period(office.runtime)}
    before = snapshot(step)
    with pytest.raises(NotFound), step() as s:
        grant_authorisation(s, office.runtime, office.actor(s, "owner_b"), project, data)
    for username in ("agent", "window"):
        with pytest.raises(NotAllowed), step() as s:
            grant_authorisation(s, office.runtime, office.actor(s, username), project, data)
    assert snapshot(step) == before


def test_only_the_granting_owner_revokes_and_only_once(office, project, step):
    grant_id = grant(office, project)
    second_owner_project(office, "2026-420104-70-03-000002")
    for username in ("owner_b", "agent", "window"):
        with pytest.raises(NotFound), step() as s:
            revoke_authorisation(s, office.runtime, office.actor(s, username), grant_id)
    revoke(office, grant_id)
    with pytest.raises(InvalidState), step() as s:
        revoke_authorisation(s, office.runtime, office.actor(s, "owner"), grant_id)
    with step(write=False) as s:
        row = project_authorisations(s, office.actor(s, "owner"), project, runtime=office.runtime)[0]
        revoked = s.scalars(select(AuditEvent).where(AuditEvent.action == "revoke_authorisation")).one()
    assert (row.status, row.state, row.revoke_reason) == ("revoked", "已撤销", "合同到期")
    assert (revoked.details["authorisation_id"], revoked.details["reason"]) == (grant_id, "合同到期")


# -- acting under a grant ----------------------------------------------------------------------------

def test_the_agent_applies_for_a_granted_stage_recorded_as_agent_for_owner(office, project, step, runtime):
    grant(office, project, stages=(1,), acts=("apply", "view"))
    done = agent_completes(office, project, "apply")
    assert done.outcome == "submitted"
    with step(write=False) as s:
        agent, owner = office.actor(s, "agent"), office.actor(s, "owner")
        application = s.scalars(select(StageApplication)).one()
        events = visible_trail(s, agent, project, runtime=runtime)
    assert (application.submitted_by, application.acting_for) == (agent.user_id, owner.user_id)
    applied = next(e for e in events if e.action == "complete_task")
    assert (applied.actor_id, applied.actor_name) == (agent.user_id, "帮办代办员 赵帮")
    assert (applied.acting_for_id, applied.acting_for_name) == (owner.user_id, "示例置业有限公司")
    assert office.item(project, "accept")  # the workflow moved on to the window


def test_the_agent_is_refused_a_stage_or_an_act_not_granted(office, project):
    grant(office, project, stages=(2,), acts=("apply",))
    grant(office, project, stages=(1,), acts=("view", "supplement"))
    error = refused(office, project, "apply")
    assert error.message == "代办授权不包括第1阶段申报"


def test_an_agent_without_any_grant_or_for_another_agent_is_refused(office, project, step, runtime):
    with step() as s:
        create_user(s, runtime, username="agent_2", display_name="帮办代办员 钱代", role="agent", password="x")
    grant(office, project, agent="agent_2")
    # Never authorised for this project: told it does not exist, like an id that was guessed.
    assert refused(office, project, "apply", error=NotFound).message == "办件不存在"


def test_after_revocation_every_agent_request_is_refused_and_changes_nothing(office, project, step, runtime):
    grant_id = grant(office, project, stages=(1, 2), acts=("apply", "view", "supplement"))
    with step(write=False) as s:
        stale = act_as_agent(s, runtime, office.actor(s, "agent"), project)  # authenticated before revocation
    revoke(office, grant_id)
    assert refused(office, project, "apply").message == "代办授权已被建设单位撤销"
    item = office.item(project, "apply")
    before = snapshot(step)
    with pytest.raises(NotAllowed), step() as s:
        complete_task(s, runtime, stale, item.instance_id, item.task_id, demo_form(item.form_key, project))
    assert snapshot(step) == before
    _sees_nothing(office, step, runtime, project, "代办授权已被建设单位撤销")


def test_after_expiry_every_agent_request_is_refused_and_changes_nothing(office, project, step, runtime, clock):
    grant(office, project, stages=(1,), acts=("apply", "view"), **period(runtime, days=3))
    clock.advance(days=3)
    assert refused(office, project, "apply").message == "代办授权已过期"
    _sees_nothing(office, step, runtime, project, "代办授权已过期")
    with step(write=False) as s:
        rows = agent_authorisations(s, office.actor(s, "agent"), runtime=runtime)
    assert [r.state for r in rows] == ["已过期"]


def test_a_grant_not_yet_in_force_covers_nothing(office, project, runtime):
    grant(office, project, **period(runtime, days=30, start_days=2))
    assert refused(office, project, "apply").message == "代办授权尚未生效"


def _sees_nothing(office, step, runtime, project, reason: str):
    """An agent that held a grant is told why it sees nothing (403 with the reason it knows), nothing more."""
    with step(write=False) as s:
        agent = office.actor(s, "agent")
        assert inbox(s, agent, runtime=runtime) == ([], 0)
        assert delegated_projects(s, agent, runtime=runtime) == []
        with pytest.raises(NotAllowed, match=reason) as refused_progress:
            progress(s, agent, project, runtime=runtime)
        assert refused_progress.value.context == {}
        with pytest.raises(NotAllowed, match=reason):
            visible_trail(s, agent, project, runtime=runtime)
        with pytest.raises(NotAllowed):
            act_as_agent(s, runtime, agent, project)


def test_the_agent_may_not_confirm_a_commitment(office, project, step):
    assert "stage_3_application" in COMMITMENT_FORMS
    grant(office, project, stages=(1, 2, 3), acts=("apply",))
    office.finish_stage(project)
    office.finish_stage(project)
    error = refused(office, project, "apply")
    assert (error.message, error.context["form_key"]) == ("承诺事项须由建设单位本人确认", "stage_3_application")
    assert office.act(project, "apply").outcome == "submitted"  # the owner confirms it in person


def test_the_agent_supplies_materials_only_with_the_supplement_act(office, project, step, runtime):
    grant_id = grant(office, project, stages=(1,), acts=("apply",))
    office.act(project, "apply")
    office.act(project, "accept")
    form = {"decision": "supplement", "opinion": "请补齐", "missing_materials": ["节地评价报告"]}
    office.act(project, "review_land_preexam_site_opinion", form)
    item = office.item(project, "review_land_preexam_site_opinion")
    answer = {"materials": ["节地评价报告"], "note": "已补齐"}
    before = snapshot(step)
    with pytest.raises(NotAllowed), step() as s:
        submit_supplement(s, runtime, office.actor(s, "agent"), item.instance_id, item.task_id, answer)
    assert snapshot(step) == before
    revoke(office, grant_id)
    grant(office, project, stages=(1,), acts=("supplement",))
    with step() as s:
        submit_supplement(s, runtime, office.actor(s, "agent"), item.instance_id, item.task_id, answer)
    with step(write=False) as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "submit_supplement")).one()
        assert (event.actor_name, event.acting_for_id) == ("帮办代办员 赵帮", office.actor(s, "owner").user_id)


def test_the_agent_answers_a_returned_application_only_with_the_resubmit_act(office, project):
    grant(office, project, stages=(1,), acts=("apply",))
    agent_completes(office, project, "apply")
    office.act(project, "accept")
    reviews = [i.bpmn_id for i in office.items(project) if i.bpmn_id.startswith("review_")]
    office.act(project, reviews[0], {"decision": "reject", "opinion": "选址与规划不符"})
    for review in reviews[1:]:
        office.act(project, review)
    assert refused(office, project, "resubmit").message == "代办授权不包括第1阶段退回后处理/撤回"
    grant(office, project, stages=(1,), acts=("resubmit",))
    assert agent_completes(office, project, "resubmit", {"decision": "resubmit"}).outcome == "resubmit"
    assert agent_completes(office, project, "apply").outcome == "submitted"


def test_an_agent_never_acts_in_a_staff_lane(office, project):
    grant(office, project, stages=(1,), acts=("apply", "resubmit", "supplement", "view"))
    agent_completes(office, project, "apply")
    assert refused(office, project, "accept").message == "您的岗位不能办理此事项"


# -- one inbox across delegated projects -------------------------------------------------------------

def test_the_agents_one_inbox_spans_the_delegated_projects_of_two_owners_and_nothing_else(office, project, step,
                                                                                            runtime):
    with step() as s:
        create_user(s, runtime, username="agent_2", display_name="帮办代办员 钱代", role="agent", password="x")
    code_b = second_owner_project(office, "2026-420104-70-03-000002")
    other_agent = second_owner_project(office, "2026-420104-70-03-000003")
    stage_two_only = office.new_project("2026-420104-70-03-000004")[0]
    revoked = office.new_project("2026-420104-70-03-000005")[0]
    expired = office.new_project("2026-420104-70-03-000006")[0]
    view_only = office.new_project("2026-420104-70-03-000007")[0]
    office.new_project("2026-420104-70-03-000008")  # never delegated
    grant(office, project, stages=(1, 2), acts=("apply",))
    grant(office, code_b, owner="owner_b", stages=(1,), acts=("apply", "view"))
    grant(office, other_agent, owner="owner_b", agent="agent_2")
    grant(office, stage_two_only, stages=(2,), acts=("apply",))
    revoke(office, grant(office, revoked))
    grant(office, expired, **period(runtime, days=1))
    grant(office, view_only, acts=("view",))
    with step(write=False) as s:
        shown_before_expiry = inbox(s, office.actor(s, "agent"), runtime=runtime)[1]
    clock_moves(office, hours=30)
    with step(write=False) as s:
        agent = office.actor(s, "agent")
        rows, total = inbox(s, agent, runtime=runtime)
        projects = delegated_projects(s, agent, runtime=runtime)
        second_page, _ = inbox(s, agent, page=2, per_page=1, runtime=runtime)
    assert shown_before_expiry == 3
    assert total == 2 and sorted(r.project_code for r in rows) == [project, code_b]
    assert {r.name for r in rows} == {"提交阶段申请"} and len(second_page) == 1
    assert [p.project_code for p in projects] == [project, code_b, stage_two_only, view_only]
    assert [p.owner_name for p in projects][:2] == ["示例置业有限公司", "乙方置业有限公司"]


def clock_moves(office: Office, **delta) -> None:
    office.runtime.clock.advance(**delta)


def test_an_agent_sees_a_project_only_with_the_view_act(office, project, step, runtime):
    with step(write=False) as s, pytest.raises(NotFound):  # never authorised: the project "does not exist"
        progress(s, office.actor(s, "agent"), project, runtime=runtime)
    grant(office, project, acts=("apply",))
    with step(write=False) as s, pytest.raises(NotAllowed, match="代办授权不包括"):
        progress(s, office.actor(s, "agent"), project, runtime=runtime)
    grant(office, project, stages=(4,), acts=("view",))
    with step(write=False) as s:
        assert progress(s, office.actor(s, "agent"), project, runtime=runtime).project_code == project
        acting = act_as_agent(s, runtime, office.actor(s, "agent"), project)
        assert acting.acting_for_id == office.actor(s, "owner").user_id


def test_the_grant_period_is_stored_as_aware_utc(office, project, step):
    start = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    grant_id = grant(office, project, valid_from=start, valid_to=start + timedelta(days=90))
    with step(write=False) as s:
        stored = s.get(AgencyAuthorisation, grant_id)
    assert stored.valid_from == start and stored.valid_to.tzinfo is not None


def test_the_agent_reads_the_clocks_under_a_grant_in_force_at_the_runtime_clock(office, project, step, runtime, clock):
    """The grant covers the frozen test time only (a 3-day window in 2026-11); the clocks follow that clock."""
    from engine import project_clocks

    grant(office, project, stages=(1,), acts=("view",), **period(runtime, days=3))
    with step(write=False) as s:
        assert project_clocks(s, runtime, office.actor(s, "agent"), project) == []  # visible, nothing started
    clock.advance(days=4)
    with step(write=False) as s, pytest.raises(NotAllowed, match="代办授权已过期"):
        project_clocks(s, runtime, office.actor(s, "agent"), project)
