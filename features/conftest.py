"""Fixtures for the features: the real app on the test database, and clients signed in as people."""

from __future__ import annotations

import pytest

pytest_plugins = ["features.steps.common_steps", "features.steps.approval_steps", "features.steps.agency_steps",
                  "features.steps.certificate_steps", "features.steps.progress_steps",
                  "features.steps.deadline_steps", "features.steps.category_steps", "features.steps.clock_steps",
                  "features.steps.supervision_steps", "features.steps.material_steps", "features.steps.rating_steps",
                  "features.steps.tolerance_steps", "features.steps.tolerance_file_steps",
                  "features.steps.commitment_steps",
                  "features.steps.construction_steps", "features.steps.night_work_steps",
                  "features.steps.calendar_steps", "features.steps.adjustment_steps",
                  "features.steps.waste_disposal_steps", "features.steps.notification_steps",
                  "features.steps.utility_steps", "features.steps.case_migration_steps",
                  "features.steps.task_list_steps", "features.steps.department_steps"]




class Browser:
    """A person using the API: signed in, sending the CSRF token with every write."""

    def __init__(self, app, username: str):
        self.client = app.test_client()
        response = self.client.post("/api/session", json={"username": username, "password": "demo-2026"})
        assert response.status_code == 200, response.json
        self.csrf = response.json["csrf_token"]

    # buffered: each response is read to its end and closed, as a browser and a real server do (what
    # the application leaves for after the response, such as a certificate's PDF, runs then).
    def get(self, url: str, **kw):
        return self.client.get(url, buffered=True, **kw)

    def post(self, url: str, json: dict | None = None):
        return self.client.post(url, json=json or {}, headers={"X-CSRF-Token": self.csrf}, buffered=True)


@pytest.fixture
def browser(app):
    sessions: dict[str, Browser] = {}

    def signed_in(username: str) -> Browser:
        if username not in sessions:
            sessions[username] = Browser(app, username)
        return sessions[username]

    return signed_in
