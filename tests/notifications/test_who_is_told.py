"""Each event tells the people it concerns, once, in the action's transaction; a failing message never fails
the action. Built through the engine's use cases; the timer sweeper moves time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from engine import (
    decide_extension,
    grant_authorisation,
    request_extension,
    revoke_authorisation,
    save_my_preferences,
    submit_supplement,
)
from engine.audit.models import AuditEvent
from engine.extensions import registry
from engine.notifications import tell
from engine.notifications.models import Delivery, Notification
from engine.timers.sweeper import sweep
from engine.work_items.models import SupplementRequest
from tests.adjustments.support import seed_leads
from tests.support.office import Office

CHINA = timezone(timedelta(hours=8))
EIA = "review_environmental_impact_assessment"
SUPPLEMENT = {"decision": "supplement", "opinion": "请补齐", "missing_materials": ["环境影响报告书"]}


def told(step, username: str) -> list[tuple[str, str]]:
    """(kind, title) of every message of ``username``, oldest first."""
    from engine.organisation.models import UserAccount
    with step(write=False) as s:
        user_id = s.scalars(select(UserAccount.id).where(UserAccount.username == username)).one()
        return [(n.kind, n.title) for n in s.scalars(select(Notification).where(
            Notification.recipient_id == user_id).order_by(Notification.id))]


def kinds(step, username: str) -> list[str]:
    return [kind for kind, _ in told(step, username)]


def grant(office: Office, code: str) -> int:
    with office.step() as s:
        now = office.runtime.now()
        data = {"agent_username": "agent", "stages": [1], "acts": ["apply", "supplement"],
                "valid_from": (now - timedelta(days=1)).isoformat(), "valid_to": (now + timedelta(days=30)).isoformat()}
        return grant_authorisation(s, office.runtime, office.actor(s, "owner"), code, data).id


def test_a_stage_tells_the_window_the_owner_and_the_agent_what_happened(office: Office, step) -> None:
    code, _ = office.new_project()
    grant(office, code)
    assert kinds(step, "agent") == [tell.AUTHORISATION]
    office.finish_stage(code)
    assert kinds(step, "window") == [tell.SUBMITTED]
    owner = told(step, "owner")
    assert [k for k, _ in owner] == [tell.ACCEPTED, *[tell.DECIDED] * 4, tell.ISSUED]
    assert owner[0][1] == "申请已受理：立项用地规划许可" and owner[-1][1].startswith("证照已核发：")
    assert [k for k, _ in told(step, "agent")] == [tell.AUTHORISATION, *[k for k, _ in owner]]
    assert "同意" in owner[1][1]


def test_a_correction_notice_names_its_deadline_and_the_supplement_goes_back_to_the_department(office, step):
    code, _ = office.new_project()
    office.act(code, "apply")
    office.act(code, "accept")
    office.act(code, EIA, SUPPLEMENT)
    with step(write=False) as s:
        request = s.scalars(select(SupplementRequest)).one()
    due = request.due_at.astimezone(CHINA)
    [(_, title)] = [m for m in told(step, "owner") if m[0] == tell.SUPPLEMENT]
    assert title == f"补正通知：环境影响评价审批（请于 {due:%Y-%m-%d} 前补正）"
    with step() as s:
        submit_supplement(s, office.runtime, office.actor(s, "owner"), request.instance_id, request.task_id,
                          {"materials": ["环境影响报告书"]})
    assert told(step, "exam_ecology_environment") == [(tell.TO_REVIEW, "新的审查事项：环境影响评价审批"),
                                                      (tell.SUPPLIED, "补正材料已提交：环境影响评价审批")]


def test_a_supplement_at_the_window_goes_back_to_the_window(office: Office, step) -> None:
    code, _ = office.new_project()
    office.act(code, "apply")
    office.act(code, "accept", {"decision": "supplement", "opinion": "缺件", "missing_materials": ["项目建议书"]})
    with step(write=False) as s:
        request = s.scalars(select(SupplementRequest)).one()
    with step() as s:
        submit_supplement(s, office.runtime, office.actor(s, "owner"), request.instance_id, request.task_id,
                          {"materials": ["项目建议书"]})
    assert told(step, "window")[-1] == (tell.SUPPLIED, f"补正材料已提交：{request.task_name}")
    assert tell.SUPPLEMENT in kinds(step, "owner")


def test_warning_goes_to_the_department_and_overdue_also_to_the_supervisors(office: Office, step, clock, db):
    clock.value = datetime(2026, 11, 2, 9, 30, tzinfo=CHINA)
    code, _ = office.new_project()
    office.act(code, "apply")
    office.act(code, "accept")
    clock.value = datetime(2026, 11, 6, 0, 1, tzinfo=CHINA)
    sweep(db, office.runtime)
    warned = told(step, "exam_ecology_environment")
    assert (tell.WARNING, "时限预警：环境影响评价审批") in warned
    assert tell.WARNING not in kinds(step, "supervisor")
    clock.value = datetime(2026, 11, 9, 17, 31, tzinfo=CHINA)
    sweep(db, office.runtime)
    assert (tell.OVERDUE, "时限逾期：环境影响评价审批") in told(step, "exam_ecology_environment")
    assert (tell.OVERDUE, "时限逾期：环境影响评价审批") in told(step, "supervisor")


def test_an_approved_extension_tells_the_examiner_and_the_owner(office: Office, step, clock) -> None:
    clock.value = datetime(2026, 11, 2, 10, 0, tzinfo=CHINA)
    seed_leads(office)
    code, _ = office.new_project()
    office.act(code, "apply")
    office.act(code, "accept")
    task_id = office.item(code, EIA).task_id
    with step() as s:
        ask = request_extension(s, office.runtime, office.actor(s, "exam_ecology_environment"), task_id,
                                {"days": 3, "reason": "需征求意见"})
    with step() as s:
        decide_extension(s, office.runtime, office.actor(s, "lead_ecology"), ask.id, {"decision": "approve"})
    [(_, title)] = [m for m in told(step, "owner") if m[0] == tell.EXTENSION]
    assert title == "延期已批准：环境影响评价审批"
    assert (tell.EXTENSION, title) in told(step, "exam_ecology_environment")


def test_revoking_an_authorisation_tells_the_agent(office: Office, step) -> None:
    code, _ = office.new_project()
    grant_id = grant(office, code)
    with step() as s:
        revoke_authorisation(s, office.runtime, office.actor(s, "owner"), grant_id, {"reason": "合同到期"})
    assert [t for _, t in told(step, "agent")][-1].startswith("代办授权已撤销：")


def test_an_event_told_twice_reaches_each_person_once_per_channel(office: Office, step) -> None:
    with step() as s:
        save_my_preferences(s, office.runtime, office.actor(s, "owner"), {"email": "o@example.cn", "by_email": True})
    code, _ = office.new_project()
    office.act(code, "apply")
    office.act(code, "accept")
    with step() as s:  # the same acceptance published once more (a retried hook): nothing new
        from engine.extensions import StageAccepted
        from engine.processes.models import ProcessInstance
        from engine.work_items.models import Decision
        decision = s.scalars(select(Decision).where(Decision.outcome == "accept")).one()
        instance = s.get(ProcessInstance, decision.instance_id)
        item = type("Item", (), {"project_code": code, "stage": decision.stage, "task_id": decision.task_id})()
        registry.publish(StageAccepted(s, office.runtime, office.actor(s, "window"), instance, item,
                                       office.runtime.now()))
    with step(write=False) as s:
        assert s.scalar(select(func.count()).select_from(Notification).where(Notification.kind == tell.ACCEPTED)) == 1
        assert [(d.channel, d.address) for d in s.scalars(select(Delivery))] == [("email", "o@example.cn")]


def test_a_message_that_cannot_be_written_does_not_fail_the_action(office: Office, step, monkeypatch, caplog):
    code, _ = office.new_project()
    office.act(code, "apply")

    def broken(*args, **kwargs):
        raise RuntimeError("message store unavailable")

    monkeypatch.setattr(tell, "notify", broken)
    office.act(code, "accept")  # committed although its message could not be written
    with step(write=False) as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "complete_task")) == 2
    assert tell.ACCEPTED not in kinds(step, "owner")
    assert "办件提醒未写入（StageAccepted）" in caplog.text


@pytest.mark.parametrize("bad", [{"email": "not-an-address", "by_email": True}, {"by_sms": True},
                                 {"phone": "027-88886666", "by_sms": True}, {"colour": "red"}, ["by_email"]])
def test_bad_preferences_change_nothing(office: Office, step, bad) -> None:
    from engine import FormRejected, my_preferences
    with step(write=False) as s:
        before = my_preferences(s, office.actor(s, "owner"))
    with pytest.raises(FormRejected), step() as s:
        save_my_preferences(s, office.runtime, office.actor(s, "owner"), bad)
    with step(write=False) as s:
        assert my_preferences(s, office.actor(s, "owner")) == before
