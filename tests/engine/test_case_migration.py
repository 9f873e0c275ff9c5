"""版本迁移 in the engine: after an item leaves the catalogue, a case that has not entered that stage moves to
today's models (and its stage then runs without the item), a case inside the stage keeps its rules and is
listed; the dry run writes nothing; a move is reversible until the case's next action."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from engine.audit.models import AuditEvent
from engine.case_migration import migrate_cases, migration_history, preview_migration, revert_migration
from engine.catalogue.store import retire_item
from engine.cli import cli
from engine.errors import InvalidState, NotAllowed
from engine.processes.models import ProcessInstance, ProcessSpec

RETIRED = "civil_defence_basement_approval"
CATEGORY = "social_investment_project"


@pytest.fixture
def cases(office, clock, scene) -> dict[str, str]:
    """Project A waits in stage 1; project B has entered stage 2; then the 人防 review leaves the catalogue."""
    return scene("人防 retired with a project on each side", lambda: _retire_with_two_projects(office, clock))


def _retire_with_two_projects(office, clock) -> dict[str, str]:
    office.seed()
    a, _ = office.new_project("2026-420104-70-03-000001")
    b, _ = office.new_project("2026-420104-70-03-000002")
    office.finish_stage(b)
    clock.advance(minutes=1)
    with office.step() as s:
        retire_item(s, RETIRED, CATEGORY, office.runtime.now())
    clock.advance(minutes=1)
    return {"waiting": a, "inside": b}


def test_the_dry_run_says_what_moves_stage_by_stage_and_writes_nothing(office, cases) -> None:
    before = _state(office)
    with office.step(write=False) as s:
        plans = {p.project_code: p for p in preview_migration(s, office.runtime, office.actor(s, "admin"), None)}
    waiting, inside = plans[cases["waiting"]], plans[cases["inside"]]
    assert [c.outcome for c in waiting.stages] == ["unchanged", "moves", "unchanged", "unchanged"]
    assert waiting.movable and not waiting.blocked
    assert [c.outcome for c in inside.stages] == ["unchanged", "keeps", "unchanged", "unchanged"]
    assert inside.blocked and "保持原规则" in inside.reason
    assert _state(office) == before


def test_a_batch_moves_the_waiting_case_and_leaves_the_other_untouched(office, cases) -> None:
    inside_before = _instance(office, cases["inside"])
    with office.step() as s:
        run = migrate_cases(s, office.runtime, office.actor(s, "admin"), CATEGORY, batch_size=10)
    assert [p.project_code for p in run.moved] == [cases["waiting"]]
    assert [p.project_code for p in run.left] == [cases["inside"]] and run.remaining == 0
    assert _instance(office, cases["inside"]) == inside_before
    assert _audited(office, cases["waiting"], "migrate_case") == 1
    office.finish_stage(cases["waiting"])  # stage 1, then stage 2 opens on today's models
    office.act(cases["waiting"], "apply")
    office.act(cases["waiting"], "accept")
    reviews = {i.department_code for i in office.items(cases["waiting"]) if i.bpmn_id.startswith("review_")}
    assert "civil_defence" not in reviews and reviews


def test_batches_are_limited_and_the_rest_waits_for_the_next(office, cases) -> None:
    third, _ = office.new_project("2026-420104-70-03-000003")  # started after the change: nothing to move
    with office.step() as s:
        run = migrate_cases(s, office.runtime, office.actor(s, "admin"), None, batch_size=1)
    assert len(run.moved) == 1 and run.remaining == 0 and third not in [p.project_code for p in run.left]


def test_a_move_is_reversible_until_the_next_action(office, cases) -> None:
    original = _instance(office, cases["waiting"])[0]
    with office.step() as s:
        migrate_cases(s, office.runtime, office.actor(s, "admin"), CATEGORY)
    with office.step() as s:
        (row,) = migration_history(s, office.actor(s, "admin"))
        assert row.reversible
        revert_migration(s, office.runtime, office.actor(s, "admin"), row.migration.id)
    assert _instance(office, cases["waiting"])[0] == original
    assert _audited(office, cases["waiting"], "revert_case_migration") == 1
    with office.step() as s:
        migrate_cases(s, office.runtime, office.actor(s, "admin"), CATEGORY)
    office.act(cases["waiting"], "apply")
    before = _state(office)
    with office.step() as s, pytest.raises(InvalidState, match="已有办理动作"):
        newest = migration_history(s, office.actor(s, "admin"))[0]
        assert not newest.reversible
        revert_migration(s, office.runtime, office.actor(s, "admin"), newest.migration.id)
    assert _state(office) == before


def test_only_an_administrator_migrates_and_a_bad_batch_changes_nothing(office, cases) -> None:
    before = _state(office)
    with office.step() as s, pytest.raises(NotAllowed):
        migrate_cases(s, office.runtime, office.actor(s, "window"), None)
    with office.step() as s, pytest.raises(InvalidState):
        migrate_cases(s, office.runtime, office.actor(s, "admin"), None, batch_size=0)
    assert _state(office) == before


def _instance(office, code: str) -> tuple[int, str, str]:
    with office.step(write=False) as s:
        instance = s.scalars(select(ProcessInstance).where(ProcessInstance.project_code == code)).one()
        return instance.spec_id, instance.revision, instance.state


def _audited(office, code: str, action: str) -> int:
    with office.step(write=False) as s:
        return s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.project_code == code, AuditEvent.action == action))


def _state(office) -> tuple:
    with office.step(write=False) as s:
        return (tuple(s.execute(select(ProcessInstance.id, ProcessInstance.spec_id, ProcessInstance.revision)
                                .order_by(ProcessInstance.id))),
                s.scalar(select(func.count()).select_from(ProcessSpec)),
                s.scalar(select(func.count()).select_from(AuditEvent)))


def test_the_command_previews_then_migrates_in_batches(office, cases, db_url) -> None:
    def run(*args: str):
        return CliRunner().invoke(cli, ["--database", db_url, "cases", "migrate", "--admin", "admin", *args])

    before = _state(office)
    preview = run()
    assert preview.exit_code == 0, preview.output
    assert "工程建设许可：迁移到现行目录" in preview.output
    assert "工程建设许可：已进入该阶段，保持原规则" in preview.output
    assert "可迁移 1 件，保持原规则 1 件" in preview.output and _state(office) == before
    applied = run("--apply", "--batch", "1")
    assert applied.exit_code == 0, applied.output
    assert "共迁移 1 件；未迁移 1 件" in applied.output and cases["inside"] in applied.output
    assert _instance(office, cases["waiting"])[0] != before[0][0][1]
    nobody = CliRunner().invoke(cli, ["--database", db_url, "cases", "migrate", "--admin", "nobody"])
    assert nobody.exit_code == 1 and "错误" in nobody.stderr
