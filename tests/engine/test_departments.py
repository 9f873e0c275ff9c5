"""审批部门 in the engine: an administrator adds one or renames one (the code stays); each change is recorded;
every refusal (not an administrator, a taken code or name, a bad code, a bad name) changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine import FormRejected, NotAllowed, NotFound, add_department, department_names, rename_department
from engine.organisation.models import Department, DepartmentChange, UserAccount


def snapshot(step) -> tuple:
    with step(write=False) as s:
        departments = tuple(s.execute(select(Department.code, Department.name).order_by(Department.code)))
        changes = tuple(s.execute(select(DepartmentChange.id).order_by(DepartmentChange.id)))
    return departments, changes


def test_an_administrator_adds_a_department(office, step) -> None:
    with step() as s:
        added = add_department(s, office.runtime, office.actor(s, "admin"),
                               {"code": "market_regulation", "name": " 市场监督管理局 "})
        assert (added.code, added.name) == ("market_regulation", "市场监督管理局")
    with step(write=False) as s:
        assert department_names(s)["market_regulation"] == "市场监督管理局"
        change = s.scalars(select(DepartmentChange)).one()
        admin = s.scalars(select(UserAccount).where(UserAccount.username == "admin")).one()
        assert (change.action, change.name_before, change.name_after, change.actor_id, change.changed_at) == (
            "added", None, "市场监督管理局", admin.id, office.runtime.now())


def test_a_rename_keeps_the_code_and_what_refers_to_it(office, step) -> None:
    with step(write=False) as s:
        staff = s.scalars(select(UserAccount.username).where(UserAccount.department_code == "water_affairs")).all()
        old = s.get(Department, "water_affairs").name
    with step() as s:
        before, renamed = rename_department(s, office.runtime, office.actor(s, "admin"), "water_affairs",
                                            {"name": "水利和水务局"})
        assert (before, renamed.code, renamed.name) == (old, "water_affairs", "水利和水务局")
    with step(write=False) as s:
        assert department_names(s)["water_affairs"] == "水利和水务局"
        assert s.scalars(select(UserAccount.username).where(UserAccount.department_code == "water_affairs")
                         ).all() == staff
        change = s.scalars(select(DepartmentChange)).one()
        assert (change.action, change.name_before, change.name_after) == ("renamed", old, "水利和水务局")


def test_renaming_back_to_the_name_in_the_process_models_is_allowed(office, step) -> None:
    with step() as s:
        old, _ = rename_department(s, office.runtime, office.actor(s, "admin"), "water_affairs", {"name": "水务局甲"})
        rename_department(s, office.runtime, office.actor(s, "admin"), "water_affairs", {"name": old})
    with step(write=False) as s:
        assert s.get(Department, "water_affairs").name == old


@pytest.mark.parametrize(("data", "field"), [
    ({"code": "natural_resources", "name": "市场监督管理局"}, "code"),  # code taken
    ({"code": "market_regulation", "name": "自然资源和规划局"}, "name"),  # name taken
    ({"code": "market_regulation", "name": "综合窗口"}, "name"),  # a lane of the process models
    ({"code": "Market Regulation", "name": "市场监督管理局"}, "code"),
    ({"code": "market__regulation", "name": "市场监督管理局"}, "code"),
    ({"code": "1market", "name": "市场监督管理局"}, "code"),
    ({"code": "c" * 41, "name": "市场监督管理局"}, "code"),
    ({"code": "market_regulation", "name": "人"}, "name"),
    ({"code": "market_regulation", "name": "人" * 41}, "name"),
    ({"code": "market_regulation"}, "name"),
])
def test_a_bad_new_department_changes_nothing(office, step, data, field) -> None:
    before = snapshot(step)
    with pytest.raises(FormRejected) as caught, step() as s:
        add_department(s, office.runtime, office.actor(s, "admin"), data)
    assert field in caught.value.field_errors
    assert snapshot(step) == before


@pytest.mark.parametrize(("name", "code"), [("自然资源和规划局", "water_affairs"), ("", "water_affairs"),
                                            ("局", "water_affairs")])
def test_a_bad_rename_changes_nothing(office, step, name, code) -> None:
    before = snapshot(step)
    with pytest.raises(FormRejected) as caught, step() as s:
        rename_department(s, office.runtime, office.actor(s, "admin"), code, {"name": name})
    assert "name" in caught.value.field_errors
    assert snapshot(step) == before


def test_renaming_to_the_same_name_or_an_unknown_department_changes_nothing(office, step) -> None:
    before = snapshot(step)
    with step(write=False) as s:
        same = s.get(Department, "water_affairs").name
    with pytest.raises(FormRejected), step() as s:
        rename_department(s, office.runtime, office.actor(s, "admin"), "water_affairs", {"name": same})
    with pytest.raises(NotFound), step() as s:
        rename_department(s, office.runtime, office.actor(s, "admin"), "nowhere", {"name": "某某局"})
    assert snapshot(step) == before


@pytest.mark.parametrize("username", ["supervisor", "window", "exam_natural_resources", "owner"])
def test_only_an_administrator_adds_or_renames(office, step, username) -> None:
    before = snapshot(step)
    with pytest.raises(NotAllowed), step() as s:
        add_department(s, office.runtime, office.actor(s, username),
                       {"code": "market_regulation", "name": "市场监管局"})
    with pytest.raises(NotAllowed), step() as s:
        rename_department(s, office.runtime, office.actor(s, username), "water_affairs", {"name": "水务局乙"})
    assert snapshot(step) == before
