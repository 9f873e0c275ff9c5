"""好差评 on the pages: the owner rates an issued stage; a bad rating opens a follow-up that the lead of the
stage's lead department closes with a reply the owner reads. A rating without a level, a comment or reply too
long, or an empty reply is refused beside its field with the input kept, and changes nothing."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from engine import grant_authorisation
from engine.audit.models import AuditEvent
from engine.organisation.accounts import create_user
from engine.ratings.models import RatingFollowUp, ServiceRating

STAGE_1 = "stage_project_land_planning"


@pytest.fixture
def lead(office) -> str:
    with office.step() as s:
        create_user(s, office.runtime, username="lead_natural_resources", display_name="自然资源和规划局 科长",
                    role="department_lead", password="demo-2026", department_code="natural_resources")
    return "lead_natural_resources"


def snapshot(office) -> tuple:
    with office.step(write=False) as s:
        ratings = s.scalar(select(func.count()).select_from(ServiceRating))
        follow_ups = tuple(s.execute(select(RatingFollowUp.id, RatingFollowUp.status, RatingFollowUp.reply)))
        audit = tuple(s.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id)))
        return ratings, follow_ups, audit


def test_a_bad_rating_is_followed_up_and_closed(office, person, lead) -> None:
    code, _ = office.new_project()
    office.finish_stage(code)
    owner = person("owner")
    assert f'href="/projects/{code}/ratings"' in owner.get(f"/projects/{code}").text
    page = owner.get(f"/projects/{code}/ratings").text
    assert 'id="level-stage_project_land_planning"' in page and "本阶段办结后可以评价" in page

    before = snapshot(office)
    no_level = owner.post(f"/projects/{code}/ratings", {"stage": STAGE_1, "comment": "窗口答复慢"})
    assert no_level.status_code == 422
    assert 'href="#level-stage_project_land_planning"' in no_level.text
    assert 'id="level-stage_project_land_planning-error"' in no_level.text and "窗口答复慢</textarea>" in no_level.text
    too_long = owner.post(f"/projects/{code}/ratings",
                          {"stage": STAGE_1, "level": "dissatisfied", "comment": "慢" * 501})
    assert too_long.status_code == 422 and 'id="comment-stage_project_land_planning-error"' in too_long.text
    assert 'value="dissatisfied" checked' in too_long.text
    assert snapshot(office) == before

    rated = owner.post(f"/projects/{code}/ratings", {"stage": STAGE_1, "level": "dissatisfied",
                                                     "comment": "补正通知前后不一致"})
    assert rated.status_code == 302
    assert "整改中" in owner.get(f"/projects/{code}/ratings").text

    boss = person(lead)
    listing = boss.get("/follow-ups").text
    assert "补正通知前后不一致" in listing
    follow_up_id = re.search(r"/follow-ups/(\d+)/closure", listing).group(1)
    before = snapshot(office)
    empty = boss.post(f"/follow-ups/{follow_up_id}/closure", {"reply": "   "})
    assert empty.status_code == 422 and "请填写整改情况和回访结果" in empty.text
    assert f'id="r-{follow_up_id}-error"' in empty.text and f'href="#r-{follow_up_id}"' in empty.text
    long_reply = "已整改" * 400
    too_long = boss.post(f"/follow-ups/{follow_up_id}/closure", {"reply": long_reply})
    assert too_long.status_code == 422 and f"{long_reply}</textarea>" in too_long.text
    examiner = person("exam_natural_resources")
    assert examiner.post(f"/follow-ups/{follow_up_id}/closure", {"reply": "已整改"}).status_code == 403
    assert snapshot(office) == before

    closed = boss.post(f"/follow-ups/{follow_up_id}/closure", {"reply": "已统一补正口径，电话回访建设单位表示认可"})
    assert closed.status_code == 302
    before = snapshot(office)
    again = boss.post(f"/follow-ups/{follow_up_id}/closure", {"reply": "再次回复"})
    assert again.status_code == 409 and "该整改回访已办结" in again.text and snapshot(office) == before
    page = owner.get(f"/projects/{code}/ratings").text
    assert "已办结" in page and "电话回访建设单位表示认可" in page


def test_an_agent_sees_the_ratings_for_the_owner_but_may_not_rate(office, person) -> None:
    code, _ = office.new_project()
    office.finish_stage(code)
    with office.step() as s:
        now = office.runtime.now()
        grant_authorisation(s, office.runtime, office.actor(s, "owner"), code, {
            "agent_username": "agent", "stages": [1], "acts": ["view"], "valid_from": now.isoformat(),
            "valid_to": (now + timedelta(days=30)).isoformat()})
    agent = person("agent")
    page = agent.get(f"/projects/{code}/ratings").text
    assert "代 示例置业有限公司 办理" in page and "汉江湾示范住宅小区</a> › 服务评价" in page
    assert 'name="level"' not in page  # a rating is the owner's own
    before = snapshot(office)
    assert agent.post(f"/projects/{code}/ratings", {"stage": STAGE_1, "level": "satisfied"}).status_code == 403
    assert snapshot(office) == before
