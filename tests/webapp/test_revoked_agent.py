"""A revoked agent is told its authorisation was revoked (403) and learns nothing it did not know."""

from __future__ import annotations

from datetime import timedelta

from engine import DEMO_PASSWORD, grant_authorisation, revoke_authorisation

GRANT = {"agent_username": "agent", "stages": [1, 2], "acts": ["apply", "view", "supplement"]}


def test_a_revoked_agent_gets_403_saying_so_and_nothing_else(app, office, step, runtime) -> None:
    code, _ = office.new_project()
    other, _ = office.new_project("2026-420104-70-03-000002")
    with step() as s:
        now = runtime.now()
        grant = grant_authorisation(s, runtime, office.actor(s, "owner"), code, {
            **GRANT, "valid_from": (now - timedelta(days=1)).isoformat(),
            "valid_to": (now + timedelta(days=30)).isoformat()})
        revoke_authorisation(s, runtime, office.actor(s, "owner"), grant.id, {"reason": "合同到期"})
    agent = app.test_client()
    agent.post("/api/session", json={"username": "agent", "password": DEMO_PASSWORD})
    for path in ("progress", "audit-trail", "supplement-requests"):
        response = agent.get(f"/api/projects/{code}/{path}")
        assert response.status_code == 403, response.text
        assert response.json["message"] == "代办授权已被建设单位撤销" and response.json["context"] == {}
        assert "示例置业" not in response.text and "汉江" not in response.text
        never = agent.get(f"/api/projects/{other}/{path}")  # never authorised: like a project that does not exist
        assert never.status_code == 404 and never.json["message"] == "项目不存在"
