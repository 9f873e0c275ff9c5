"""消息 page after page: the newest first, then "更早的消息" (a position, never an OFFSET), every message once."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from engine.notifications.service import notify
from engine.organisation.models import UserAccount
from webapp.pages import messages


@pytest.fixture
def five_messages(office, step) -> list[str]:
    titles = [f"第{n}条提醒" for n in range(5)]
    with step() as s:
        owner = s.scalars(select(UserAccount.id).where(UserAccount.username == "owner")).one()
        for title in titles:
            notify(s, office.runtime, [owner], "test", title, "正文")
    return titles


def _titles(page: str) -> list[str]:
    return re.findall(r"第\d条提醒", page)


def test_messages_are_read_page_by_page_newest_first(person, five_messages, monkeypatch) -> None:
    monkeypatch.setattr(messages, "PER_PAGE", 2)
    owner = person("owner")
    pages, url = [], "/messages/"
    while url:
        page = owner.get(url).text
        pages.append(_titles(page))
        found = re.search(r'href="(/messages/\?before=\d+)">更早的消息', page)
        url = found.group(1) if found else ""
    assert pages == [["第4条提醒", "第3条提醒"], ["第2条提醒", "第1条提醒"], ["第0条提醒"]]
    assert "回到最新消息" in owner.get("/messages/?before=999999").text


@pytest.mark.parametrize("before", ["x", "-1", "１２", "9" * 40, "²"])  # NUL: refused by the app before any page
def test_a_malformed_position_shows_the_newest(person, five_messages, before: str) -> None:
    page = person("owner").get("/messages/", query_string={"before": before})
    assert page.status_code == 200 and _titles(page.text)[0] == "第4条提醒"
