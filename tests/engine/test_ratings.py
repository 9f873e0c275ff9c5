"""好差评: one rating per issued stage by the owner in person; a bad rating opens a follow-up for the
stage's lead department that its lead closes; every refusal changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from engine import (
    Conflict,
    FormRejected,
    InvalidState,
    NotAllowed,
    NotFound,
    close_follow_up,
    follow_ups,
    grant_authorisation,
    project_ratings,
    rate_service,
)
from engine.audit.models import AuditEvent
from engine.audit.trail import trail
from engine.organisation.accounts import create_user
from engine.ratings.models import RatingFollowUp, ServiceRating

STAGE1 = "stage_project_land_planning"


def state(step) -> tuple[int, int, int, list[str]]:
    with step(write=False) as s:
        return (s.scalar(select(func.count()).select_from(ServiceRating)),
                s.scalar(select(func.count()).select_from(RatingFollowUp)),
                s.scalar(select(func.count()).select_from(AuditEvent)),
                list(s.scalars(select(RatingFollowUp.status).order_by(RatingFollowUp.id))))


def rate(office, step, code, level, who="owner", **extra):
    with step() as s:
        return rate_service(s, office.runtime, office.actor(s, who), code,
                            {"stage": STAGE1, "level": level, **extra})


@pytest.fixture
def issued(office, scene):
    return scene("stage 1 issued", lambda: _issue_stage_1(office))


def _issue_stage_1(office) -> str:
    code, _ = office.new_project()
    office.finish_stage(code)
    return code


@pytest.fixture
def lead(office, step):
    with step() as s:
        create_user(s, office.runtime, username="lead_natural_resources", display_name="自然资源和规划局负责人",
                    role="department_lead", password="demo-2026", department_code="natural_resources")
    return "lead_natural_resources"


def test_a_good_rating_opens_no_follow_up(office, step, issued):
    rating = rate(office, step, issued, "very_satisfied", comment="办事高效")
    assert state(step)[:2] == (1, 0)
    with step(write=False) as s:
        lines = project_ratings(s, office.runtime, office.actor(s, "owner"), issued)
        assert (lines[0].level_name, lines[0].comment, lines[0].follow_up) == ("非常满意", "办事高效", None)
        assert [line.may_rate for line in lines] == [False, False, False, False]
        event = trail(s, issued)[-1]
        assert (event.action, event.decision, event.details["rating_id"]) == ("rate_service", "very_satisfied",
                                                                              rating.id)


def test_a_bad_rating_opens_a_follow_up_the_lead_closes_and_the_owner_reads(office, step, issued, lead):
    rate(office, step, issued, "dissatisfied", comment="窗口多次要求重复提交材料")
    with step(write=False) as s:
        [row] = follow_ups(s, office.actor(s, "exam_natural_resources"))
        assert (row.department_code, row.status, row.level_name) == ("natural_resources", "open", "不满意")
        assert row.due_on == date(2026, 11, 23)  # 15 working days after Monday 2026-11-02
        assert len(follow_ups(s, office.actor(s, "supervisor"))) == 1
        assert follow_ups(s, office.actor(s, "exam_water_affairs")) == []
    with pytest.raises(NotAllowed), step() as s:  # an examiner sees it but only the lead closes it
        close_follow_up(s, office.runtime, office.actor(s, "exam_natural_resources"), row.id, {"reply": "已整改"})
    with step() as s:
        close_follow_up(s, office.runtime, office.actor(s, lead), row.id, {"reply": "已电话回访，材料一次告知到位"})
    with step(write=False) as s:
        follow_up = project_ratings(s, office.runtime, office.actor(s, "owner"), issued)[0].follow_up
        assert (follow_up.status, follow_up.reply) == ("closed", "已电话回访，材料一次告知到位")
        assert trail(s, issued)[-1].action == "close_follow_up"
    before = state(step)
    with pytest.raises(InvalidState), step() as s:
        close_follow_up(s, office.runtime, office.actor(s, lead), row.id, {"reply": "再次办结"})
    assert state(step) == before


@pytest.mark.parametrize(("who", "data", "error"), [
    ("owner", {"stage": "stage_engineering_permit", "level": "satisfied"}, InvalidState),  # not issued
    ("owner", {"stage": STAGE1, "level": "great"}, FormRejected),
    ("owner", {"stage": STAGE1, "level": "satisfied", "comment": "长" * 501}, FormRejected),
    ("owner", {"stage": STAGE1, "level": "satisfied", "score": 5}, FormRejected),
    ("window", {"stage": STAGE1, "level": "satisfied"}, NotFound),
    ("exam_natural_resources", {"stage": STAGE1, "level": "satisfied"}, NotFound),
    ("agent", {"stage": STAGE1, "level": "satisfied"}, NotFound),  # no grant: like a stranger
])
def test_refusals_change_nothing(office, step, issued, who, data, error):
    before = state(step)
    with pytest.raises(error), step() as s:
        rate_service(s, office.runtime, office.actor(s, who), issued, data)
    assert state(step) == before


def test_rated_once_and_never_by_an_agent(office, step, issued):
    with step() as s:
        now = office.runtime.now()
        grant_authorisation(s, office.runtime, office.actor(s, "owner"), issued, {
            "agent_username": "agent", "stages": [1, 2], "acts": ["apply", "view"], "valid_from": now,
            "valid_to": now + timedelta(days=30)})
    before = state(step)
    with pytest.raises(NotAllowed, match="建设单位本人"), step() as s:
        rate_service(s, office.runtime, office.actor(s, "agent"), issued, {"stage": STAGE1, "level": "satisfied"})
    assert state(step) == before
    rate(office, step, issued, "satisfied")
    before = state(step)
    with pytest.raises(Conflict):
        rate(office, step, issued, "very_dissatisfied")
    assert state(step) == before
