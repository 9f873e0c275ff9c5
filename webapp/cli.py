"""The ``approval`` command: the engine's commands (``engine.cli``) plus ``serve``, which runs the web
application on the built-in server.

``approval serve`` is for trying the system out: it brings the database up to date and seeds the demo
people and a demo project when the database has no accounts (``--no-demo`` to skip). In production run
gunicorn instead (README, "Production"; ``webapp.wsgi``).
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from engine.cli import cli, run_cli


@cli.command("serve", help="启动网站（开发与演示用；生产环境请用 gunicorn webapp.wsgi:app）")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址")
@click.option("--port", type=int, default=8000, show_default=True, help="端口")
@click.option("--no-demo", is_flag=True, help="不创建演示账号和演示项目")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, no_demo: bool) -> None:
    from . import create_app

    app = create_app({"DATABASE_URL": ctx.obj["database"], "SEED_DEMO": not no_demo, "ENVIRONMENT": "development"})
    click.echo(f"工程建设项目审批：http://{host}:{port}/  （Ctrl+C 停止）")
    app.run(host=host, port=port, debug=False, use_reloader=False)


def main(argv: Sequence[str] | None = None) -> int:
    return run_cli(cli, argv)


if __name__ == "__main__":
    raise SystemExit(main())
