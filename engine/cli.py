"""The ``approval`` command: database set-up, accounts, and the demo job.

Each command is one transaction (``engine.db.transaction``), like a web request.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from sqlalchemy import Engine

from . import schema
from .catalogue import categories
from .config import database_url
from .db import make_engine, transaction
from .errors import EngineError
from .organisation.accounts import create_user
from .organisation.lanes import ROLES
from .processes.workflow import STATUS_NAMES
from .projects.progress import ProjectProgress, progress
from .runtime import Runtime

Command = Callable[[argparse.Namespace, Engine, Runtime], int]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    engine = make_engine(database_url(args.database))
    try:
        return _run(args, engine)
    finally:
        engine.dispose()  # a command owns its connections; callers such as tests may run many commands


def _run(args: argparse.Namespace, engine: Engine) -> int:
    try:
        return args.handler(args, engine, Runtime())
    except EngineError as exc:
        details = "，".join(f"{key}={value}" for key, value in exc.context.items())
        print(f"错误：{exc.message}" + (f"（{details}）" if details else ""), file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="approval", description="工程建设项目审批系统")
    parser.add_argument("--database", help="SQLAlchemy URL (default: $APPROVAL_DATABASE_URL or ./var/approval.sqlite3)")
    commands = parser.add_subparsers(title="commands")
    db = commands.add_parser("db", help="数据库").add_subparsers(title="db commands")
    db.add_parser("upgrade", help="创建或升级数据库").set_defaults(handler=_db_upgrade)
    commands.add_parser("demo", help="演示：一个社会投资一般项目走完四个阶段").set_defaults(handler=_demo)
    calendar = commands.add_parser("calendar", help="节假日安排").add_subparsers(title="calendar commands")
    load = calendar.add_parser("load", help="载入国务院办公厅公布的某年节假日安排（date,kind,note 每行一天）")
    load.add_argument("file", help="文件路径，如 2027.csv；行格式 2027-02-06,holiday,春节")
    load.set_defaults(handler=_load_calendar)
    timers = commands.add_parser("timers", help="定时器").add_subparsers(title="timer commands")
    run = timers.add_parser("run", help="触发到期的定时器（可多个进程、多台机器同时运行）")
    run.add_argument("--once", action="store_true", help="处理完当前到期的定时器后退出")
    run.add_argument("--interval", type=float, default=30.0, help="两次扫描之间的秒数")
    run.set_defaults(handler=_run_timers)
    models = commands.add_parser("models", help="审批流程模型").add_subparsers(title="model commands")
    export = models.add_parser("export", help="按现行事项目录生成各类项目的审批流程模型（BPMN），写入目录")
    export.add_argument("directory")
    export.add_argument("--category", choices=sorted(categories()), help="只导出该类别（默认全部）")
    export.set_defaults(handler=_export_models)
    users = commands.add_parser("users", help="账号").add_subparsers(title="user commands")
    create = users.add_parser("create", help="创建账号")
    create.add_argument("--username", required=True)
    create.add_argument("--name", required=True, help="显示名称")
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--department", help="部门代码（审批人员、部门负责人）")
    create.add_argument("--password", help="初始密码")
    create.set_defaults(handler=_create_user)
    return parser


def _db_upgrade(args: argparse.Namespace, engine: Engine, runtime: Runtime) -> int:
    schema.upgrade(engine)
    print("数据库已是最新版本")
    return 0


def _load_calendar(args: argparse.Namespace, engine: Engine, runtime: Runtime) -> int:
    from pathlib import Path

    from .clocks import OverrideFileError
    from .time_limits.calendar_store import load_schedule

    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"错误：无法读取文件 {args.file}（{exc.__class__.__name__}）", file=sys.stderr)
        return 1
    schema.upgrade(engine)
    try:
        with transaction(engine) as session:
            year = load_schedule(session, runtime, text, args.file)
    except OverrideFileError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(f"已载入 {year} 年节假日安排")
    return 0


def _export_models(args: argparse.Namespace, engine: Engine, runtime: Runtime) -> int:
    from pathlib import Path

    from .catalogue import approval_files

    schema.upgrade(engine)
    out = Path(args.directory)
    out.mkdir(parents=True, exist_ok=True)
    with transaction(engine) as session:
        for category in [args.category] if args.category else list(categories()):
            folder = out / category
            folder.mkdir(exist_ok=True)
            for name, xml in approval_files(session, category, runtime.now()).items():
                (folder / name).write_text(xml, encoding="utf-8")
                print(folder / name)
    return 0


def _run_timers(args: argparse.Namespace, engine: Engine, runtime: Runtime) -> int:
    import time

    from .timers.sweeper import sweep

    while True:
        fired = sweep(engine, runtime)
        print(f"已触发 {fired} 个到期定时器", flush=True)
        if args.once:
            return 0
        time.sleep(args.interval)


def _create_user(args: argparse.Namespace, engine: Engine, runtime: Runtime) -> int:
    schema.upgrade(engine)
    with transaction(engine) as session:
        user = create_user(session, runtime, username=args.username, display_name=args.name, role=args.role,
                           password=args.password, department_code=args.department)
        print(f"已创建账号 {user.username}（{user.display_name}）")
    return 0


def _demo(args: argparse.Namespace, engine: Engine, runtime: Runtime) -> int:
    from .demo import demo_owner, drive_one_action, register_demo_project, seed_demo_people

    schema.upgrade(engine)
    with transaction(engine) as session:
        seed_demo_people(session, runtime)
        code = register_demo_project(session, runtime).code
    print(f"演示项目 {code} 已登记并启动审批")
    actions = 0
    while True:
        with transaction(engine) as session:  # one transaction per action, as in production
            name = drive_one_action(session, runtime, code)
        if name is None:
            break
        actions += 1
        print(f"  {actions:>2}. {name}")
    with transaction(engine, write=False) as session:
        owner = demo_owner(session)
        _print_progress(progress(session, owner, code))
    return 0


def _print_progress(report: ProjectProgress) -> None:
    status = STATUS_NAMES.get(report.instance_status or "", "未启动")
    print(f"\n项目 {report.project_code} {report.project_name}：{status}")
    for stage in report.stages:
        approved = sum(1 for d in stage.decisions if d.outcome in {"approve", "accept", "issued"})
        print(f"  阶段{stage.number} {stage.name}：{stage.status}（申报 {stage.rounds} 次，"
              f"决定 {len(stage.decisions)} 项，其中同意/受理/核发 {approved} 项）")


if __name__ == "__main__":
    raise SystemExit(main())
