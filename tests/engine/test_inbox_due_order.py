"""Inbox pages in deadline order (``InboxFilter(sort="due")``): nearest deadline first, items whose clock is
paused (no deadline) last, every item once when following the next positions."""

from __future__ import annotations

import base64

import pytest

from engine import FormRejected, InboxFilter, inbox_page
from tests.support.office import Office

CODES = [f"2026-420104-70-03-{n:06d}" for n in range(1, 6)]
BY_DUE = InboxFilter(sort="due")


def queued(office: Office) -> None:
    """Five applications at the window a day apart (later arrival, later deadline); the second is sent back
    for 补正, so its deadline is paused."""
    for code in CODES:
        office.new_project(code)
        office.act(code, "apply")
        office.runtime.clock.advance(days=1)
    office.act(CODES[1], "accept", {"decision": "supplement", "opinion": "缺件", "missing_materials": ["营业执照副本"]})


def walk(step, office: Office, per_page: int) -> list:
    rows, after = [], None
    while True:
        with step(write=False) as s:
            found = inbox_page(s, office.actor(s, "window"), BY_DUE, after=after, per_page=per_page)
        rows.extend(found.rows)
        if (after := found.next_after) is None:
            return rows


@pytest.mark.parametrize("per_page", [1, 2, 50])
def test_nearest_deadline_first_and_paused_items_last_on_every_page(office, step, per_page) -> None:
    queued(office)
    rows = walk(step, office, per_page)
    assert [r.project_code for r in rows] == [CODES[0], CODES[2], CODES[3], CODES[4], CODES[1]]
    dues = [r.due_at for r in rows]
    assert dues[-1] is None and dues[:-1] == sorted(dues[:-1])
    assert rows[-1].deadline.state == "暂停" and rows[0].deadline.days_left is not None


def test_a_position_after_a_paused_item_means_nothing_in_arrival_order(office, step) -> None:
    queued(office)
    rows = walk(step, office, per_page=1)
    paused = base64.urlsafe_b64encode(f"-|{rows[-1].task_id}".encode()).decode().rstrip("=")
    with step(write=False) as s:
        assert inbox_page(s, office.actor(s, "window"), BY_DUE, after=paused).rows == []  # nothing after the last
        with pytest.raises(FormRejected) as refused:
            inbox_page(s, office.actor(s, "window"), after=paused)
    assert "after" in refused.value.field_errors
