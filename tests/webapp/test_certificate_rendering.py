"""A certificate's PDF is drawn after the issuing action commits, and a download never sees a missing or
a different PDF: right after issuance, and even before the render job ran (a crash between the commit
and the job), the bytes downloaded are the ones the register's digest names."""

from __future__ import annotations

import hashlib

from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import complete_task, writer
from engine.cli import cli
from engine.demo import demo_form
from engine.issuance import Certificate, render_pending
from engine.issuance.rendering import content_digest
from tests.support.office import Office


def signed_in(app, username: str):
    client = app.test_client()
    response = client.post("/api/session", json={"username": username, "password": "demo-2026"})
    assert response.status_code == 200, response.json
    client.environ_base["HTTP_X_CSRF_TOKEN"] = response.json["csrf_token"]
    return client


def _to_issuance(office: Office) -> str:
    code, _ = office.new_project()
    for bpmn_id in ("apply", "accept"):
        office.act(code, bpmn_id)
    for item in [i.bpmn_id for i in office.items(code) if i.bpmn_id.startswith("review_")]:
        office.act(code, item)
    return code


def _register(step, code: str) -> Certificate:
    with step(write=False) as s:
        return s.scalars(select(Certificate).where(Certificate.project_code == code)).one()


def test_a_pdf_downloaded_right_after_issuance_is_the_one_the_register_names(app, office: Office, step):
    code = _to_issuance(office)
    issue = office.item(code, "issue")
    examiner = signed_in(app, f"exam_{issue.department_code}")
    done = examiner.post(f"/api/instances/{issue.instance_id}/tasks/{issue.task_id}/completion",
                         json=demo_form(issue.form_key, code), buffered=True)  # read and closed, as sent
    assert done.status_code == 200, done.json
    cert = _register(step, code)
    download = signed_in(app, "owner").get(f"/api/certificates/{cert.number}/pdf")

    assert download.status_code == 200
    cert = _register(step, code)
    assert cert.sha256 is not None  # stored by the job that ran once the issuing response was sent
    assert hashlib.sha256(download.data).hexdigest() == cert.sha256 == download.headers["X-Content-SHA256"]
    assert cert.content_sha256 == content_digest(cert.data)


def test_before_its_render_job_ran_a_download_is_byte_identical_to_what_the_register_then_holds(
        app, db, db_url, office: Office, step):
    code = _to_issuance(office)
    issue = office.item(code, "issue")
    with Session(writer(db), expire_on_commit=False) as s, s.begin():  # commits; its after-commit job never runs
        who = office.actor(s, f"exam_{issue.department_code}")
        complete_task(s, office.runtime, who, issue.instance_id, issue.task_id, demo_form(issue.form_key, code))
    pending = _register(step, code)
    assert (pending.sha256, pending.content_sha256) == (None, content_digest(pending.data))

    early = signed_in(app, "owner").get(f"/api/certificates/{pending.number}/pdf")
    verified = app.test_client().get(f"/api/certificates/{pending.number}/verification")
    assert _register(step, code).sha256 is None  # a download is a read: it wrote nothing

    rendered = CliRunner().invoke(cli, ["--database", db_url, "certificates", "render", "--once"])
    assert rendered.exit_code == 0 and "已生成 1 份证照PDF" in rendered.output, rendered.output
    assert render_pending(db) == 0  # nothing left: each PDF is stored once
    stored = _register(step, code)
    with step(write=False) as s:
        pdf = s.scalars(select(Certificate.pdf).where(Certificate.number == stored.number)).one()
    assert early.status_code == 200 and early.data == pdf
    assert hashlib.sha256(early.data).hexdigest() == stored.sha256 == verified.json["sha256"]
