"""窗口收件 (窗口代录, REQ-S3-11 online and offline equal): the window finds a walk-in applicant's project by its
code and enters the stage application on the owner's behalf; it joins the acceptance queue like an online one,
and the audit says the window typed it for the owner. Wrong input is refused beside the field, input kept,
nothing stored."""

from __future__ import annotations

import re

from sqlalchemy import select

from engine.audit.models import AuditEvent
from engine.demo import demo_form
from engine.organisation.models import UserAccount
from engine.projects.models import StageApplication
from tests.support.office import Office

from .support import CODE, count, task_form


def intake_link(window, code: str) -> str:
    page = window.get(f"/window/intake?project_code={code}").text
    return re.search(r'href="(/window/intake/tasks/[0-9a-f-]+)"', page).group(1)


def test_the_window_enters_a_walk_in_application_for_the_owner(person, office: Office, step) -> None:
    code, _ = office.new_project(CODE)
    window = person("window")
    assert "窗口收件" in window.get("/window/").text  # reachable from the window's navigation
    url = intake_link(window, code)
    page = window.get(url).text
    assert "（窗口代录）" in page and f'value="{code}"' in page  # stage 1 starts from the registration
    done = window.post(url, {**task_form(page), **demo_form("stage_1_application", code)})
    assert done.status_code == 302 and done.location.endswith("/window/")
    with step(write=False) as s:
        application = s.scalars(select(StageApplication)).one()
        clerk, owner = (s.scalar(select(UserAccount.id).where(UserAccount.username == n)) for n in ("window", "owner"))
        assert (application.submitted_by, application.acting_for) == (clerk, owner)
        entry = s.scalars(select(AuditEvent).where(AuditEvent.action == "complete_task")).one()
        assert (entry.actor_id, entry.acting_for_id, entry.details["channel"]) == (clerk, owner, "window")
    assert "综合窗口受理" in window.get("/window/").text  # the same queue as an online application
    trail = person("owner").get(f"/projects/{code}").text
    assert "窗口代录" in trail


def test_an_unknown_project_code_is_said_beside_the_field(person, office: Office) -> None:
    office.new_project(CODE)
    window = person("window")
    refused = window.get("/window/intake?project_code=2026-420104-70-03-999999")
    assert refused.status_code == 422
    beside = re.search(r'<p class="field-error" id="q-project_code-error">(.*?)</p>', refused.text, re.S).group(1)
    assert "未找到项目代码" in beside and 'value="2026-420104-70-03-999999"' in refused.text
    assert "请填写申请人提供的项目代码" in window.get("/window/intake?project_code=").text


def test_a_wrong_field_is_refused_beside_it_and_nothing_is_stored(person, office: Office, step) -> None:
    code, _ = office.new_project(CODE)
    window = person("window")
    url = intake_link(window, code)
    page = window.get(url).text
    before = (count(step, StageApplication), count(step, AuditEvent))
    form = {**task_form(page), **demo_form("stage_1_application", code), "contact_phone": "", "contact_person": "陈工"}
    refused = window.post(url, form)
    assert refused.status_code == 422
    assert re.search(r'id="f-contact_phone-error"', refused.text) and 'value="陈工"' in refused.text
    assert (count(step, StageApplication), count(step, AuditEvent)) == before


def test_only_the_window_enters_applications(person, office: Office) -> None:
    code, _ = office.new_project(CODE)
    url = intake_link(person("window"), code)
    assert person("exam_natural_resources").get("/window/intake").status_code == 403
    assert person("exam_natural_resources").get(url).status_code == 403
    assert person("window").get("/window/intake/tasks/no-such-task").status_code == 404
