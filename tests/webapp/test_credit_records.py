"""Credit records (失信记录): only the department that found a 告知承诺 breach records one, tied to that
case; anyone else is refused with the answer a missing case gets, and nothing is stored."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from engine import DEMO_PASSWORD, apply_with_commitment, verify_commitment
from engine.acceptance.models import CommitmentCase, CreditRecord
from engine.sweeper import sweep


def client_of(app, username: str):
    client = app.test_client()
    token = client.post("/api/session", json={"username": username, "password": DEMO_PASSWORD}).json["csrf_token"]
    return client, {"X-CSRF-Token": token}


@pytest.fixture
def breached_case(office, step, db, runtime, clock) -> int:
    """The owner committed to 施工许可 (告知承诺); 住建 found at the check that the commitment was not kept."""
    code, _ = office.new_project()
    with step() as s:
        case = apply_with_commitment(s, runtime, office.actor(s, "owner"), code,
                                     {"item": "construction_permit", "confirmed": True})
        case_id, due = case.id, case.verification_due
    clock.value = max(due, datetime(2026, 11, 30, 0, 1, tzinfo=UTC))
    sweep(db, runtime)
    with step() as s:
        verify_commitment(s, runtime, office.actor(s, "exam_housing_construction"), case_id,
                          {"decision": "breach", "site_visit": True, "findings": "施工场地拆迁尚未完成"})
    return case_id


def records(step) -> int:
    with step(write=False) as s:
        return s.scalar(select(func.count()).select_from(CreditRecord))


def test_the_department_that_found_the_breach_records_it_on_that_case(app, step, breached_case) -> None:
    before = records(step)
    client, csrf = client_of(app, "exam_housing_construction")
    response = client.post("/api/credit-records", json={"case_id": breached_case, "reason": "复查仍未整改"},
                           headers=csrf)
    assert response.status_code == 201, response.text
    with step(write=False) as s:
        row = s.scalars(select(CreditRecord).order_by(CreditRecord.id.desc())).first()
        case = s.get(CommitmentCase, breached_case)
        assert (row.commitment_case_id, row.project_code, row.owner_id) == (case.id, case.project_code, case.owner_id)
    assert records(step) == before + 1


@pytest.mark.parametrize("username", ["exam_natural_resources", "supervisor", "admin", "window", "owner"])
def test_anyone_else_is_refused_like_a_missing_case_and_nothing_is_stored(app, step, breached_case,
                                                                          username) -> None:
    before = records(step)
    client, csrf = client_of(app, username)
    theirs = client.post("/api/credit-records", json={"case_id": breached_case, "reason": "虚假承诺"}, headers=csrf)
    missing = client.post("/api/credit-records", json={"case_id": breached_case + 999, "reason": "虚假承诺"},
                          headers=csrf)
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json["message"] == missing.json["message"] and "owner" not in theirs.text
    assert records(step) == before


def test_an_owner_username_is_no_longer_accepted(app, step, office) -> None:
    client, csrf = client_of(app, "exam_housing_construction")
    for username in ("owner", "nobody"):
        response = client.post("/api/credit-records", json={"owner_username": username, "reason": "虚假承诺"},
                               headers=csrf)
        assert response.status_code == 422 and "case_id" in response.json["errors"]
    assert records(step) == 0


def test_a_case_not_breached_is_refused(app, step, office, runtime) -> None:
    code, _ = office.new_project()
    with step() as s:
        case = apply_with_commitment(s, runtime, office.actor(s, "owner"), code,
                                     {"item": "construction_permit", "confirmed": True})
    client, csrf = client_of(app, "exam_housing_construction")
    response = client.post("/api/credit-records", json={"case_id": case.id, "reason": "虚假承诺"}, headers=csrf)
    assert response.status_code == 404 and records(step) == 0
