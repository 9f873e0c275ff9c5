"""The ``approval`` command (click): database set-up, the office's organisation, accounts, holiday
schedules, timers, models and the demo job. ``webapp.cli`` adds ``serve``.

Each command is one transaction (``engine.db.transaction``), like a web request. Passwords are never
arguments (they would sit in the shell history and the process list): they are prompted for, or read
from standard input with ``--password-stdin``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from functools import update_wrapper
from pathlib import Path
from typing import Any

import click
from sqlalchemy import Engine

from . import schema
from .catalogue import categories
from .config import database_url
from .db import make_engine, transaction
from .errors import EngineError, FormRejected
from .organisation.accounts import user_by_username
from .organisation.actors import actor_for
from .organisation.administration import NewAccount, list_accounts, register_account, set_active, set_password
from .organisation.lanes import ROLES
from .processes.workflow import STATUS_NAMES
from .project_view.progress import ProjectProgress, progress
from .runtime import Runtime
from .time_limits.ledger import ClockLine, clock_lines


@click.group(name="approval", help="工程建设项目审批系统")
@click.option("--database", help="SQLAlchemy URL（默认：$APPROVAL_DATABASE_URL 或 ./var/approval.sqlite3）")
@click.pass_context
def cli(ctx: click.Context, database: str | None) -> None:
    ctx.obj = {"database": database}


def with_engine(f: Callable[..., Any]) -> Callable[..., Any]:
    """Give the command a database engine and a runtime; an engine error becomes one clear line and exit 1."""

    @click.pass_context
    def run(ctx: click.Context, *args: Any, **kwargs: Any) -> Any:
        engine = make_engine(database_url(ctx.obj["database"]))
        try:
            return f(engine, Runtime(), *args, **kwargs)
        except EngineError as exc:
            fail(_describe(exc))
        finally:
            engine.dispose()  # a command owns its connections; callers such as tests may run many commands

    return update_wrapper(run, f)


def fail(message: str) -> None:
    click.echo(f"错误：{message}", err=True)
    raise click.exceptions.Exit(1)


def _describe(exc: EngineError) -> str:
    if isinstance(exc, FormRejected):
        return "；".join(f"{field}：{'，'.join(msgs)}" for field, msgs in exc.field_errors.items())
    details = "，".join(f"{key}={value}" for key, value in exc.context.items())
    return exc.message + (f"（{details}）" if details else "")


@cli.group(help="数据库")
def db() -> None:
    pass


@db.command("upgrade", help="创建或升级数据库结构（每次发布后运行一次）")
@with_engine
def db_upgrade(engine: Engine, runtime: Runtime) -> None:
    before, after = schema.upgrade(engine)
    if before is None:
        click.echo(f"已创建数据库（版本 {after}）")
    elif before != after:
        click.echo(f"数据库已从版本 {before} 升级到 {after}")
    else:
        click.echo(f"数据库已是最新版本（{after}）")


@cli.command("setup", help="设立办事机构：升级数据库，载入部门、事项目录与项目类别（不创建任何账号）")
@with_engine
def setup(engine: Engine, runtime: Runtime) -> None:
    from .office_setup import set_up_office

    schema.upgrade(engine)
    with transaction(engine) as session:
        done = set_up_office(session, runtime)
    click.echo(f"已设立：{done.departments} 个部门，{done.categories} 类项目，事项目录 {done.catalogue_items} 条")


@cli.command("demo", help="演示：一个社会投资一般项目走完四个阶段（创建公开密码的演示账号，勿在生产库运行）")
@with_engine
def demo(engine: Engine, runtime: Runtime) -> None:
    from .demo import DEMO_OWNER, drive_one_action, register_demo_project, seed_demo_people

    schema.upgrade(engine)
    with transaction(engine) as session:
        seed_demo_people(session, runtime)
        code = register_demo_project(session, runtime).code
    click.echo(f"演示项目 {code} 已登记并启动审批")
    actions = 0
    while True:
        with transaction(engine) as session:  # one transaction per action, as in production
            name = drive_one_action(session, runtime, code)
        if name is None:
            break
        actions += 1
        click.echo(f"  {actions:>2}. {name}")
    with transaction(engine, write=False) as session:
        owner = user_by_username(session, DEMO_OWNER)
        assert owner is not None  # seeded above
        _print_progress(progress(session, actor_for(session, owner.id), code))
        _print_provisional(clock_lines(session, code, runtime.now()))


def _print_provisional(lines: list[ClockLine]) -> None:
    """Which deadlines counted on a year whose holiday schedule is not published yet (they move when it is)."""
    provisional = [line for line in lines if line.provisional]
    if not provisional:
        click.echo("\n办理时限：全部按已公布的节假日安排计算")
        return
    click.echo(f"\n办理时限：{len(provisional)} 项截止日期为暂定"
               "（该年节假日安排尚未公布，按法定节假日暂定，公布后自动调整）")
    for line in provisional:
        name = line.label if line.label == line.stage else f"{line.stage}·{line.label}"
        click.echo(f"  {name}：截止 {line.deadline}（暂定）")


def _print_progress(report: ProjectProgress) -> None:
    status = STATUS_NAMES.get(report.instance_status or "", "未启动")
    click.echo(f"\n项目 {report.project_code} {report.project_name}：{status}")
    for stage in report.stages:
        approved = sum(1 for d in stage.decisions if d.outcome in {"approve", "accept", "issued"})
        click.echo(f"  阶段{stage.number} {stage.name}：{stage.status}（申报 {stage.rounds} 次，"
                   f"决定 {len(stage.decisions)} 项，其中同意/受理/核发 {approved} 项）")


@cli.group(help="节假日安排")
def calendar() -> None:
    pass


@calendar.command("load", help="载入国务院办公厅公布的某年节假日安排（date,kind,note 每行一天）")
@click.argument("file")
@with_engine
def calendar_load(engine: Engine, runtime: Runtime, file: str) -> None:
    """Loading moves every open deadline and pending timer the schedule changes, in one transaction."""
    from .clocks import OverrideFileError
    from .schedules import load_schedule_file

    try:
        text = Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"无法读取文件 {file}（{exc.__class__.__name__}）")
    schema.upgrade(engine)
    try:
        with transaction(engine) as session:
            loaded = load_schedule_file(session, runtime, None, text, file)
    except OverrideFileError as exc:
        fail(f"{exc}（文件未载入，什么都没有改变）")
    if loaded.preview.unchanged:
        click.echo(f"{loaded.year} 年节假日安排与已载入的相同，没有改变")
        return
    click.echo(f"已载入 {loaded.year} 年节假日安排；调整办理期限 {len(loaded.changes)} 项，"
               f"定时器 {loaded.preview.moved_timers} 个")
    for change in loaded.changes:
        click.echo(f"  {change.project_code} {change.stage}·{change.label}："
                   f"{change.old_deadline} → {change.new_deadline}")


def repeat(run: Callable[[], str], once: bool, interval: float) -> None:
    """A worker command's loop: run, print what it did, then stop (``--once``) or wait ``interval`` seconds."""
    while True:
        click.echo(run())
        if once:
            return
        time.sleep(interval)


@cli.group(help="定时器")
def timers() -> None:
    pass


@timers.command("run", help="触发到期的定时器（可多个进程、多台机器同时运行）")
@click.option("--once", is_flag=True, help="处理完当前到期的定时器后退出")
@click.option("--interval", type=float, default=30.0, show_default=True, help="两次扫描之间的秒数")
@with_engine
def timers_run(engine: Engine, runtime: Runtime, once: bool, interval: float) -> None:
    from .sweeper import sweep

    repeat(lambda: f"已触发 {sweep(engine, runtime)} 个到期定时器", once, interval)


@cli.group(help="证照")
def certificates() -> None:
    pass


@certificates.command("render", help="生成尚未生成PDF的证照（签发后通常已即时生成；可多个进程同时运行）")
@click.option("--once", is_flag=True, help="处理完当前待生成的证照后退出")
@click.option("--interval", type=float, default=30.0, show_default=True, help="两次扫描之间的秒数")
@with_engine
def certificates_render(engine: Engine, runtime: Runtime, once: bool, interval: float) -> None:
    from .issuance import render_pending

    repeat(lambda: f"已生成 {render_pending(engine)} 份证照PDF", once, interval)


@cli.group(help="办件提醒（邮件、短信）")
def notifications() -> None:
    pass


@notifications.command("deliver", help="投递发件箱中的邮件和短信（可多个进程、多台机器同时运行）")
@click.option("--once", is_flag=True, help="投递完当前到期的消息后退出")
@click.option("--interval", type=float, default=10.0, show_default=True, help="两次投递之间的秒数")
@click.option("--batch", type=click.IntRange(1, 1000), default=50, show_default=True, help="每次认领的条数")
@with_engine
def notifications_deliver(engine: Engine, runtime: Runtime, once: bool, interval: float, batch: int) -> None:
    """Settings: ``APPROVAL_SMTP_*``, ``APPROVAL_SMS_PROVIDER``, ``APPROVAL_NOTIFY_*`` (notifications.settings)."""
    from .notifications.outbox import Round
    from .notifications.settings import delivery_settings
    from .notifications.worker import build_channels, deliver_forever, deliver_once

    settings = delivery_settings()
    channels = build_channels(settings)

    def report(done: Round) -> None:
        click.echo(f"已发送 {done.sent} 条，仅记录到日志 {done.logged} 条，待重试 {done.retrying} 条，"
                   f"失败 {done.failed} 条")

    if "email" not in channels:
        click.echo("未配置 APPROVAL_SMTP_HOST：本进程不投递邮件（邮件留在发件箱中）", err=True)
    if once:
        report(deliver_once(engine, runtime, settings, channels, batch=batch))
        return
    deliver_forever(engine, runtime, settings, channels, interval, report, batch=batch)


@cli.group(help="在办项目")
def cases() -> None:
    pass


@cases.command("migrate", help="事项目录调整后，把在办项目尚未进入的阶段迁移到现行目录（默认只预览）")
@click.option("--admin", required=True, help="执行迁移的系统管理员账号（记入审计）")
@click.option("--category", help="只迁移该类别的项目（默认全部类别）")
@click.option("--batch", type=int, default=100, show_default=True, help="每批迁移的项目数（每批一个事务）")
@click.option("--apply", "apply_", is_flag=True, help="执行迁移（不加此项只预览，不作任何更改）")
@with_engine
def cases_migrate(engine: Engine, runtime: Runtime, admin: str, category: str | None, batch: int,
                  apply_: bool) -> None:
    from .case_migration import command

    if apply_:
        command.migrate(engine, runtime, admin, category, batch)
    else:
        command.dry_run(engine, runtime, admin, category)


@cli.group(help="电子监察")
def supervision() -> None:
    pass


@supervision.command("rebuild", help="由全部计时记录重新计算电子监察统计（批量导入计时记录后运行）")
@with_engine
def supervision_rebuild(engine: Engine, runtime: Runtime) -> None:
    from .supervision.rebuild import rebuild

    schema.upgrade(engine)
    with transaction(engine) as session:
        done = rebuild(session)
    click.echo(f"已重新计算电子监察统计：计时记录 {done.events} 条，统计行 {done.tally_rows} 行，"
               f"未结束的事项计时 {done.open_clocks} 个，项目 {done.projects} 个")


@cli.group(help="计时")
def clocks() -> None:
    pass


@clocks.command("rebuild", help="由全部计时记录重新计算各计时的当前状态（批量导入计时记录后运行）")
@with_engine
def clocks_rebuild(engine: Engine, runtime: Runtime) -> None:
    from .time_limits.states import rebuild_states

    schema.upgrade(engine)
    with transaction(engine) as session:
        done = rebuild_states(session)
    click.echo(f"已重新计算计时状态：{done} 个计时")


@cli.group(help="审批流程模型")
def models() -> None:
    pass


@models.command("export", help="按现行事项目录生成各类项目的审批流程模型（BPMN），写入目录")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--category", type=click.Choice(sorted(categories())), help="只导出该类别（默认全部）")
@with_engine
def models_export(engine: Engine, runtime: Runtime, directory: str, category: str | None) -> None:
    from .catalogue import approval_files

    schema.upgrade(engine)
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    with transaction(engine) as session:
        for code in [category] if category else list(categories()):
            folder = out / code
            folder.mkdir(exist_ok=True)
            for name, xml in approval_files(session, code, runtime.now()).items():
                (folder / name).write_text(xml, encoding="utf-8")
                click.echo(folder / name)


@cli.group(help="账号管理")
def users() -> None:
    pass


password_stdin = click.option("--password-stdin", is_flag=True,
                              help="从标准输入读取密码（一行），用于脚本；否则交互输入两次")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("密码", hide_input=True, confirmation_prompt="再次输入密码"))


@users.command("create", help="创建账号（密码交互输入或 --password-stdin，从不作为参数）")
@click.option("--username", required=True)
@click.option("--name", "display_name", required=True, help="显示名称")
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--department", help="部门代码（审批人员、部门负责人必填）")
@click.option("--organisation", help="单位名称（建设单位、测绘单位）")
@password_stdin
@with_engine
def users_create(engine: Engine, runtime: Runtime, *, username: str, display_name: str, role: str,  # noqa: PLR0913
                 department: str | None, organisation: str | None, password_stdin: bool) -> None:
    new = NewAccount(username, display_name, role, _password(password_stdin), department, organisation)
    with transaction(engine) as session:
        user = register_account(session, runtime, None, new)
        click.echo(f"已创建账号 {user.username}（{user.display_name}）")


@users.command("set-password", help="设置或重置密码（该账号已登录的会话随即失效）")
@click.argument("username")
@password_stdin
@with_engine
def users_set_password(engine: Engine, runtime: Runtime, username: str, password_stdin: bool) -> None:
    password = _password(password_stdin)
    with transaction(engine) as session:
        ended = set_password(session, runtime, None, username, password)
    click.echo(f"已设置 {username} 的密码，结束 {ended} 个会话")


@users.command("disable", help="停用账号（已登录的会话随即失效）")
@click.argument("username")
@with_engine
def users_disable(engine: Engine, runtime: Runtime, username: str) -> None:
    with transaction(engine) as session:
        ended = set_active(session, runtime, None, username, active=False)
    click.echo(f"已停用 {username}，结束 {ended} 个会话")


@users.command("enable", help="重新启用账号")
@click.argument("username")
@with_engine
def users_enable(engine: Engine, runtime: Runtime, username: str) -> None:
    with transaction(engine) as session:
        set_active(session, runtime, None, username, active=True)
    click.echo(f"已启用 {username}")


@users.command("list", help="列出账号")
@with_engine
def users_list(engine: Engine, runtime: Runtime) -> None:
    with transaction(engine, write=False) as session:
        for row in list_accounts(session, None):
            state = "" if row.active else "（已停用）"
            click.echo(f"{row.username}\t{row.display_name}\t{row.role_name}\t{row.department_name or ''}{state}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns its exit status (for ``python -m engine.cli`` and embedding)."""
    return run_cli(cli, argv)


def run_cli(group: click.Group, argv: Sequence[str] | None) -> int:
    try:
        group.main(args=list(argv) if argv is not None else None, prog_name="approval", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("已取消", err=True)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
