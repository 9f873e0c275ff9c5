"""Text that looks like markup is stored as the text it is and rendered escaped, never executed; a form
post without the session's CSRF token, by nobody, or by someone not allowed is refused and changes
nothing."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from engine.audit.models import AuditEvent
from engine.materials.models import Material
from engine.organisation.accounts import create_user
from engine.ratings.models import RatingFollowUp, ServiceRating
from tests.support.office import Office

from .support import Person

STAGE1 = "stage_project_land_planning"
SCRIPT = "<script>alert('xss')</script><img src=x onerror=alert(1)>"
PDF = b"%PDF-1.7\n%%EOF\n"


def stored(step) -> tuple[int, ...]:
    with step(write=False) as s:
        return tuple(s.scalar(select(func.count()).select_from(m))
                     for m in (ServiceRating, RatingFollowUp, Material, AuditEvent))


@pytest.fixture
def issued(office: Office, step, scene) -> str:
    return scene("stage 1 issued, a lead", lambda: _issue_with_a_lead(office, step))


def _issue_with_a_lead(office: Office, step) -> str:
    code, _ = office.new_project()
    office.finish_stage(code)
    with step() as s:
        create_user(s, office.runtime, username="lead_natural_resources", display_name="自然资源和规划局负责人",
                    role="department_lead", password="demo-2026", department_code="natural_resources")
    return code


def test_script_in_a_comment_and_a_reply_is_stored_as_text_and_rendered_escaped(app, step, issued):
    owner = Person(app, "owner")
    response = owner.post(f"/projects/{issued}/ratings", {"stage": STAGE1, "level": "very_dissatisfied",
                                                          "comment": SCRIPT})
    assert response.status_code == 302
    with step(write=False) as s:
        assert s.scalar(select(ServiceRating.comment)) == SCRIPT
        follow_up_id = s.scalar(select(RatingFollowUp.id))
    lead = Person(app, "lead_natural_resources")
    desk = lead.get("/follow-ups").text
    assert "&lt;script&gt;alert(" in desk and "<script>alert(" not in desk and "<img src=x" not in desk
    assert lead.post(f"/follow-ups/{follow_up_id}/closure", {"reply": SCRIPT}).status_code == 302
    page = owner.get(f"/projects/{issued}/ratings").text
    assert page.count("&lt;script&gt;alert(") == 2 and "<script>" not in page and "onerror=alert(1)>" not in page


def test_markup_in_a_file_name_is_shown_escaped(app, office, step):
    code, _ = office.new_project()
    owner = Person(app, "owner")
    apply_page = f"/projects/{code}/applications/{office.item(code, 'apply').task_id}"  # the task list
    name = "<b onmouseover=alert(1)>图纸.pdf"
    assert owner.post(f"/projects/{code}/materials", {"stage": STAGE1, "file": (io.BytesIO(PDF), name)}
                      ).status_code == 302
    page = owner.get(apply_page).text
    assert "&lt;b onmouseover=alert(1)&gt;图纸.pdf" in page and "<b onmouseover" not in page


@pytest.mark.parametrize("token", [None, "forged"])
def test_a_rating_without_the_right_csrf_token_is_refused(app, step, issued, token):
    owner = Person(app, "owner")
    before = stored(step)
    data = {"stage": STAGE1, "level": "satisfied"} | ({"csrf_token": token} if token else {})
    response = owner.post(f"/projects/{issued}/ratings", data, csrf=False)
    assert response.status_code == 400 and "CSRF令牌" in response.text
    assert stored(step) == before


def test_a_bad_level_is_shown_in_chinese_and_nothing_is_stored(app, step, issued):
    before = stored(step)
    response = Person(app, "owner").post(f"/projects/{issued}/ratings", {"stage": STAGE1, "level": "5 stars"})
    assert response.status_code == 422 and "请选择评价等级" in response.text
    assert stored(step) == before


def test_api_refusals_share_one_json_shape_and_store_nothing(app, step, office, issued):
    before = stored(step)
    client = app.test_client()
    assert client.post(f"/api/projects/{issued}/ratings", json={"stage": STAGE1, "level": "satisfied"}
                       ).status_code == 400  # anonymous: no session, no token
    window = client.post("/api/session", json={"username": "window", "password": "demo-2026"}).json
    refused = client.post(f"/api/projects/{issued}/ratings", json={"stage": STAGE1, "level": "satisfied"},
                          headers={"X-CSRF-Token": window["csrf_token"]})
    assert refused.status_code == 404 and set(refused.json) == {"code", "message", "errors", "context"}
    owner = app.test_client()
    token = owner.post("/api/session", json={"username": "owner", "password": "demo-2026"}).json["csrf_token"]
    early = owner.post(f"/api/projects/{issued}/ratings", json={"stage": "stage_engineering_permit",
                                                                 "level": "satisfied"},
                       headers={"X-CSRF-Token": token})
    assert (early.status_code, early.json["message"]) == (409, "本阶段尚未办结，办结后方可评价")
    assert stored(step) == before
