"""Steps about provisional deadlines (暂定) and loading the official holiday schedule."""

from __future__ import annotations

import html
import io
import re
from datetime import datetime, timedelta, timezone

from pytest_bdd import given, parsers, then, when
from sqlalchemy import func, select

from engine.audit.models import AuditEvent
from engine.audit.trail import trail, verify_chain
from engine.notifications.models import Notification
from engine.processes.models import ProcessInstance
from engine.time_limits.models import CalendarYear
from engine.timers.models import Timer
from features.steps.deadline_steps import beijing_time
from tests.support.office import Office
from tests.support.schedules import NOTICE_2027
from tests.webapp.support import csrf_in

CHINA = timezone(timedelta(hours=8))
CODES = {"甲": "2026-420104-70-03-000801", "乙": "2026-420104-70-03-000802", "丙": "2026-420104-70-03-000803"}
CHANGED = {("乙", "立项用地规划许可")}


def _at(year: int, month: int, day: int, hour: int = 9, minute: int = 30) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=CHINA)


@given(parsers.parse('项目"{name}"于{y:d}年{m:d}月{d:d}日受理并办结立项用地规划许可阶段'))
def finished_stage(office: Office, clock, name: str, y: int, m: int, d: int) -> None:
    clock.value = _at(y, m, d)
    office.new_project(CODES[name])
    office.finish_stage(CODES[name])


@given(parsers.parse('项目"{name}"于{y:d}年{m:d}月{d:d}日受理立项用地规划许可阶段'))
def accepted_stage(office: Office, clock, name: str, y: int, m: int, d: int) -> None:
    clock.value = _at(y, m, d, 10)
    office.new_project(CODES[name])
    office.act(CODES[name], "apply")
    office.act(CODES[name], "accept")


def _all_clocks(app, step) -> dict[tuple[str, str, str], tuple]:
    from engine.time_limits.ledger import clock_lines

    with step(write=False) as s:
        runtime = app.extensions["approval"]["runtime"]
        return {(code, line.key, line.label): (line.deadline, line.provisional, line.used_days, line.stopped)
                for code in CODES.values() for line in clock_lines(s, code, runtime.now())}


def _all_timers(step) -> dict[tuple[str, str], datetime]:
    with step(write=False) as s:
        rows = s.execute(select(ProcessInstance.project_code, Timer.bpmn_id, Timer.due_at)
                         .join(ProcessInstance, ProcessInstance.id == Timer.instance_id))
        return {(code, bpmn_id): due.astimezone(CHINA) for code, bpmn_id, due in rows}


def _counts(step) -> tuple[int, int, int]:
    with step(write=False) as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (AuditEvent, Notification, CalendarYear))


@given(parsers.parse("时间来到{moment}，记下所有办理期限和定时器"), target_fixture="before")
def remember(app, step, clock, moment: str) -> dict:
    clock.value = beijing_time(moment)
    return {"clocks": _all_clocks(app, step), "timers": _all_timers(step), "counts": _counts(step)}


def _line(browser, name: str, label: str) -> dict:
    clocks = browser("owner").get(f"/api/projects/{CODES[name]}/clocks").json
    found = [c for c in clocks if c["label"] == label]
    assert len(found) == 1, [c["label"] for c in clocks]
    return found[0]


@then(parsers.parse('项目"{name}"的{label}办理期限为"{deadline}"（暂定）'))
def provisional_deadline(browser, name: str, label: str, deadline: str) -> None:
    line = _line(browser, name, label)
    assert (line["deadline"], line["provisional"]) == (deadline, True)


@then(parsers.parse('项目"{name}"的{label}办理期限为"{deadline}"'))
def official_deadline(browser, name: str, label: str, deadline: str) -> None:
    line = _line(browser, name, label)
    assert (line["deadline"], line["provisional"]) == (deadline, False)


def _page_text(person, name: str) -> str:
    page = person("owner").get(f"/projects/{CODES[name]}")
    assert page.status_code == 200
    return re.sub(r"<[^>]+>", "", page.text)


@then(parsers.parse('建设单位在项目"{name}"的页面上看到"{text}"'))
def owner_sees(person, name: str, text: str) -> None:
    page = _page_text(person, name)
    assert text in page and "按法定节假日暂定，公布后自动调整" in page


def _admin_upload(person, text: str):
    admin = person("admin")
    token = csrf_in(admin.get("/admin/calendar/").text)
    return admin, admin.post("/admin/calendar/preview", data={
        "csrf_token": token, "schedule": (io.BytesIO(text.encode("utf-8")), "2027.csv")},
        content_type="multipart/form-data")


@when("系统管理员上传2027年节假日安排（元旦放假至1月4日，春节2月5日至12日放假、2月20日上班），预览后确认载入",
      target_fixture="loaded")
def admin_loads(person) -> dict:
    admin, preview = _admin_upload(person, NOTICE_2027)
    assert preview.status_code == 200, preview.text
    text = html.unescape(re.search(r'name="text" value="([^"]*)"', preview.text).group(1))
    confirmed = admin.post("/admin/calendar/load", data={"csrf_token": csrf_in(preview.text), "text": text,
                                                         "source": "2027.csv"})
    assert confirmed.status_code == 302, confirmed.text
    return {"preview": re.sub(r"<[^>]+>", "", preview.text)}


@when(parsers.parse('系统管理员上传第3行日期为"{bad}"的2027年节假日安排'), target_fixture="loaded")
def admin_uploads_bad(person, bad: str) -> dict:
    text = NOTICE_2027.replace("2027-01-04", bad)
    _, preview = _admin_upload(person, text)
    return {"status": preview.status_code, "page": re.sub(r"<[^>]+>", "", preview.text)}


@then(parsers.parse('预览列出了项目"{name}"的{label}"{change}"'))
def preview_lists(loaded: dict, name: str, label: str, change: str) -> None:
    assert CODES[name] in loaded["preview"] and label in loaded["preview"] and change in loaded["preview"]


@then(parsers.parse('项目"{name}"的环境影响评价审批定时器改为时限预警"{warn}"、时限逾期"{overdue}"'))
def timers_moved(step, name: str, warn: str, overdue: str) -> None:
    timers = _all_timers(step)
    eia = "review_environmental_impact_assessment"
    assert timers[(CODES[name], f"warn_{eia}")].strftime("%Y-%m-%d %H:%M") == warn
    assert timers[(CODES[name], f"overdue_{eia}")].strftime("%Y-%m-%d %H:%M") == overdue


@then("每一项调整都在办理记录中留痕（原期限 → 新期限）")
def audited(step, before: dict) -> None:
    with step(write=False) as s:
        events = [e for code in CODES.values() for e in trail(s, code) if e.action == "deadline_recomputed"]
        pairs = {(e.project_code, e.task_name): (e.details["old_deadline"], e.details["new_deadline"]) for e in events}
        assert pairs[(CODES["乙"], "立项用地规划许可")] == ("2027-01-11", "2027-01-12")
        assert pairs[(CODES["丙"], "环境影响评价审批")] == ("2027-01-05", "2027-01-06")
        assert all(old != new for old, new in pairs.values()) and len(pairs) == len(events)
        assert all(verify_chain(s, e.chain) == [] for e in events)
        assert not [e for e in events if e.project_code == CODES["甲"]]


@then(parsers.parse('建设单位收到消息，并在项目"{name}"的页面上看到"{deadline}"，不再标注暂定'))
def owner_told(person, name: str, deadline: str) -> None:
    messages = re.sub(r"<[^>]+>", "", person("owner").get("/messages/").text)
    assert "办理期限调整" in messages and "2027-01-11（暂定）" in messages and "2027-01-12" in messages
    page = _page_text(person, name)
    assert deadline in page and f"{deadline}（暂定）" not in page


@then(parsers.parse('生态环境局审批人员收到项目"{name}"环境影响评价审批的期限调整消息'))
def department_told(person, name: str) -> None:
    messages = re.sub(r"<[^>]+>", "", person("exam_ecology_environment").get("/messages/").text)
    assert "办理期限调整：环境影响评价审批" in messages and CODES[name] in messages


@then("其他项目的办理期限、已结束的办理期限和未受影响的定时器都没有改变")
def nothing_else(app, step, before: dict) -> None:
    with step(write=False) as s:
        moved = {(e.project_code, e.task_name) for e in s.scalars(
            select(AuditEvent).where(AuditEvent.action == "deadline_recomputed"))}
        moved_timers = {(e.project_code, t["name"]) for e in s.scalars(select(AuditEvent).where(
            AuditEvent.action == "deadline_recomputed")) for t in e.details["timers"]}
    after = _all_clocks(app, step)
    unchanged = {k: v for k, v in before["clocks"].items() if (k[0], k[2]) not in moved}
    assert unchanged and {k: after[k] for k in unchanged if k in after} == {
        k: v for k, v in unchanged.items() if k in after and not v[1]} | {
        k: (v[0], False, v[2], v[3]) for k, v in unchanged.items() if v[1]}  # same dates; 暂定 only ever cleared
    assert all(v[3] for k, v in after.items() if k[0] == CODES["甲"]) and (
        {k: v for k, v in after.items() if k[0] == CODES["甲"]} == {k: v for k, v in before["clocks"].items()
                                                                     if k[0] == CODES["甲"]})
    assert len(moved_timers) >= 2
    timers = _all_timers(step)
    kept = {k: v for k, v in before["timers"].items() if not k[1].endswith(("environmental_impact_assessment",
                                                                              "enterprise_project_filing",
                                                                              "flood_impact_assessment"))
            or k[0] != CODES["丙"]}
    assert kept and {k: timers[k] for k in kept} == kept


@then(parsers.parse('页面提示"{where}"有误，没有载入'))
def refused(loaded: dict, where: str) -> None:
    assert loaded["status"] == 422 and where in loaded["page"] and "未载入" in loaded["page"]


@then("所有办理期限和定时器都没有改变，没有新的办理记录和消息")
def nothing_changed(app, step, before: dict) -> None:
    assert _all_clocks(app, step) == before["clocks"]
    assert _all_timers(step) == before["timers"]
    assert _counts(step) == before["counts"]
