"""A licence added later (加办) on the 建筑工程综合许可证 page: after the permit is issued the page offers only the
licences not yet granted, starts from the last order's facts, refuses a picked licence's missing facts beside
the field with the input kept (nothing changes), says an order is running while it is, and shows every
licence once the re-issued certificate is out."""

from __future__ import annotations

import re

from tests.construction.support import HEADER, snapshot
from tests.construction.test_comprehensive_permit import order, run_order

PAGE = "/projects/{code}/comprehensive-permit"


def test_the_owner_adds_a_licence_after_the_permit_is_issued(office, person) -> None:
    code, _ = office.new_project()
    run_order(office, code, order(office, code, "construction_permit", "construction_waste_disposal_approval"))
    owner = person("owner")
    page = owner.get(PAGE.format(code=code)).text
    assert "增加许可事项" in page and "以下内容已按上次申请填好" in page
    assert f'value="{HEADER["general_contractor"]}"' in page  # the last order's facts, not typed again
    assert 'value="construction_permit"' not in page and 'value="sewage_discharge_permit"' in page

    before = snapshot(office)
    form = {**HEADER, "licences": ["sewage_discharge_permit"], "general_contractor": "中建三局（变更）"}
    missing = owner.post(PAGE.format(code=code), form)
    assert missing.status_code == 422 and 'id="f-sewage_outlet-error"' in missing.text
    assert 'value="中建三局（变更）"' in missing.text
    assert re.search(r'value="sewage_discharge_permit" id="[^"]+" checked', missing.text)  # the pick kept
    assert snapshot(office) == before

    added = owner.post(PAGE.format(code=code), {**form, "sewage_outlet": "汉江湾路DN600", "sewage_volume": "80"})
    assert added.status_code == 302
    page = owner.get(PAGE.format(code=code)).text
    assert "正在办理中" in page and 'action="/projects/' not in page
    instance_id = _running_instance(office, code)
    run_order(office, code, instance_id)
    page = owner.get(PAGE.format(code=code)).text
    for name in ("建筑工程施工许可", "城市建筑垃圾处置核准", "城镇污水排入排水管网许可"):
        assert f"<td>{name}</td>" in page, name


def _running_instance(office, code: str) -> int:
    return next(i.instance_id for i in office.items(code) if i.bpmn_id == "accept")
