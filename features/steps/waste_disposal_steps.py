"""Steps about the 建筑垃圾处置核准 e-licence: one application through the API, each department's review of its
category, the licence issued on the last agreement, its QR verification page and the district's list."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from pytest_bdd import given, parsers, then, when
from sqlalchemy import func, select

from engine.audit.models import AuditEvent
from engine.clocks.segments import CHINA_TZ as CHINA
from engine.issuance.models import Certificate
from engine.waste_disposal import apply_waste_disposal, decide_waste_review, disposal_sites
from engine.waste_disposal.models import WasteDisposalLicence, WasteDisposalReview
from tests.support.office import Office

CATEGORY_CODES = {"工程渣土": "muck", "工程泥浆": "mud", "拆除垃圾": "demolition", "装修垃圾": "decoration"}
DEPARTMENTS = {"城市管理局": "urban_management", "公安交通管理局": "traffic_police",
               "生态环境局": "ecology_environment",
               "住房和城乡建设局": "housing_construction"}
DISTRICTS = {"东西湖区": "420112", "硚口区": "420104", "汉川市": "420984"}


def application(first: str, last: str, categories: list[str], site: str) -> dict:
    return {"transport_company": "武汉市汉江渣土运输有限公司", "transport_credit_code": "91420104MA4K2XY83B",
            **{CATEGORY_CODES[c]: True for c in categories}, "volume_m3": 12000,
            "route": "古田二路—长丰大道—三环线—金山大道—走马岭汇通大道",
            "vehicle_plates": ["鄂A12345", "鄂A23456", "鄂AD34567"], "disposal_site": site,
            "first_day": first, "last_day": last, "sealed_transport": True}


def site_code(name: str) -> str:
    (code,) = [s.code for s in disposal_sites().values() if s.name == name]
    return code


def snapshot(step) -> dict[str, Any]:
    """What a refused request must leave as it was."""
    with step(write=False) as s:
        return {"licences": sorted((x.id, x.status) for x in s.scalars(select(WasteDisposalLicence))),
                "reviews": sorted((r.id, r.status) for r in s.scalars(select(WasteDisposalReview))),
                "certificates": s.scalar(select(func.count()).select_from(Certificate)),
                "audit": s.scalar(select(func.count()).select_from(AuditEvent))}


def _days(text: str) -> tuple[str, str]:
    """"2026年11月5日至2027年2月4日" → ("2026-11-05", "2027-02-04")."""
    y1, m1, d1, y2, m2, d2 = (int(n) for n in re.fullmatch(r"(\d+)年(\d+)月(\d+)日至(\d+)年(\d+)月(\d+)日",
                                                              text).groups())
    return f"{y1}-{m1:02d}-{d1:02d}", f"{y2}-{m2:02d}-{d2:02d}"


@when(parsers.parse('建设单位申请{days}将{kinds}运往"{site}"'), target_fixture="applied")
def apply(browser, step, project: dict, days: str, kinds: str, site: str) -> dict:
    before = snapshot(step)
    response = browser("owner").post(f"/api/projects/{project['code']}/waste-disposal",
                                     json=application(*_days(days), kinds.split("和"), site_code(site)))
    return {"response": response, "before": before, **(response.json if response.status_code == 201 else {})}


@given(parsers.parse("工地已取得{days}运往东西湖区的建筑垃圾处置电子核准证"), target_fixture="applied")
def licence_issued(office: Office, project: dict, days: str) -> dict:
    with office.step() as s:
        licence = apply_waste_disposal(s, office.runtime, office.actor(s, "owner"), project["code"],
                                       application(*_days(days), ["工程渣土"], site_code(
                                           "东西湖区走马岭建筑垃圾资源化利用厂")))
        for review in list(licence.reviews):
            decide_waste_review(s, office.runtime, office.actor(s, f"exam_{review.department_code}"), review.id,
                                {"decision": "approve"})
        return {"id": licence.id, "certificate_number": licence.certificate_number}


def _review_of(applied: dict, department: str) -> int:
    (review,) = [r for r in applied["reviews"] if r["department_code"] == DEPARTMENTS[department]]
    return review["id"]


@when(parsers.parse("{department}审批人员同意其审查部分"), target_fixture="applied")
def agree(browser, applied: dict, department: str) -> dict:
    response = browser(f"exam_{DEPARTMENTS[department]}").post(
        f"/api/waste-disposal/reviews/{_review_of(applied, department)}/decision", json={"decision": "approve"})
    assert response.status_code == 200, response.json
    return response.json


@when(parsers.parse('{department}审批人员以"{reason}"为由不同意其审查部分'), target_fixture="applied")
def disagree(browser, applied: dict, department: str, reason: str) -> dict:
    response = browser(f"exam_{DEPARTMENTS[department]}").post(
        f"/api/waste-disposal/reviews/{_review_of(applied, department)}/decision",
        json={"decision": "refuse", "opinion": reason})
    assert response.status_code == 200, response.json
    return response.json


@when(parsers.parse("住房和城乡建设局审批人员试图同意{department}的审查部分"), target_fixture="refused")
def agree_for_another(browser, step, applied: dict, department: str) -> dict:
    before = snapshot(step)
    response = browser("exam_housing_construction").post(
        f"/api/waste-disposal/reviews/{_review_of(applied, department)}/decision", json={"decision": "approve"})
    return {"response": response, "before": before}


@when(parsers.parse("{year:d}年{month:d}月{day:d}日执法人员扫描核准证二维码"), target_fixture="scanned")
def scan_later(app, clock, applied: dict, year: int, month: int, day: int) -> str:
    clock.value = datetime(year, month, day, 10, 0, tzinfo=CHINA)
    return app.test_client().get(f"/verify/{applied['certificate_number']}").get_data(as_text=True)


def _licence(browser, project: dict, applied: dict) -> dict:
    (licence,) = [x for x in browser("owner").get(f"/api/projects/{project['code']}/waste-disposal").json
                  if x["id"] == applied["id"]]
    return licence


@then(parsers.parse('建筑垃圾处置核准申请状态为"{status}"，由"{departments}"分别审查'))
def status_and_reviewers(browser, project: dict, applied: dict, status: str, departments: str) -> None:
    licence = _licence(browser, project, applied)
    assert licence["status_name"] == status
    assert [r["department_code"] for r in licence["reviews"]] == [DEPARTMENTS[d] for d in departments.split("、")]


ISSUED = '建筑垃圾处置核准申请状态为"{status}"，行政审批局核发的电子核准证有效期至{until}'


@then(parsers.parse(ISSUED))
def licence_issued_until(app, browser, project: dict, applied: dict, status: str, until: str) -> None:
    year, month, day = (int(n) for n in re.fullmatch(r"(\d+)年(\d+)月(\d+)日", until).groups())
    licence = _licence(browser, project, applied)
    shown = app.test_client().get(f"/api/certificates/{licence['certificate_number']}/verification").json
    assert licence["status_name"] == status and licence["certificate_number"].startswith("LJ")
    assert (shown["status_name"], shown["valid_until"]) == ("有效", f"{year}-{month:02d}-{day:02d}")
    assert "行政审批局" in shown["issuing_authority"]
    applied["certificate_number"] = licence["certificate_number"]


@then("未登录的执法人员扫描核准证二维码，看到有效期、运输路线、运输车辆和消纳场所")
def scanned_page(app, applied: dict) -> None:
    page = app.test_client().get(f"/verify/{applied['certificate_number']}").get_data(as_text=True)
    for shown in ("有效", "2027年2月4日", "古田二路—长丰大道—三环线—金山大道—走马岭汇通大道",
                  "鄂A12345、鄂A23456、鄂AD34567", "东西湖区走马岭建筑垃圾资源化利用厂"):
        assert shown in page, shown


@then("东西湖区的监管清单中有该核准，标为跨区；硚口区的监管清单中没有")
def district_lists(browser, applied: dict) -> None:
    city = browser("exam_urban_management")
    there = city.get(f"/api/supervision/waste-disposal?district={DISTRICTS['东西湖区']}").json
    here = city.get(f"/api/supervision/waste-disposal?district={DISTRICTS['硚口区']}").json
    assert [(r["licence"]["certificate_number"], r["from_elsewhere"]) for r in there] == [
        (applied["certificate_number"], True)]
    assert here == []


@then(parsers.parse('建筑垃圾处置核准申请状态为"{status}"，建设单位看到理由"{reason}"，且未核发核准证'))
def refused_with_reason(browser, step, project: dict, applied: dict, status: str, reason: str) -> None:
    licence = _licence(browser, project, applied)
    assert licence["status_name"] == status and licence["certificate_number"] is None
    assert reason in [r["opinion"] for r in licence["reviews"]]
    with step(write=False) as s:
        assert s.scalar(select(func.count()).select_from(Certificate).where(
            Certificate.kind == "construction_waste_disposal_licence")) == 0


@then(parsers.parse('核验页显示该证"{status}"'))
def scanned_status(scanned: str, status: str) -> None:
    assert re.search(rf'id="status">{status}<', scanned), scanned[:500]


@then(parsers.parse('建筑垃圾处置核准请求被拒绝，"{field}"的提示为"{message}"，且未改变任何数据'))
def rejected_with_message(step, applied: dict, field: str, message: str) -> None:
    response = applied["response"]
    assert (response.status_code, response.json["code"]) == (422, "form_invalid")
    assert response.json["errors"][field] == [message]
    assert snapshot(step) == applied["before"]


@then(parsers.parse('建筑垃圾处置核准请求以"{code}"被拒绝，且未改变任何数据'))
def refused(step, refused: dict, code: str) -> None:
    assert refused["response"].status_code == 403 and refused["response"].json["code"] == code
    assert snapshot(step) == refused["before"]
