"""Start-up: the demo site on an empty database, the WSGI entry point, and the ``approval`` command."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

import engine
from engine.issuance.settings import settings_for
from engine.organisation.models import UserAccount
from engine.projects.models import Project
from webapp import cli, create_app
from webapp.config import MissingSetting

BASE = "https://spj.example.gov.cn"


def test_seed_demo_upgrades_and_seeds_an_empty_database_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    app = create_app({"DATABASE_URL": url, "SEED_DEMO": True, "PUBLIC_BASE_URL": BASE})
    # a second worker or a restart adds nothing
    again = create_app({"DATABASE_URL": url, "SEED_DEMO": True, "PUBLIC_BASE_URL": BASE})
    db = again.extensions["approval"]["engine"]
    with engine.transaction(db, write=False) as s:
        assert s.scalar(select(func.count()).select_from(Project)) == 1
        usernames = set(s.scalars(select(UserAccount.username)))
    assert {"owner", "window", "supervisor", "exam_natural_resources"} <= usernames
    client = app.test_client()
    assert "演示账号" in client.get("/login").text
    health = client.get("/healthz").json
    assert health["status"] == "ok" and set(health["calendar"]) >= {"next_year", "official"}
    for built in (app, again):
        built.extensions["approval"]["engine"].dispose()


def test_without_seed_demo_the_login_page_shows_no_demo_accounts(app) -> None:
    assert "演示账号" not in app.test_client().get("/login").text


def test_wsgi_module_builds_the_app(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("APPROVAL_DATABASE_URL", f"sqlite:///{tmp_path / 'wsgi.sqlite3'}")
    monkeypatch.setenv("APPROVAL_PUBLIC_BASE_URL", BASE)
    module = importlib.import_module("webapp.wsgi")
    module = importlib.reload(module)
    assert module.app.test_client().get("/healthz").status_code == 200
    module.app.extensions["approval"]["engine"].dispose()


def test_cli_keeps_the_engine_commands_and_adds_serve(monkeypatch, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    runner = CliRunner()
    assert runner.invoke(cli.cli, ["--database", url, "db", "upgrade"]).exit_code == 0
    ran = {}
    monkeypatch.setattr("flask.Flask.run", lambda self, **kw: ran.update(kw, app=self))
    result = runner.invoke(cli.cli, ["--database", url, "serve", "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert (ran["host"], ran["port"]) == ("0.0.0.0", 8123) and ran["app"].config["SEED_DEMO"] is True
    assert "http://0.0.0.0:8123/" in result.output
    db = ran["app"].extensions["approval"]["engine"]
    with engine.transaction(db, write=False) as s:
        assert s.scalar(select(func.count()).select_from(Project)) == 1
    db.dispose()


def test_serve_help_names_its_options() -> None:
    result = CliRunner().invoke(cli.cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host" in result.output and "--port" in result.output and "--no-demo" in result.output


def test_a_production_start_without_a_public_base_url_refuses_clearly(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("APPROVAL_PUBLIC_BASE_URL", raising=False)
    with pytest.raises(MissingSetting, match="APPROVAL_PUBLIC_BASE_URL"):
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}"})


def test_development_derives_the_verification_address_from_the_request(tmp_path: Path) -> None:
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'd.sqlite3'}", "ENVIRONMENT": "development"})
    runtime = app.extensions["approval"]["runtime"]
    app.test_client().get("/healthz", base_url="http://192.168.1.5:8000")
    assert settings_for(runtime).verification_url("X1") == "http://192.168.1.5:8000/verify/X1"
    app.extensions["approval"]["engine"].dispose()


def test_the_configured_public_base_url_names_the_verification_address(tmp_path: Path) -> None:
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite3'}", "PUBLIC_BASE_URL": BASE})
    app.test_client().get("/healthz", base_url="http://10.0.0.1")
    assert settings_for(app.extensions["approval"]["runtime"]).verification_url("X1") == f"{BASE}/verify/X1"
    app.extensions["approval"]["engine"].dispose()
