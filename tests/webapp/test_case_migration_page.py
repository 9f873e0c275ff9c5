"""版本迁移 on the page: a batch size that is not a plain number (full-width, superscript, thousands of digits,
NUL) is refused with a message and moves nothing; a category that does not exist is not found."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.case_migration.models import CaseMigration
from engine.catalogue.store import retire_item
from engine.processes.models import ProcessInstance


@pytest.fixture
def changed(office, clock) -> str:
    code, _ = office.new_project("2026-420104-70-03-000001")
    clock.advance(minutes=1)
    with office.step() as s:
        retire_item(s, "civil_defence_basement_approval", "social_investment_project", office.runtime.now())
    clock.advance(minutes=1)
    return code


@pytest.mark.parametrize("batch", ["", "１２", "²", "9" * 5000, "1\x00", "-1", "0"])
def test_a_bad_batch_size_is_refused_and_moves_nothing(person, step, changed: str, batch: str) -> None:
    before = _specs(step)
    page = person("admin").post("/admin/case-migration/migrate", {"category": "", "batch": batch},
                                follow_redirects=True)
    assert page.status_code == 200 and "每批" in page.text and "1至500" in page.text
    assert _specs(step) == before


def test_an_unknown_category_is_not_found(person, changed: str) -> None:
    assert person("admin").get("/admin/case-migration/?category=nope&preview=1").status_code == 404


def _specs(step) -> tuple:
    with step(write=False) as s:
        return (tuple(s.scalars(select(ProcessInstance.spec_id))), tuple(s.scalars(select(CaseMigration.id))))
