"""The supervisors' board and a department's items read in bounded pages: per group the longest-waiting rows
and a capped count, a department's items page after page (keyset positions, never OFFSET)."""

from __future__ import annotations

import re

import pytest

from engine.supervision import board, drilldown
from tests.support.office import Office

CODES = [f"2026-420104-70-03-00010{n}" for n in range(3)]


@pytest.fixture
def three_accepted(office: Office, clock, scene) -> list[str]:
    """Three projects accepted an hour apart: 发展和改革局 holds three items, the oldest first."""
    return scene("three projects accepted an hour apart", lambda: _accept_three(office, clock))


def _accept_three(office: Office, clock) -> list[str]:
    for code in CODES:
        office.new_project(code)
        office.act(code, "apply")
        office.act(code, "accept")
        clock.advance(hours=1)
    return CODES


def _codes(page: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r"2026-420104-70-03-00010\d", page)))  # each row names it twice


def test_the_board_shows_the_longest_waiting_rows_and_links_to_the_rest(person, three_accepted, monkeypatch) -> None:
    monkeypatch.setattr(board, "BOARD_ROWS", 1)
    page = person("supervisor").get("/supervisor/").text
    section = page[page.index('>发展和改革局（3 件）</h3>'):]
    section = section[:section.index("</section>")]
    assert _codes(section) == [CODES[0]]  # the longest waiting only
    assert 'href="/supervisor/departments/development_reform">查看发展和改革局全部在办事项</a>' in section


def test_counts_beyond_the_cap_read_as_more(person, three_accepted, monkeypatch) -> None:
    monkeypatch.setattr(board, "COUNT_CAP", 2)
    monkeypatch.setattr(drilldown, "COUNT_CAP", 2)
    assert ">发展和改革局（2+ 件）</h3>" in person("supervisor").get("/supervisor/").text
    assert "共 2+ 件" in person("supervisor").get("/supervisor/departments/development_reform").text


def test_a_departments_items_page_by_page(person, three_accepted, monkeypatch) -> None:
    monkeypatch.setattr(drilldown, "PER_PAGE", 2)
    supervisor = person("supervisor")
    first = supervisor.get("/supervisor/departments/development_reform").text
    assert "共 3 件" in first
    listed = _codes(first)
    following = re.search(r'href="(/supervisor/departments/development_reform\?after=[^"]+)">下一页', first)
    second = supervisor.get(following.group(1).replace("&amp;", "&")).text
    assert len(listed) == 2 and len(_codes(second)) == 1 and "下一页" not in second
    assert sorted(listed + _codes(second)) == CODES  # every item once, in the deadline order of the pages


@pytest.mark.parametrize("after", ["garbage", "-|x|y", "2026-01-01|2026-01-01|t", "-|2026-01-01T00:00:00+00:00|"])
def test_a_broken_page_position_is_refused(person, three_accepted, after: str) -> None:
    response = person("supervisor").get("/supervisor/departments/development_reform", query_string={"after": after})
    assert response.status_code == 422
    assert "翻页位置无效" in response.text
