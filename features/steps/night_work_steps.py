"""Steps about 夜间施工 approval: applications through the API, the environment bureau's decision, the repeat rule,
the public notice and the supervising department's list."""

from __future__ import annotations

import re
from typing import Any

from pytest_bdd import given, parsers, then, when
from sqlalchemy import func, select

from engine import apply_night_work, decide_night_work
from engine.audit.models import AuditEvent
from engine.issuance.models import Certificate
from engine.night_work.models import NightWorkPermit
from tests.support.office import Office

CONTRACTOR = ("中建三局第一建设工程有限责任公司", "91420100177565862B")
OTHER_CONTRACTORS = {"湖北工建集团有限公司": "91420000177570439K"}
REVIEWER, OVERSEER = "exam_ecology_environment", "exam_urban_management"


def application(first: str, last: str, start: str, end: str, contractor: tuple[str, str] = CONTRACTOR) -> dict:
    return {"general_contractor": contractor[0], "contractor_credit_code": contractor[1],
            "works": "地下室底板大体积混凝土连续浇筑", "reason": "大体积混凝土须连续浇筑，不能留施工缝。",
            "first_night": first, "last_night": last, "start_time": start, "end_time": end,
            "resident_agreement": True, "noise_measures": "使用低噪声振捣设备，设置隔声屏障，禁止鸣笛。"}


def snapshot(step) -> dict[str, Any]:
    """What a refused request must leave as it was."""
    with step(write=False) as s:
        return {"permits": sorted((p.id, p.status) for p in s.scalars(select(NightWorkPermit))),
                "certificates": s.scalar(select(func.count()).select_from(Certificate)),
                "audit": s.scalar(select(func.count()).select_from(AuditEvent))}


def _nights(text: str) -> tuple[str, str]:
    """"2026年11月5日至11月6日" → ("2026-11-05", "2026-11-06")."""
    year, m1, d1, m2, d2 = (int(n) for n in re.fullmatch(r"(\d+)年(\d+)月(\d+)日至(\d+)月(\d+)日", text).groups())
    return f"{year}-{m1:02d}-{d1:02d}", f"{year}-{m2:02d}-{d2:02d}"


@given(parsers.parse("该工地已有生态环境局审查准予的每晚{start}至次日{end}夜间施工许可"), target_fixture="reviewed")
def reviewed_permit(office: Office, project: dict, start: str, end: str) -> int:
    with office.step() as s:
        permit = apply_night_work(s, office.runtime, office.actor(s, "owner"), project["code"],
                                  application("2026-11-03", "2026-11-04", start, end))
        decide_night_work(s, office.runtime, office.actor(s, REVIEWER), permit.id, {"decision": "approve"})
        return permit.id


@given("建设单位已申请夜间施工，等待审查", target_fixture="applied")
def pending_application(office: Office, project: dict) -> dict:
    with office.step() as s:
        permit = apply_night_work(s, office.runtime, office.actor(s, "owner"), project["code"],
                                  application("2026-11-05", "2026-11-06", "22:00", "06:00"))
        return {"id": permit.id, "status": permit.status}


@when(parsers.parse("建设单位申请{nights}每晚{start}至次日{end}夜间施工{rest}"), target_fixture="applied")
@when(parsers.parse("建设单位申请{nights}每晚{start}至次日{end}夜间施工"), target_fixture="applied")
def apply(browser, step, project: dict, nights: str, start: str, end: str, rest: str = "") -> dict:
    contractor = CONTRACTOR
    if "施工单位换为" in rest:
        name = rest.split('"')[1]
        contractor = (name, OTHER_CONTRACTORS[name])
    first, last = _nights(nights)
    before = snapshot(step)
    response = browser("owner").post(f"/api/projects/{project['code']}/night-work",
                                     json=application(first, last, start, end, contractor))
    return {"response": response, "before": before, **(response.json if response.status_code == 201 else {})}


@when("生态环境局审批人员准予该申请", target_fixture="applied")
def approve(browser, applied: dict) -> dict:
    response = browser(REVIEWER).post(f"/api/night-work/{applied['id']}/decision",
                                      json={"decision": "approve", "opinion": "同意，严格落实噪声防治措施。"})
    assert response.status_code == 200, response.json
    return response.json


@when("住房和城乡建设局审批人员试图准予该申请", target_fixture="refused")
def approve_by_other_department(browser, step, applied: dict) -> dict:
    before = snapshot(step)
    response = browser("exam_housing_construction").post(f"/api/night-work/{applied['id']}/decision",
                                                         json={"decision": "approve"})
    return {"response": response, "before": before}


@then(parsers.parse('夜间施工申请状态为"{status}"'))
def status_is(browser, project: dict, applied: dict, status: str) -> None:
    permits = browser("owner").get(f"/api/projects/{project['code']}/night-work").json
    assert [p["status_name"] for p in permits if p["id"] == applied["id"]] == [status]


@then(parsers.parse('夜间施工申请状态为"{status}"，核准方式为"{basis}"，许可证注明"{nights}"'))
def approved_as(app, browser, project: dict, applied: dict, status: str, basis: str, nights: str) -> None:
    (permit,) = [p for p in browser("owner").get(f"/api/projects/{project['code']}/night-work").json
                 if p["id"] == applied["id"]]
    assert (permit["status_name"], permit["basis_name"]) == (status, basis)
    shown = app.test_client().get(f"/api/certificates/{permit['certificate_number']}/verification").json
    fields = {f["label"]: f["value"] for f in shown["fields"]}
    assert shown["status_name"] == "有效" and nights in fields["施工日期"] and fields["核准方式"] == basis


@then("审计记录中该许可由系统按规则核准，并注明所依据的许可证")
def audited_as_rule(browser, step, project: dict, applied: dict, reviewed: int) -> None:
    events = browser("owner").get(f"/api/projects/{project['code']}/audit-trail").json
    (auto,) = [e for e in events if e["action"] == "auto_approve_night_work"]
    assert auto["actor_name"] == "系统"
    with step(write=False) as s:
        assert s.get(NightWorkPermit, applied["id"]).repeat_of_id == reviewed


@then("未登录的公众在夜间施工公示中看到该工地和许可证编号")
def public_notice(app, project: dict, applied: dict) -> None:
    page = app.test_client().get("/public/night-work").get_data(as_text=True)
    assert project["name"] in page and applied["certificate_number"] in page


@then("城市管理局审批人员在夜间施工监管清单中看到该许可")
def pushed_to_supervision(browser, applied: dict) -> None:
    rows = browser(OVERSEER).get("/api/supervision/night-work").json
    assert [r["permit"]["certificate_number"] for r in rows] == [applied["certificate_number"]]


@then(parsers.parse('夜间施工请求以"{code}"被拒绝，"{field}"的提示为"{message}"，且未改变任何数据'))
def refused_with_message(step, applied: dict, code: str, field: str, message: str) -> None:
    response = applied["response"]
    assert (response.status_code, response.json["code"]) == (422, code)
    assert response.json["errors"][field] == [message]
    assert snapshot(step) == applied["before"]


@then(parsers.parse('夜间施工请求以"{code}"被拒绝，且未改变任何数据'))
def refused(step, refused: dict, code: str) -> None:
    assert refused["response"].status_code == 403 and refused["response"].json["code"] == code
    assert snapshot(step) == refused["before"]
