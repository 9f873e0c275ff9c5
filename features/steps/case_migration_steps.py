"""Steps about 版本迁移: two running cases, a catalogue change, and the administrator's migration page."""

from __future__ import annotations

import re
from typing import Any

from pytest_bdd import given, parsers, then, when
from sqlalchemy import func, select

from engine.audit.models import AuditEvent
from engine.case_migration import migrate_cases
from engine.case_migration.models import CaseMigration
from engine.catalogue.store import retire_item
from engine.processes.models import ProcessInstance, ProcessSpec
from tests.support.office import Office

CODES = {"甲": "2026-420104-70-03-000001", "乙": "2026-420104-70-03-000002"}
ITEMS = {"应建防空地下室的民用建筑项目报建审批": "civil_defence_basement_approval"}
PAGE = "/admin/case-migration/"


def snapshot(step) -> dict[str, Any]:
    """What a refused request (or a preview) must leave as it was."""
    with step(write=False) as s:
        return {"instances": list(s.execute(select(ProcessInstance.id, ProcessInstance.spec_id,
                                                   ProcessInstance.revision).order_by(ProcessInstance.id))),
                "specs": s.scalar(select(func.count()).select_from(ProcessSpec)),
                "migrations": list(s.execute(select(CaseMigration.id, CaseMigration.reverted_at))),
                "audit": s.scalar(select(func.count()).select_from(AuditEvent))}


@given('在办项目"甲"停在立项用地规划许可阶段，在办项目"乙"已进入工程建设许可阶段', target_fixture="cases")
def two_cases(office: Office, step, clock) -> dict[str, Any]:
    office.new_project(CODES["甲"])
    office.new_project(CODES["乙"])
    office.finish_stage(CODES["乙"])
    clock.advance(minutes=1)
    return {"before": None}


@given(parsers.parse('事项目录取消了社会投资一般项目的"{item}"'))
def item_retired(office: Office, step, clock, cases: dict, item: str) -> None:
    with office.step() as s:
        retire_item(s, ITEMS[item], "social_investment_project", office.runtime.now())
    clock.advance(minutes=1)
    cases["before"] = snapshot(step)


@given("系统管理员已迁移在办项目")
def migrated(office: Office, step, cases: dict) -> None:
    with office.step() as s:
        migrate_cases(s, office.runtime, office.actor(s, "admin"), None)
    cases["before"] = snapshot(step)


@given('项目"甲"随后办理了一步')
def acted(office: Office, step, cases: dict) -> None:
    office.act(CODES["甲"], "apply")
    cases["before"] = snapshot(step)


@when("系统管理员在版本迁移页面预览", target_fixture="page")
def preview(person) -> str:
    admin = person("admin")
    start = admin.get("/", follow_redirects=True).text
    assert f'href="{PAGE}"' in start  # reached from the navigation, not a typed address
    return admin.get(PAGE + "?category=&preview=1").text


@when("系统管理员在版本迁移页面迁移下一批", target_fixture="page")
def migrate(person) -> str:
    return person("admin").post(PAGE + "migrate", {"category": "", "batch": "100"}, follow_redirects=True).text


@when(parsers.parse('系统管理员撤销项目"{name}"的迁移'), target_fixture="page")
def revert(person, step, name: str) -> str:
    with step(write=False) as s:
        migration_id = s.scalar(select(CaseMigration.id).where(CaseMigration.project_code == CODES[name]))
    return person("admin").post(f"{PAGE}{migration_id}/revert", follow_redirects=True).text


def _row(page: str, code: str) -> str:
    return re.search(rf"<tr><td>{code}<br>.*?</tr>", page, re.S).group(0)


@then(parsers.parse('预览中项目"甲"的工程建设许可阶段为"{moves}"，项目"乙"的为"{keeps}"'))
def previewed(page: str, moves: str, keeps: str) -> None:
    assert moves in _row(page, CODES["甲"]) and keeps not in _row(page, CODES["甲"])
    assert keeps in _row(page, CODES["乙"]) and moves not in _row(page, CODES["乙"])


@then("没有任何数据改变")
def nothing_changed(step, cases: dict) -> None:
    assert snapshot(step) == cases["before"]


@then(parsers.parse('页面提示"{message}"'))
def told(page: str, message: str) -> None:
    assert message in page


@then('项目"甲"已迁移并记入审计，项目"乙"未改变')
def moved_and_kept(step, cases: dict) -> None:
    before = {i: (spec, rev) for i, spec, rev in cases["before"]["instances"]}
    with step(write=False) as s:
        a, b = (s.scalars(select(ProcessInstance).where(ProcessInstance.project_code == CODES[n])).one()
                for n in ("甲", "乙"))
        assert a.spec_id != before[a.id][0]
        assert (b.spec_id, b.revision) == before[b.id]
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.project_code == CODES["甲"], AuditEvent.action == "migrate_case")) == 1


@then("项目\"甲\"进入工程建设许可阶段后没有人民防空办公室的审查")
def no_civil_defence_review(office: Office) -> None:
    office.finish_stage(CODES["甲"])
    office.act(CODES["甲"], "apply")
    office.act(CODES["甲"], "accept")
    departments = {i.department_code for i in office.items(CODES["甲"]) if i.bpmn_id.startswith("review_")}
    assert departments and "civil_defence" not in departments


@then('项目"甲"恢复原流程版本，审计中记有撤销')
def reverted(step, cases: dict, page: str) -> None:
    assert "已撤销项目" in page
    with step(write=False) as s:
        migration = s.scalars(select(CaseMigration)).one()
        instance = s.get(ProcessInstance, migration.instance_id)
        assert instance.spec_id == migration.from_spec_id and migration.reverted_at is not None
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "revert_case_migration")) == 1


@then(parsers.parse('页面提示"{message}"，且未改变任何数据'))
def refused(step, cases: dict, page: str, message: str) -> None:
    assert message in page
    assert snapshot(step) == cases["before"]
