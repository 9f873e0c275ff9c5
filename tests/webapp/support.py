"""Helpers of the page tests: a person using the pages, and small readers of pages and tables."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from engine import DEMO_PASSWORD

CODE = "2026-420104-70-03-000001"


def csrf_in(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


class Person:
    """Someone using the pages: signed in through the login form, posting forms with the CSRF token."""

    def __init__(self, app, username: str, password: str = DEMO_PASSWORD):
        self.client = app.test_client()
        token = csrf_in(self.client.get("/login").text)
        response = self.client.post("/login", data={"username": username, "password": password, "csrf_token": token})
        assert response.status_code == 302, response.text

    @property
    def token(self) -> str:
        with self.client.session_transaction() as cookie:
            return cookie["csrf"]

    def get(self, url: str, **kw):
        return self.client.get(url, **kw)

    def post(self, url: str, data: dict | None = None, *, csrf: bool = True, **kw):
        form = dict(data or {})
        if csrf:
            form["csrf_token"] = self.token
        return self.client.post(url, data=form, **kw)


def count(step, model, **where) -> int:
    with step(write=False) as s:
        return s.scalar(select(func.count()).select_from(model).filter_by(**where))


def task_form(html: str) -> dict:
    """The hidden fields of a task page's form (which instance and which form it was drawn for)."""
    return {"instance_id": re.search(r'name="instance_id" value="(\d+)"', html).group(1),
            "form_key": re.search(r'name="form_key" value="([a-z0-9_]+)"', html).group(1)}
