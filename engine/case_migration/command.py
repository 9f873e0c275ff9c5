"""``approval cases migrate``: the dry run (default) and the migration in batches, one transaction per batch."""

from __future__ import annotations

import click
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ..db import transaction
from ..errors import NotFound
from ..organisation.accounts import user_by_username
from ..organisation.actors import Actor, actor_for
from ..runtime import Runtime
from .planning import CasePlan, preview_migration
from .service import migrate_cases


def dry_run(engine: Engine, runtime: Runtime, admin: str, category: str | None) -> None:
    with transaction(engine) as session:
        plans = preview_migration(session, runtime, _actor(session, admin), category)
    for plan in plans:
        click.echo(_line(plan))
    movable = sum(p.movable for p in plans)
    blocked = sum(p.blocked for p in plans)
    click.echo(f"预览（未作任何更改）：在办 {len(plans)} 件，可迁移 {movable} 件，保持原规则 {blocked} 件")


def migrate(engine: Engine, runtime: Runtime, admin: str, category: str | None, batch: int) -> None:
    left: dict[str, CasePlan] = {}
    total, remaining = 0, 1
    while remaining:
        with transaction(engine) as session:
            run = migrate_cases(session, runtime, _actor(session, admin), category, batch)
        total, remaining = total + len(run.moved), run.remaining
        left.update((p.project_code, p) for p in run.left)
        click.echo(f"第 {run.batch[:8]} 批：迁移 {len(run.moved)} 件，待下一批 {run.remaining} 件")
        if not run.moved:
            break
    for plan in left.values():
        click.echo(f"  未迁移 {plan.project_code} {plan.project_name}：{plan.reason}")
    click.echo(f"共迁移 {total} 件；未迁移 {len(left)} 件（保持原规则）")


def _actor(session: Session, username: str) -> Actor:
    account = user_by_username(session, username)
    if account is None:
        raise NotFound(f"没有账号 {username}", username=username)
    return actor_for(session, account.id)


def _line(plan: CasePlan) -> str:
    stages = "；".join(f"{s.stage_name}：{s.outcome_name}" for s in plan.stages)
    return f"{plan.project_code} {plan.project_name}（流程版本 {plan.spec_version}）{stages}"
