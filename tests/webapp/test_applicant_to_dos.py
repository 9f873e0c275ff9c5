"""The project home's 需要您办理 lists what features ask of the applicant beside the stage work items, each
linked to the page that does it, and only while it is asked: an open 容缺 case (supply by the 补正期限) and a
phase-permit application an agent prepared (the owner's own 质量安全承诺). Staff do not see them."""

from __future__ import annotations

import re

from engine import supply_tolerance_materials
from tests.construction.support import FIRST_PHASE, grant_agent
from tests.support.office import Office

from .support import CODE
from .test_tolerance_pages import signed_and_accepted

PHASE_FORM = {k: str(v) for k, v in FIRST_PHASE.items() if k != "quality_safety_commitment"}


def to_dos(page: str) -> str:
    found = re.search(r'<h2 id="todo-h">需要您办理</h2>(.*?)</section>', page, re.S)
    return found.group(1) if found else ""


def test_an_open_tolerance_case_is_on_the_owner_list_until_supplied(person, office: Office) -> None:
    case_id = signed_and_accepted(office, person, ["专家评审意见"])  # the project is CODE
    owner = person("owner")
    listed = to_dos(owner.get(f"/projects/{CODE}").text)
    assert f'href="/projects/{CODE}/tolerance/{case_id}"' in listed
    assert "容缺补正：环境影响评价审批" in listed and "补齐 1 项容缺材料" in listed and "前办理" in listed
    assert "容缺补正" not in to_dos(person("window").get(f"/projects/{CODE}").text)

    with office.step() as s:
        supply_tolerance_materials(s, office.runtime, office.actor(s, "owner"), case_id,
                                   {"materials": ["专家评审意见"]})
    assert "容缺补正" not in to_dos(owner.get(f"/projects/{CODE}").text)


def test_a_phase_application_an_agent_prepared_waits_on_the_owner_list(person, office: Office) -> None:
    code, _ = office.new_project()
    grant_agent(office, code, ["apply", "view"])
    owner = person("owner")
    assert "确认质量安全承诺" not in to_dos(owner.get(f"/projects/{code}").text)
    assert person("agent").post(f"/projects/{code}/phase-permits", PHASE_FORM).status_code == 302
    listed = to_dos(owner.get(f"/projects/{code}").text)
    assert f'href="/projects/{code}/phase-permits"' in listed
    assert "确认质量安全承诺：基坑支护和土方开挖阶段施工许可" in listed
    application_id = re.search(r'/phase-permits/(\d+)/commitment', owner.get(f"/projects/{code}/phase-permits").text)
    assert application_id is not None
    assert owner.post(f"/phase-permits/{application_id.group(1)}/commitment").status_code == 302
    assert "确认质量安全承诺" not in to_dos(owner.get(f"/projects/{code}").text)

