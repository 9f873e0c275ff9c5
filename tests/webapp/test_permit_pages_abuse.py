"""Hostile input on the 分阶段施工许可, 施工预许可 and 整改回访 forms: NUL bytes, huge numbers, ids past the integer
range. Each gets a 4xx with a message, never a 5xx, and changes nothing."""

from __future__ import annotations

import pytest

from tests.construction.support import snapshot

HUGE_ID = 10**20
NUL = "中建\x00三局"


@pytest.mark.parametrize(("username", "url", "form"), [
    ("owner", "/projects/{code}/phase-permits", {"phase": NUL, "quality_safety_commitment": "true"}),
    ("owner", "/projects/{code}/phase-permits", {"phase": "excavation_support_earthworks", "general_contractor": NUL,
                                                  "contract_price": "1e309", "contract_duration_days": "9" * 40,
                                                  "quality_safety_commitment": "true"}),
    ("owner", "/projects/{code}/pre-permits", {"general_contractor": NUL, "contract_price": "-0", "confirmed": "x"}),
    ("owner", f"/phase-permits/{HUGE_ID}/commitment", {}),
    ("exam_housing_construction", f"/phase-permits/{HUGE_ID}/issuance", {"remarks": NUL}),
    ("exam_housing_construction", f"/pre-permits/{HUGE_ID}/conversion", {}),
    ("exam_natural_resources", f"/follow-ups/{HUGE_ID}/closure", {"reply": NUL}),
])
def test_hostile_input_is_refused_without_a_server_error(office, person, username, url, form) -> None:
    code, _ = office.new_project()
    before = snapshot(office)
    answer = person(username).post(url.format(code=code), form)
    assert 400 <= answer.status_code < 500, answer.text[:500]
    assert snapshot(office) == before
