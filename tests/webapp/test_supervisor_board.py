"""The supervisors' board: open work per department and how long it has waited (calendar time)."""

from __future__ import annotations

import re

from tests.support.office import Office

from .support import CODE


def test_board_groups_open_items_by_department_with_waiting_time(person, office: Office, clock) -> None:
    code, _ = office.new_project(CODE)
    office.act(code, "apply")
    office.act(code, "accept")
    clock.advance(days=3, hours=4)
    office.act(code, "review_enterprise_project_filing")
    page = person("supervisor").get("/supervisor/").text
    for department in ("自然资源和规划局", "生态环境局", "水务局"):
        assert re.search(rf'<h3 id="dept-\d+">{department}（1 件）</h3>', page)
    open_items = page[page.index("<h2>在办事项</h2>"):]
    assert "发展和改革局" not in open_items  # decided, nothing open
    assert open_items.count("3天4小时") == 3 * 2  # in the summary and in each department's table
    # the statutory clocks are read separately: 用地预审 (3 working days) has used 3 by Thursday → 预警
    alerts = page[page.index('<h2 id="alerts-h">'):page.index('<h2 id="net-h">')]
    assert re.search(r'建设项目用地预审与选址意见书.*?<span class="tag warn">预警</span>.*?3 / 3', alerts, re.S)
    assert '<span class="tag bad">逾期</span>' not in alerts  # the others have days left


def test_board_is_for_supervisors_only(person, office: Office) -> None:
    assert person("window").get("/supervisor/").status_code == 403
    assert person("supervisor").get("/supervisor/").status_code == 200
    assert "当前没有在办事项" in person("supervisor").get("/supervisor/").text
