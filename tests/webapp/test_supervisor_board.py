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
        assert re.search(rf'<h2 id="dept-\d+">{department}（1 件）</h2>', page)
    assert "发展和改革局" not in page  # decided, nothing open
    assert page.count("3天4小时") == 3 * 2  # in the summary and in each department's table
    assert "逾期" not in page and "预警" not in page  # statutory clocks are not this board's business


def test_board_is_for_supervisors_only(person, office: Office) -> None:
    assert person("window").get("/supervisor/").status_code == 403
    assert person("supervisor").get("/supervisor/").status_code == 200
    assert "当前没有在办事项" in person("supervisor").get("/supervisor/").text
