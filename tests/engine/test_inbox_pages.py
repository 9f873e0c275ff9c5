"""Inbox pages by position (keyset): every item once, in arrival order, with a total that stops counting."""

from __future__ import annotations

import pytest

from engine import FormRejected, InboxFilter, inbox, inbox_page
from engine.work_items import queries
from tests.support.office import Office

CODES = [f"2026-420104-70-03-{n:06d}" for n in range(1, 6)]


def queued(office: Office) -> None:
    """Five applications at the window; the first three arrive at the same instant (ties by task id)."""
    for n, code in enumerate(CODES):
        office.new_project(code)
        office.act(code, "apply")
        if n >= 2:
            office.runtime.clock.advance(minutes=7)


def walk(step, office: Office, per_page: int) -> list[queries.InboxPage]:
    pages, after = [], None
    while True:
        with step(write=False) as s:
            found = inbox_page(s, office.actor(s, "window"), after=after, per_page=per_page)
        pages.append(found)
        if (after := found.next_after) is None:
            return pages


def test_following_the_next_position_shows_every_item_once_in_arrival_order(office, step) -> None:
    queued(office)
    pages = walk(step, office, per_page=2)
    with step(write=False) as s:
        everything, total = inbox(s, office.actor(s, "window"), per_page=50)
    assert [len(p.rows) for p in pages] == [2, 2, 1]
    assert [r.task_id for p in pages for r in p.rows] == [r.task_id for r in everything]
    assert [r.project_code for r in everything] == sorted(CODES, key=lambda c: next(
        (r.since, r.task_id) for r in everything if r.project_code == c))
    assert all(p.total == total == 5 and not p.more for p in pages)


def test_a_position_in_a_filtered_inbox_stays_in_that_filter(office, step) -> None:
    queued(office)
    with step(write=False) as s:
        window = office.actor(s, "window")
        first = inbox_page(s, window, InboxFilter(project_code=CODES[3]), per_page=1)
        after_first_of_all = inbox_page(s, window, InboxFilter(project_code=CODES[3]), after=walk(
            step, office, per_page=1)[0].next_after, per_page=1)
    assert [r.project_code for r in first.rows] == [CODES[3]] and first.next_after is None
    assert [r.project_code for r in after_first_of_all.rows] == [CODES[3]]  # arrived after the first item


def test_the_total_stops_counting_at_the_cap(office, step, monkeypatch) -> None:
    queued(office)
    monkeypatch.setattr(queries, "COUNT_CAP", 3)
    with step(write=False) as s:
        found = inbox_page(s, office.actor(s, "window"), per_page=2)
        exact = inbox_page(s, office.actor(s, "window"), InboxFilter(project_code=CODES[0]), per_page=2)
    assert (found.total, found.more, len(found.rows)) == (3, True, 2)
    assert (exact.total, exact.more) == (1, False)


@pytest.mark.parametrize("after", ["not-a-position", "bm90aGluZw", "fDEyMw"])
def test_a_position_it_never_gave_out_is_refused(office, step, after) -> None:
    queued(office)
    with step(write=False) as s, pytest.raises(FormRejected) as refused:
        inbox_page(s, office.actor(s, "window"), after=after)
    assert "after" in refused.value.field_errors
