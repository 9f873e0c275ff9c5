"""统一出件: the window hands out every certificate of a finished stage at once; the handover is recorded and
audited; a missing receiver or method is refused beside the field and nothing is recorded."""

from __future__ import annotations

import re

from engine.audit.models import AuditEvent
from engine.issuance.models import ResultHandover
from tests.support.office import Office

from .support import CODE, count


def test_the_window_hands_out_a_finished_stage(person, office: Office, step) -> None:
    code, _ = office.new_project(CODE)
    window = person("window")
    assert "没有待出件的审批结果" in window.get("/window/results").text
    office.finish_stage(code)
    page = window.get("/window/results").text
    assert code in page and "立项用地规划许可" in page and "编号" in page
    action = re.search(r'action="(/window/results/[^"]+)"', page).group(1)
    before = count(step, AuditEvent)
    done = window.post(action, {"received_by": "陈工", "method": "counter"})
    assert done.status_code == 302
    assert "已统一出件" in window.get("/window/results").text
    with step(write=False) as s:
        handover = s.query(ResultHandover).one()
        assert (handover.project_code, handover.received_by, handover.method) == (code, "陈工", "counter")
        assert handover.numbers
    assert count(step, AuditEvent) == before + 1
    assert window.post(action, {"received_by": "陈工", "method": "counter"}).status_code == 409  # once only


def test_missing_receiver_is_refused_and_nothing_recorded(person, office: Office, step) -> None:
    code, _ = office.new_project(CODE)
    office.finish_stage(code)
    window = person("window")
    action = re.search(r'action="(/window/results/[^"]+)"', window.get("/window/results").text).group(1)
    before = (count(step, ResultHandover), count(step, AuditEvent))
    refused = window.post(action, {"received_by": "", "method": "post"})
    assert refused.status_code == 422
    assert re.search(r'class="field-error" id="received_by-error-1">.*?请填写领取人姓名', refused.text, re.S)
    assert 'value="post" checked' in refused.text
    assert (count(step, ResultHandover), count(step, AuditEvent)) == before


def test_only_the_window_hands_out(person, office: Office, step) -> None:
    code, _ = office.new_project(CODE)
    office.finish_stage(code)
    for username in ("owner", "exam_natural_resources", "supervisor"):
        someone = person(username)
        assert someone.get("/window/results").status_code == 403
        assert someone.post(f"/window/results/{code}/stage_project_land_planning",
                            {"received_by": "陈工", "method": "counter"}).status_code == 403
    assert count(step, ResultHandover) == 0
