"""竣工联合验收 times 资料审核 (4 working days) and 联合现场验收 (3 working days) as separate clocks: 资料审核 from the
window's acceptance until 住房和城乡建设局 records it complete, then 联合现场验收 until the last member's opinion;
a correction notice pauses the running step; each has its own 预警/逾期 and an overdue step is audited once."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from engine import InvalidState, NotAllowed, acceptance_timetable, finish_document_check, project_clocks
from engine.audit.trail import trail
from engine.demo import complete_demo_survey
from engine.sweeper import sweep
from tests.construction.support import snapshot

CHINA = timezone(timedelta(hours=8))
DOCS, SITE = "资料审核（竣工联合验收）", "联合现场验收（竣工联合验收）"
VISIT = {"site_visit_date": "2026-11-10", "note": "各成员单位资料审核通过"}


def beijing(month, day, hour=9, minute=30):
    return datetime(2026, month, day, hour, minute, tzinfo=CHINA)


@pytest.fixture
def accepted(office, clock, scene):
    return scene("stage 4 accepted on Monday 2 November", lambda: _accept_stage_4(office, clock))


def _accept_stage_4(office, clock) -> str:
    code, _ = office.new_project()
    for _stage in range(3):
        office.finish_stage(code)
    clock.value = beijing(11, 2)  # Monday
    with office.step() as s:
        complete_demo_survey(s, office.runtime, code)
    office.act(code, "apply")
    office.act(code, "accept")
    return code


def clocks(office, code):
    with office.step(write=False) as s:
        return {c.label: c for c in project_clocks(s, office.runtime, office.actor(s, "owner"), code)}


def finish(office, code, who="exam_housing_construction", data=VISIT):
    with office.step() as s:
        return finish_document_check(s, office.runtime, office.actor(s, who), code, dict(data))


def test_document_check_then_site_visit_each_on_its_own_clock(office, clock, accepted):
    code = accepted
    docs = clocks(office, code)[DOCS]
    assert (docs.limit_days, docs.deadline, docs.state) == (4, "2026-11-06", "正常")
    assert docs.department == "住房和城乡建设局"
    assert SITE not in clocks(office, code)
    clock.value = beijing(11, 5)  # day 3 of 4
    assert clocks(office, code)[DOCS].state == "正常"
    clock.value = beijing(11, 6)  # day 4 of 4: 预警 (80 % of 4 rounds up to 4)
    assert clocks(office, code)[DOCS].state == "预警"
    site = finish(office, code)
    assert (site.label, site.limit_days, site.deadline) == (SITE, 3, "2026-11-11")
    lines = clocks(office, code)
    assert lines[DOCS].stopped and (lines[DOCS].used_days, lines[DOCS].state) == (4, "预警")
    clock.value = beijing(11, 9)
    for review in [i.bpmn_id for i in office.items(code) if i.bpmn_id.startswith("review_")]:
        office.act(code, review)
    lines = clocks(office, code)
    assert lines[SITE].stopped and lines[SITE].used_days == 1
    with office.step(write=False) as s:
        table = acceptance_timetable(s, office.runtime, office.actor(s, "owner"), code)
        assert [(t.name, t.limit_days, t.used_days, t.running) for t in table] == [
            ("统一受理", 1, 0, False), ("资料审核", 4, 4, False), ("联合现场验收", 3, 1, False),
            ("出具联合验收意见", 1, 0, True)]
        assert [e.action for e in trail(s, code) if e.action == "finish_document_check"] == ["finish_document_check"]


def test_a_correction_pauses_the_step_and_an_overdue_step_is_audited_once(office, clock, db, accepted):
    code = accepted
    fire = office.item(code, "review_fire_acceptance")
    office.act(code, "review_fire_acceptance", {"decision": "supplement", "opinion": "请补正",
                                                "missing_materials": ["消防设施检测报告"]})
    assert clocks(office, code)[DOCS].paused
    clock.value = beijing(11, 5)
    with office.step() as s:
        from engine import submit_supplement
        submit_supplement(s, office.runtime, office.actor(s, "owner"), fire.instance_id, fire.task_id,
                          {"materials": ["消防设施检测报告"], "note": "已补正"})
    docs = clocks(office, code)[DOCS]
    assert (docs.paused, docs.used_days, docs.deadline) == (False, 0, "2026-11-11")  # 11-02..11-05 not counted
    clock.value = beijing(11, 11, 17, 31)
    sweep(db, office.runtime)
    clock.value = beijing(11, 12, 10)
    sweep(db, office.runtime)
    with office.step(write=False) as s:
        overdue = [e for e in trail(s, code) if e.action == "clock_overdue" and e.task_name == DOCS]
    assert len(overdue) == 1 and overdue[0].details["deadline"] == "2026-11-11"
    assert clocks(office, code)[DOCS].state == "逾期"


def test_only_housing_construction_records_it_and_only_while_it_runs(office, clock, accepted):
    code = accepted
    before = snapshot(office)
    with pytest.raises(NotAllowed):
        finish(office, code, who="exam_natural_resources")
    with pytest.raises(NotAllowed):
        finish(office, code, who="window")
    from engine import FormRejected
    with pytest.raises(FormRejected) as bad:
        finish(office, code, data={"site_visit_date": "下周二"})
    assert "site_visit_date" in bad.value.field_errors
    assert snapshot(office) == before
    finish(office, code)
    done = snapshot(office)
    with pytest.raises(InvalidState):
        finish(office, code)
    assert snapshot(office) == done


def test_the_pages_show_the_steps_and_the_lead_records_the_document_check(app, office, clock, accepted):
    from tests.webapp.support import Person

    code = accepted
    fire = office.item(code, "review_fire_acceptance")  # a 住房和城乡建设局 review of stage 4
    examiner, other, owner = (Person(app, u) for u in ("exam_housing_construction", "exam_natural_resources",
                                                         "owner"))
    page = examiner.get(f"/examiner/tasks/{fire.task_id}").text
    assert "资料审核（竣工联合验收）" in page and "记录资料审核完成" in page
    planning = next(i for i in office.items(code) if i.department_code == "natural_resources")
    assert "资料审核（竣工联合验收）" in (text := other.get(f"/examiner/tasks/{planning.task_id}").text)
    assert "记录资料审核完成" not in text  # only the lead department records it
    before = snapshot(office)
    bad = examiner.post(f"/examiner/tasks/{fire.task_id}/document-check",
                        {"project_code": code, "site_visit_date": "下周"})
    assert bad.status_code == 422 and "格式不正确" in bad.text
    assert snapshot(office) == before
    done = examiner.post(f"/examiner/tasks/{fire.task_id}/document-check",
                         {"project_code": code, "site_visit_date": "2026-11-04"}, follow_redirects=True)
    assert "联合现场验收开始计时" in done.text and "联合现场验收（竣工联合验收）" in done.text
    project_page = owner.get(f"/projects/{code}").text
    assert "资料审核（竣工联合验收）" in project_page and "联合现场验收（竣工联合验收）" in project_page
