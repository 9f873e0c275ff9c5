"""Steps about issued certificates and their public verification (一码查询)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask.testing import FlaskClient
from pytest_bdd import given, parsers, then, when
from sqlalchemy import select
from sqlalchemy.orm import undefer
from werkzeug.test import TestResponse

from engine import reissue_certificate, revoke_certificate
from engine.issuance import Certificate
from tests.support.office import Office
from tests.support.pdfs import qr_texts

ISSUERS = {"自然资源和规划局": "exam_natural_resources", "住房和城乡建设局": "exam_housing_construction"}
KINDS = {"建设用地规划许可证": "land_use_planning_permit", "建设工程规划许可证": "works_planning_permit",
         "建筑工程施工许可证": "construction_permit", "竣工联合验收意见书": "joint_acceptance_opinion"}


def _first_certificate(step, project: dict, kind: str = "land_use_planning_permit") -> Certificate:
    with step(write=False) as s:
        return s.scalars(select(Certificate).options(undefer(Certificate.pdf))
                         .where(Certificate.project_code == project["code"], Certificate.kind == kind)
                         .order_by(Certificate.id)).first()


@dataclass(frozen=True)
class Visit:
    """The public opening a verification address made from a certificate: a scanned QR code, or a forged number."""

    certificate: Certificate
    path: str  # the address opened
    page: TestResponse
    public: FlaskClient  # not signed in; follows the page's links


def _scan(pdf: bytes) -> str:
    """What a phone reads from the certificate's QR code."""
    [text] = qr_texts(pdf)
    return text


@given(parsers.parse('{department}将该证的"{label}"变更为"{value}"并换发新证'), target_fixture="successor_number")
def reissued(office: Office, project: dict, department: str, label: str, value: str) -> str:
    number = _first_certificate(office.step, project).number
    with office.step() as s:
        new = reissue_certificate(s, office.runtime, office.actor(s, ISSUERS[department]), number, {label: value})
        return new.number


@given(parsers.parse('{department}以"{reason}"为由撤销该证'))
def revoked(office: Office, project: dict, department: str, reason: str) -> None:
    number = _first_certificate(office.step, project).number
    with office.step() as s:
        revoke_certificate(s, office.runtime, office.actor(s, ISSUERS[department]), number, reason)


@when(parsers.parse("公众扫描{title}上的二维码"), target_fixture="visit")
def scan_and_open(app, step, project: dict, title: str) -> Visit:
    cert = _first_certificate(step, project, KINDS[title])
    url = urlsplit(_scan(cert.pdf))
    public = app.test_client()
    return Visit(certificate=cert, path=url.path, page=public.get(url.path), public=public)


@when("公众打开一个伪造编号的核验网址", target_fixture="visit")
def open_forged(app, step, project: dict) -> Visit:
    cert = _first_certificate(step, project)
    forged = cert.number[:-1] + str((int(cert.number[-1]) + 1) % 10)
    public = app.test_client()
    return Visit(certificate=cert, path=f"/verify/{forged}", page=public.get(f"/verify/{forged}"), public=public)


@then(parsers.parse('核验页面显示证照状态为"{status}"'))
def page_status(visit: Visit, status: str) -> None:
    page = visit.page
    assert page.status_code == 200
    assert f'id="status">{status}<' in page.get_data(as_text=True)


@then("核验页面显示该证的编号、用地单位、发证机关、发证日期和PDF摘要")
def page_details(visit: Visit) -> None:
    cert, html = visit.certificate, visit.page.get_data(as_text=True)
    assert visit.path == f"/verify/{cert.number}"
    for text in (f"地字第{cert.number}号", cert.holder, cert.issuing_authority,
                 f"{cert.issue_date.year}年{cert.issue_date.month}月{cert.issue_date.day}日", cert.sha256):
        assert text in html, text


@then(parsers.parse('核验页面链接到取代它的新证，新证状态为"{status}"'))
def page_links_successor(visit: Visit, successor_number: str, status: str) -> None:
    html = visit.page.get_data(as_text=True)
    assert f'href="/verify/{successor_number}"' in html
    followed = visit.public.get(f"/verify/{successor_number}")
    assert followed.status_code == 200 and f'id="status">{status}<' in followed.get_data(as_text=True)


@then(parsers.parse('核验页面显示撤销理由"{reason}"'))
def page_reason(visit: Visit, reason: str) -> None:
    assert f"理由：{reason}" in visit.page.get_data(as_text=True)


@then(parsers.parse('核验页面显示"{message}"且不透露任何证照信息'))
def page_not_found(visit: Visit, message: str) -> None:
    page, cert = visit.page, visit.certificate
    html = page.get_data(as_text=True)
    assert page.status_code == 404 and message in html
    forged = visit.path.removeprefix("/verify/")
    for secret in (forged, cert.number, cert.holder, cert.issuing_authority, "汉江湾"):
        assert secret not in html, secret


@then(parsers.parse("审批轨迹含 {count:d} 次证照核发，每次紧随其核发任务"))
def issuances_in_trail(browser, project: dict, count: int) -> None:
    events = browser("owner").get(f"/api/projects/{project['code']}/audit-trail").json
    issued = [i for i, e in enumerate(events) if e["action"] == "issue_certificate"]
    assert len(issued) == count
    assert all(events[i - 1]["action"] == "complete_task" and events[i - 1]["task_name"].startswith(("核发", "出具"))
               for i in issued)
