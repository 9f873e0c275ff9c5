"""告知承诺制 on the pages: the owner reads an item's commitment and signs it (decided at once), the department's
examiner verifies it from 告知承诺核查 once the date has come, and the owner sees the outcome. Every refused post
says why beside the field, keeps what was typed and changes nothing."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from engine.acceptance.models import CommitmentCase, CreditRecord
from engine.audit.models import AuditEvent
from engine.issuance.models import Certificate
from engine.sweeper import sweep
from tests.support.office import Office

from .support import CODE, count

ITEM = "construction_permit"
EXAMINER = "exam_housing_construction"


def state(step) -> tuple:
    with step(write=False) as s:
        cases = [(c.id, c.status, c.findings, c.verified_at) for c in s.scalars(select(CommitmentCase))]
    return cases, count(step, Certificate), count(step, CreditRecord), count(step, AuditEvent)


def signed(office: Office, person) -> int:
    office.new_project(CODE)
    done = person("owner").post(f"/projects/{CODE}/commitments/{ITEM}", {"confirmed": "true"})
    assert done.status_code == 302, done.text
    with office.step(write=False) as s:
        return s.scalars(select(CommitmentCase)).one().id


def test_the_owner_reads_and_signs_a_commitment_and_the_item_is_decided(person, office: Office, step) -> None:
    office.new_project(CODE)
    owner = person("owner")
    overview = owner.get(f"/projects/{CODE}/acceptance-modes").text
    assert f'href="/projects/{CODE}/commitments/{ITEM}"' in overview and "阅读告知内容并签署" in overview
    page = owner.get(f"/projects/{CODE}/commitments/{ITEM}").text
    assert "本单位承诺所提交材料真实、完整" in page and "确认承诺并申请" in page
    before = state(step)
    refused = owner.post(f"/projects/{CODE}/commitments/{ITEM}", {})
    assert refused.status_code == 422
    assert re.search(r'id="f-confirmed-error">.*必须确认承诺内容', refused.text, re.S)
    assert 'href="#f-confirmed"' in refused.text
    assert state(step) == before
    done = owner.post(f"/projects/{CODE}/commitments/{ITEM}", {"confirmed": "true"})
    assert done.status_code == 302
    decided = owner.get(done.location).text
    assert "已按告知承诺制作出审批决定" in decided and "已按承诺审批（待核查）" in decided
    again = owner.get(f"/projects/{CODE}/commitments/{ITEM}").text
    assert "无需再次申请" in again and "确认承诺并申请" not in again
    before = state(step)
    stale = owner.post(f"/projects/{CODE}/commitments/{ITEM}", {"confirmed": "true"})  # a second tab's form
    assert stale.status_code == 409
    assert re.search(r'id="error-summary".*本项目已按告知承诺作出该事项的审批决定', stale.text, re.S)
    assert state(step) == before


def test_an_item_off_the_list_is_not_found(person, office: Office, step) -> None:
    office.new_project(CODE)
    before = state(step)
    owner = person("owner")
    assert owner.get(f"/projects/{CODE}/commitments/drawing_review").status_code == 404
    assert owner.post(f"/projects/{CODE}/commitments/drawing_review", {"confirmed": "true"}).status_code == 404
    assert state(step) == before


def test_the_examiner_verifies_from_its_page_once_due_and_the_owner_sees_it(person, office: Office, step, db,
                                                                              runtime, clock) -> None:
    case_id = signed(office, person)
    examiner = person(EXAMINER)
    assert 'href="/examiner/commitments/"' in examiner.get("/examiner/").text
    assert "告知承诺核查" not in person("exam_natural_resources").get("/examiner/").text
    listing = examiner.get("/examiner/commitments/").text
    assert f'href="/examiner/commitments/{case_id}"' in listing and "核查日期未到" in listing
    before = state(step)
    early = examiner.post(f"/examiner/commitments/{case_id}", {"decision": "pass", "findings": "提前核查"})
    assert early.status_code == 409 and "核查日期未到或已核查" in early.text and "提前核查</textarea>" in early.text
    assert state(step) == before

    with step(write=False) as s:
        clock.value = s.get(CommitmentCase, case_id).verification_due + timedelta(minutes=1)
    sweep(db, runtime)
    assert "待核查" in examiner.get("/examiner/commitments/").text
    inbox = examiner.get("/examiner/").text  # the check also waits in the department's inbox: it leads here
    task = re.search(r'href="(/examiner/tasks/[0-9a-f-]+)"[^>]*>告知承诺事后核查', inbox).group(1)
    assert 'href="/examiner/commitments/"' in examiner.get(task).text.split("form-h", 1)[1]
    page = examiner.get(f"/examiner/commitments/{case_id}").text
    assert "提交核查结论" in page
    before = state(step)
    unexplained = examiner.post(f"/examiner/commitments/{case_id}", {"decision": "breach", "site_visit": "true"})
    assert unexplained.status_code == 422
    assert re.search(r'id="f-findings-error">.*认定未履行承诺时必须写明核查情况', unexplained.text, re.S)
    assert re.search(r'value="breach"[^>]*checked', unexplained.text)
    assert re.search(r'name="site_visit" value="true" id="f-site_visit" checked', unexplained.text)
    assert state(step) == before
    other = person("exam_natural_resources").post(f"/examiner/commitments/{case_id}", {"decision": "pass"})
    assert other.status_code == 403 and state(step) == before

    done = examiner.post(f"/examiner/commitments/{case_id}", {"decision": "pass", "site_visit": "true",
                                                              "findings": "现场施工条件与承诺一致"})
    assert done.status_code == 302
    with step(write=False) as s:
        assert s.get(CommitmentCase, case_id).status == "verified"
    seen = person("owner").get(f"/projects/{CODE}/commitments/{ITEM}").text
    assert "核查通过" in seen and "现场施工条件与承诺一致" in seen


def test_a_breach_revokes_the_decision_and_the_owner_sees_it(person, office: Office, step, db, runtime,
                                                             clock) -> None:
    case_id = signed(office, person)
    with step(write=False) as s:
        clock.value = s.get(CommitmentCase, case_id).verification_due + timedelta(minutes=1)
    sweep(db, runtime)
    done = person(EXAMINER).post(f"/examiner/commitments/{case_id}", {"decision": "breach",
                                                                      "findings": "施工场地拆迁尚未完成"})
    assert done.status_code == 302
    overview = person("owner").get(f"/projects/{CODE}/acceptance-modes").text
    assert "未履行承诺（已撤销）" in overview
    seen = person("owner").get(f"/projects/{CODE}/commitments/{ITEM}").text
    assert "施工场地拆迁尚未完成" in seen
    banned = person("owner").post(f"/projects/{CODE}/commitments/{ITEM}", {"confirmed": "true"})
    assert banned.status_code == 403 and "不得适用告知承诺制" in banned.text
