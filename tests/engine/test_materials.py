"""Materials: who may attach them, what is refused (and then nothing is stored), dedup, audit, visibility."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from engine import (
    NewMaterial,
    NotAllowed,
    NotFound,
    attach_material,
    grant_authorisation,
    material_content,
    project_materials,
    remove_material,
)
from engine.audit.trail import trail
from engine.materials.errors import MaterialNameRefused, MaterialRejected, MaterialTooLarge, MaterialTypeRefused
from engine.materials.models import Material, MaterialBlob
from engine.materials.storage import MaterialLimits, detect_type

STAGE1 = "stage_project_land_planning"
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def ofd() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("OFD.xml", "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'/>")
    return buf.getvalue()


def plain_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "hello")
    return buf.getvalue()


def counts(step) -> tuple[int, int]:
    with step(write=False) as s:
        return s.scalar(select(func.count()).select_from(Material)), s.scalar(
            select(func.count()).select_from(MaterialBlob))


def upload(office, step, code, name="用地预审意见.pdf", data=PDF, who="owner", **kw):
    with step() as s:
        return attach_material(s, office.runtime, office.actor(s, who), code, NewMaterial(STAGE1, name, data, **kw))


def test_detects_types_from_the_bytes_only():
    assert detect_type(PDF) == "application/pdf"
    assert detect_type(b"\xff\xd8\xff\xe0\x00\x10JFIF") == "image/jpeg"
    assert detect_type(b"\x89PNG\r\n\x1a\n\x00\x00") == "image/png"
    assert detect_type(ofd()) == "application/ofd"
    assert detect_type(plain_zip()) is None
    assert detect_type(b"MZ\x90\x00\x03") is None
    assert detect_type(b"<html><script>alert(1)</script></html>") is None


def test_owner_attaches_a_material_with_sha256_audited_and_deduplicated(office, step):
    code, _ = office.new_project()
    first = upload(office, step, code, requirement="选址意见书")
    second = upload(office, step, code, name="副本.pdf")
    assert first.sha256 == second.sha256 == hashlib.sha256(PDF).hexdigest()
    assert first.size == len(PDF) and first.content_type == "application/pdf"
    assert counts(step) == (2, 1)
    with step(write=False) as s:
        rows = project_materials(s, office.actor(s, "owner"), code)
        assert [r.display_name for r in rows] == ["用地预审意见.pdf", "副本.pdf"]
        assert [e.action for e in trail(s, code)][-2:] == ["attach_material", "attach_material"]
        assert trail(s, code)[-1].details["sha256"] == first.sha256


@pytest.mark.parametrize(("name", "data", "error"), [
    ("a.pdf", b"%PDF-" + b"x" * 1000, MaterialTooLarge),
    ("setup.pdf", b"MZ\x90\x00" + b"\x00" * 20, MaterialTypeRefused),
    ("page.pdf", b"<html><script>alert(1)</script></html>", MaterialTypeRefused),
    ("archive.ofd", plain_zip(), MaterialTypeRefused),
    ("../../etc/passwd.pdf", PDF, MaterialNameRefused),
    ("/etc/passwd.pdf", PDF, MaterialNameRefused),
    ("C:\\Windows\\a.pdf", PDF, MaterialNameRefused),
    ("a\x00.pdf", PDF, MaterialNameRefused),
    ("a\r\nSet-Cookie: x.pdf", PDF, MaterialNameRefused),
    ("report\u202efdp.exe", PDF, MaterialNameRefused),
    ("..", PDF, MaterialNameRefused),
    ("x" * 121 + ".pdf", PDF, MaterialNameRefused),
    ("", PDF, MaterialNameRefused),
])
def test_refused_uploads_store_nothing(office, step, name, data, error):
    code, _ = office.new_project()
    before = counts(step)
    with pytest.raises(error), step() as s:
        attach_material(s, office.runtime, office.actor(s, "owner"), code, NewMaterial(STAGE1, name, data),
                        MaterialLimits(max_bytes=1000))
    assert counts(step) == before


def test_strangers_get_not_found_and_agents_need_a_grant(office, step):
    code, _ = office.new_project()
    for who in ("exam_water_affairs", "window", "agent"):
        with pytest.raises(NotFound), step() as s:
            upload_in(s, office, code, who)
    with step() as s:
        now = office.runtime.now()
        grant_authorisation(s, office.runtime, office.actor(s, "owner"), code, {
            "agent_username": "agent", "stages": [2], "acts": ["apply"], "valid_from": now,
            "valid_to": now + timedelta(days=30)})
    with pytest.raises(NotAllowed, match="代办授权不包括第1阶段"), step() as s:
        upload_in(s, office, code, "agent")
    assert counts(step) == (0, 0)


def upload_in(s, office, code, who):
    return attach_material(s, office.runtime, office.actor(s, who), code, NewMaterial(STAGE1, "a.pdf", PDF))


def test_agent_with_apply_grant_uploads_for_the_owner(office, step):
    code, _ = office.new_project()
    with step() as s:
        now = office.runtime.now()
        grant_authorisation(s, office.runtime, office.actor(s, "owner"), code, {
            "agent_username": "agent", "stages": [1], "acts": ["apply"], "valid_from": now,
            "valid_to": now + timedelta(days=30)})
    material = upload(office, step, code, who="agent")
    with step(write=False) as s:
        event = trail(s, code)[-1]
        assert material.acting_for == event.acting_for_id and event.acting_for_name == "示例置业有限公司"


def test_examiner_of_an_involved_department_downloads_others_do_not_see(office, step):
    code, _ = office.new_project()
    material = upload(office, step, code)
    office.act(code, "apply")
    office.act(code, "accept")  # the reviews reach 水务局 among others
    with step(write=False) as s:
        row, data = material_content(s, office.actor(s, "exam_water_affairs"), code, material.id)
        assert data == PDF and row.sha256 == material.sha256
        with pytest.raises(NotFound):
            material_content(s, office.actor(s, "exam_landscaping"), code, material.id)


def test_removal_hides_the_material_keeps_the_bytes_and_is_audited(office, step):
    code, _ = office.new_project()
    material = upload(office, step, code)
    with step() as s:
        remove_material(s, office.runtime, office.actor(s, "owner"), code, material.id)
    with step(write=False) as s:
        assert project_materials(s, office.actor(s, "owner"), code) == []
        assert trail(s, code)[-1].action == "remove_material"
    assert counts(step) == (1, 1)


def test_a_bad_stage_is_only_explained_to_someone_who_may_act_on_the_project(office, step):
    code, _ = office.new_project()
    with pytest.raises(NotFound), step() as s:
        attach_material(s, office.runtime, office.actor(s, "agent"), code, NewMaterial("stage_9", "a.pdf", PDF))
    with pytest.raises(MaterialRejected, match="审批阶段无效"), step() as s:
        attach_material(s, office.runtime, office.actor(s, "owner"), code, NewMaterial("stage_9", "a.pdf", PDF))
    assert counts(step) == (0, 0)
