"""账号管理 page: an administrator creates accounts, resets passwords and disables accounts; bad input
changes nothing; a reset or a disabling ends the account's sessions at once."""

from __future__ import annotations

from sqlalchemy import func, select

from engine import DEMO_PASSWORD
from engine.organisation.models import UserAccount

from .support import count

GOOD = "a-long-enough-secret"


def accounts(step) -> int:
    return count(step, UserAccount)


def test_the_administrator_reaches_the_page_by_a_link(person, office) -> None:
    board = person("admin").get("/supervisor/").text
    assert 'href="/admin/users"' in board and "账号管理" in board
    page = person("admin").get("/admin/users").text
    assert "开设账号" in page and "exam_natural_resources" in page
    assert person("supervisor").get("/admin/users").status_code == 403


def test_creating_an_examiner_with_a_department(person, office, step, app) -> None:
    before = accounts(step)
    response = person("admin").post("/admin/users", {
        "username": "zhang_water", "display_name": "张水务", "role": "examiner", "department_code": "water_affairs",
        "organisation": "", "password": GOOD, "password_again": GOOD})
    assert response.status_code == 302
    assert accounts(step) == before + 1
    signed_in = app.test_client().post("/api/session", json={"username": "zhang_water", "password": GOOD})
    assert signed_in.json["user"]["department_code"] == "water_affairs"


def test_bad_input_is_explained_and_changes_nothing(person, office, step) -> None:
    before = accounts(step)
    cases = [({"role": "examiner", "department_code": ""}, "审批人员和部门负责人须指定所属部门"),
             ({"password": "short", "password_again": "short"}, "密码至少10个字符"),
             ({"password_again": "different-secret"}, "两次输入的密码不一致"),
             ({"username": "owner"}, "用户名已存在")]
    for change, message in cases:
        form = {"username": "li_new", "display_name": "李", "role": "window_clerk", "department_code": "",
                "password": GOOD, "password_again": GOOD, **change}
        response = person("admin").post("/admin/users", form)
        assert response.status_code == 422 and message in response.text, (change, response.status_code)
        assert 'value="li_new"' in response.text or change.get("username") == "owner"
    assert accounts(step) == before


def test_reset_and_disable_end_the_sessions(person, office, step, app) -> None:
    owner = app.test_client()
    assert owner.post("/api/session", json={"username": "owner", "password": DEMO_PASSWORD}).status_code == 200
    assert person("admin").post("/admin/users/owner/password", {"password": GOOD, "password_again": GOOD}
                                ).status_code == 302
    assert owner.get("/api/projects").status_code == 401
    assert owner.post("/api/session", json={"username": "owner", "password": GOOD}).status_code == 200
    assert person("admin").post("/admin/users/owner/active", {"active": "no"}).status_code == 302
    assert owner.get("/api/projects").status_code == 401
    with step(write=False) as s:
        assert s.scalar(select(func.count()).select_from(UserAccount).where(UserAccount.active.is_(False))) == 1


def test_an_administrator_cannot_disable_itself(person, office, step) -> None:
    response = person("admin").post("/admin/users/admin/active", {"active": "no"})
    assert response.status_code == 422 and "不能停用自己的账号" in response.text
    assert person("admin").get("/admin/users").status_code == 200
