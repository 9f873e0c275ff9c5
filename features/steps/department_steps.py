"""Steps about 审批部门: an administrator adds or renames a department on its page."""

from __future__ import annotations

import re
from typing import Any

from pytest_bdd import parsers, then, when
from sqlalchemy import select

from engine.organisation.models import Department, DepartmentChange, UserAccount

PAGE = "/admin/departments"


def snapshot(step) -> tuple:
    with step(write=False) as s:
        return (tuple(s.execute(select(Department.code, Department.name).order_by(Department.code))),
                tuple(s.scalars(select(DepartmentChange.id))))


@when(parsers.parse('系统管理员在审批部门页面新增代码"{code}"、名称"{name}"的部门'), target_fixture="outcome")
def add(person, step, code: str, name: str) -> dict[str, Any]:
    before = snapshot(step)
    response = person("admin").post(PAGE, {"code": code, "name": name}, follow_redirects=True)
    return {"before": before, "response": response, "sent": {"code": code, "name": name}}


@when(parsers.parse('综合窗口人员提交新增代码"{code}"、名称"{name}"的部门'), target_fixture="outcome")
def add_as_window(person, step, code: str, name: str) -> dict[str, Any]:
    before = snapshot(step)
    return {"before": before, "response": person("window").post(PAGE, {"code": code, "name": name})}


@when(parsers.parse('系统管理员在审批部门页面将"{old}"更名为"{new}"'), target_fixture="outcome")
def rename(person, step, old: str, new: str) -> dict[str, Any]:
    before = snapshot(step)
    admin = person("admin")
    listing = admin.get(PAGE).text
    row = re.search(rf'<th scope="row">{old}</th>.*?href="([^"]+/rename)"', listing, re.S)
    assert row is not None, f"no 重命名 link for {old}"
    assert "部门代码" in admin.get(row.group(1)).text  # the page says what changes before anything does
    response = admin.post(row.group(1), {"name": new}, follow_redirects=True)
    return {"before": before, "response": response}


@then(parsers.parse('审批部门页面提示"{message}"'))  # not 页面提示: case_migration_steps owns that phrase
def told(outcome: dict, message: str) -> None:
    assert outcome["response"].status_code == 200 and message in outcome["response"].text


@then(parsers.parse('审批部门中有代码"{code}"、名称"{name}"的部门，记有"{action}"记录'))
def department_is(step, code: str, name: str, action: str) -> None:
    with step(write=False) as s:
        assert s.get(Department, code).name == name
        change = s.scalars(select(DepartmentChange).where(DepartmentChange.department_code == code)).one()
        assert (change.action, change.name_after, change.actor_name) == (action, name, "系统管理员")


@then(parsers.parse('部门"{code}"的审批人员仍归属该部门'))
def staff_kept(step, code: str) -> None:
    with step(write=False) as s:
        assert s.scalars(select(UserAccount.username).where(UserAccount.department_code == code)).all() == [
            f"exam_{code}"]


@then(parsers.parse('名称旁提示"{message}"，填写的内容保留'))
def name_refused(outcome: dict, message: str) -> None:
    _refused_beside(outcome, "name", message)
    assert f'value="{outcome["sent"]["code"]}"' in outcome["response"].text


@then(parsers.parse('部门代码旁提示"{message}"'))
def code_refused(outcome: dict, message: str) -> None:
    _refused_beside(outcome, "code", message)


def _refused_beside(outcome: dict, field: str, message: str) -> None:
    response = outcome["response"]
    assert response.status_code == 422
    beside = re.search(rf'<p class="field-error" id="f-{field}-error">(.*?)</p>', response.text, re.S)
    assert beside is not None and message in beside.group(1) and f'href="#f-{field}"' in response.text


@then("请求被拒绝，无权访问")
def forbidden(outcome: dict) -> None:
    assert outcome["response"].status_code == 403


@then("审批部门没有任何改变")
def unchanged(step, outcome: dict) -> None:
    assert snapshot(step) == outcome["before"]
