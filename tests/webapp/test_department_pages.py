"""审批部门 on pages: an administrator adds a department and renames one (after a page saying what changes);
bad input is told in the summary and beside the field, the typed input kept, and nothing stored."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from engine.organisation.models import Department, DepartmentChange, UserAccount

from .support import count


@pytest.fixture(autouse=True)
def people(office):
    return office


def beside(html: str, field: str) -> str:
    return re.search(rf'<p class="field-error" id="f-{field}-error">(.*?)</p>', html, re.S).group(1)


def names(step) -> dict[str, str]:
    with step(write=False) as s:
        return dict(s.execute(select(Department.code, Department.name)).all())


def test_adding_a_department(person, step) -> None:
    admin = person("admin")
    done = admin.post("/admin/departments", {"code": "market_regulation", "name": "市场监督管理局"})
    assert done.status_code == 302 and done.location == "/admin/departments"
    page = admin.get(done.location).text
    assert "已新增审批部门“市场监督管理局”（代码 market_regulation）" in page
    assert "<code>market_regulation</code>" in page
    assert names(step)["market_regulation"] == "市场监督管理局"
    assert count(step, DepartmentChange, department_code="market_regulation", action="added") == 1


@pytest.mark.parametrize(("sent", "field", "message"), [
    ({"code": "Market-Regulation", "name": "市场监督管理局"}, "code", "部门代码请用小写英文字母"),
    ({"code": "", "name": "市场监督管理局"}, "code", "请填写部门代码"),
    ({"code": "natural_resources", "name": "市场监督管理局"}, "code", "该部门代码已被使用"),
    ({"code": "market_regulation", "name": "自然资源和规划局"}, "name", "已有同名的部门"),
    ({"code": "market_regulation", "name": "综合窗口"}, "name", "已有同名的部门"),
    ({"code": "market_regulation", "name": "办"}, "name", "部门名称至少2个字"),
    ({"code": "market_regulation", "name": "人" * 41}, "name", "不得超过40个字符"),
    ({"code": "market_regulation", "name": "<b>市监</b>"}, "name", "不得包含尖括号"),
])
def test_a_wrong_department_is_refused_with_the_input_kept(person, step, sent, field, message) -> None:
    admin = person("admin")
    before = (names(step), count(step, DepartmentChange))
    refused = admin.post("/admin/departments", sent)
    assert refused.status_code == 422
    assert message in beside(refused.text, field) and f'href="#f-{field}"' in refused.text
    assert f'value="{sent["code"]}"' in refused.text  # what was typed is still there
    assert (names(step), count(step, DepartmentChange)) == before


def test_renaming_a_department_says_what_changes_then_keeps_its_code(person, step) -> None:
    admin = person("admin")
    listing = admin.get("/admin/departments").text
    assert 'href="/admin/departments/water_affairs/rename"' in listing
    confirm = admin.get("/admin/departments/water_affairs/rename").text
    assert "部门代码 <code>water_affairs</code>" in confirm and "更名记录" in confirm
    old = names(step)["water_affairs"]
    done = admin.post("/admin/departments/water_affairs/rename", {"name": "水利和水务局"})
    assert done.status_code == 302
    page = admin.get("/admin/departments").text
    assert f"已将“{old}”更名为“水利和水务局”，部门代码 water_affairs 不变" in page
    assert names(step)["water_affairs"] == "水利和水务局"
    with step(write=False) as s:
        change = s.scalars(select(DepartmentChange).where(DepartmentChange.action == "renamed")).one()
        assert (change.department_code, change.name_before, change.name_after) == ("water_affairs", old, "水利和水务局")
    assert "水利和水务局" in admin.get("/admin/users").text  # the accounts page reads the new name too


@pytest.mark.parametrize(("name", "message"), [
    ("自然资源和规划局", "已有同名的部门"), ("", "请填写部门名称"), ("局", "部门名称至少2个字")])
def test_a_wrong_rename_is_refused_with_the_input_kept(person, step, name, message) -> None:
    admin = person("admin")
    before = (names(step), count(step, DepartmentChange))
    refused = admin.post("/admin/departments/water_affairs/rename", {"name": name})
    assert refused.status_code == 422
    assert message in beside(refused.text, "name") and 'href="#f-name"' in refused.text
    assert f'value="{name}"' in refused.text
    assert (names(step), count(step, DepartmentChange)) == before


def test_renaming_an_unknown_department_is_not_found(person, step) -> None:
    admin = person("admin")
    assert admin.get("/admin/departments/nowhere/rename").status_code == 404
    assert admin.post("/admin/departments/nowhere/rename", {"name": "某某局"}).status_code == 404


@pytest.mark.parametrize("username", ["supervisor", "window", "exam_natural_resources", "owner"])
def test_only_administrators_add_or_rename(person, step, username) -> None:
    someone = person(username)
    before = (names(step), count(step, DepartmentChange))
    added = someone.post("/admin/departments", {"code": "market_regulation", "name": "市场监督管理局"})
    assert added.status_code == 403
    assert someone.get("/admin/departments/water_affairs/rename").status_code == 403
    assert someone.post("/admin/departments/water_affairs/rename", {"name": "水务局二"}).status_code == 403
    assert (names(step), count(step, DepartmentChange)) == before


def test_a_new_department_can_be_given_staff_on_the_accounts_page(person, step) -> None:
    admin = person("admin")
    admin.post("/admin/departments", {"code": "market_regulation", "name": "市场监督管理局"})
    assert '<option value="market_regulation">市场监督管理局</option>' in admin.get("/admin/users").text
    password = "market-2026-ok"
    created = admin.post("/admin/users", {
        "username": "li_market", "display_name": "李市监", "role": "examiner", "department_code": "market_regulation",
        "organisation": "", "password": password, "password_again": password})
    assert created.status_code == 302
    with step(write=False) as s:
        account = s.scalars(select(UserAccount).where(UserAccount.username == "li_market")).one()
        assert account.department_code == "market_regulation"
