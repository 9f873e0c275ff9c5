"""Inboxes page by position over HTTP: the API's Link rel="next" and the desk page's 下一页 link."""

from __future__ import annotations

import re

from tests.engine.test_inbox_pages import CODES, queued
from tests.support.office import Office
from webapp.pages import desk


def test_the_api_links_the_next_page_until_the_last(app, office: Office) -> None:
    queued(office)
    client = app.test_client()
    client.post("/api/session", json={"username": "window", "password": "demo-2026"})
    seen, url, pages = [], "/api/work-items?page_size=2", 0
    while url:
        response = client.get(url)
        assert response.status_code == 200 and "X-Total-Capped" not in response.headers
        seen += [r["project_code"] for r in response.json]
        found = re.search(r'<([^>]+)>; rel="next"', response.headers.get("Link", ""))
        url, pages = (found.group(1) if found else None), pages + 1
    assert pages == 3 and sorted(seen) == sorted(CODES) and len(seen) == len(set(seen))


def test_the_api_refuses_a_made_up_position(app, office: Office) -> None:
    queued(office)
    client = app.test_client()
    client.post("/api/session", json={"username": "window", "password": "demo-2026"})
    assert client.get("/api/work-items?after=fDEyMw").status_code == 422
    assert client.get("/api/work-items?after=../../x").status_code == 422


def test_the_desk_page_walks_the_queue_with_its_next_link(person, office: Office, monkeypatch) -> None:
    queued(office)
    monkeypatch.setattr(desk, "PER_PAGE", 2)
    window, url, seen, headings = person("window"), "/window/", [], []
    while url:
        page = window.get(url).text
        seen += re.findall(r'<span class="hint">([0-9-]+)</span>', page)
        headings += re.findall(r"共 5 件，第 (\d) 页", page)
        found = re.search(r'<a href="([^"]+)">下一页</a>', page)
        url = found.group(1).replace("&amp;", "&") if found else None
    assert sorted(seen) == sorted(CODES) and len(seen) == 5 and headings == ["1", "2", "3"]
    first_again = window.get("/window/?after=garbage!").text  # a broken position shows the first page
    assert re.findall(r'<span class="hint">([0-9-]+)</span>', first_again) == seen[:2]
