"""Start-up: the demo site on an empty database, the WSGI entry point, and the ``approval`` command."""

from __future__ import annotations

import importlib
from pathlib import Path

from sqlalchemy import func, select

import engine
from engine.organisation.models import UserAccount
from engine.projects.models import Project
from webapp import cli, create_app


def test_seed_demo_upgrades_and_seeds_an_empty_database_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    app = create_app({"DATABASE_URL": url, "SEED_DEMO": True})
    again = create_app({"DATABASE_URL": url, "SEED_DEMO": True})  # a second worker or a restart adds nothing
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
    module = importlib.import_module("webapp.wsgi")
    module = importlib.reload(module)
    assert module.app.test_client().get("/healthz").status_code == 200
    module.app.extensions["approval"]["engine"].dispose()


def test_cli_keeps_the_engine_commands_and_adds_serve(monkeypatch, tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    assert cli.main(["--database", url, "db", "upgrade"]) == 0
    ran = {}
    monkeypatch.setattr("flask.Flask.run", lambda self, **kw: ran.update(kw, app=self))
    assert cli.main(["--database", url, "serve", "--host", "0.0.0.0", "--port", "8123"]) == 0
    assert (ran["host"], ran["port"]) == ("0.0.0.0", 8123) and ran["app"].config["SEED_DEMO"] is True
    assert "http://0.0.0.0:8123/" in capsys.readouterr().out
    db = ran["app"].extensions["approval"]["engine"]
    with engine.transaction(db, write=False) as s:
        assert s.scalar(select(func.count()).select_from(Project)) == 1
    db.dispose()


def test_serve_help_names_its_options(capsys) -> None:
    parser = cli.build_parser()
    args = parser.parse_args(["serve", "--no-demo"])
    assert args.no_demo and args.port == 8000 and args.host == "127.0.0.1"
