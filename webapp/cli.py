"""The ``approval`` command: the engine's commands (``db upgrade``, ``users create``, ``demo``) plus
``serve``, which runs the web application on the built-in server.

``approval serve`` is for trying the system out: it brings the database up to date and seeds the demo
people and a demo project when the database has no accounts (``--no-demo`` to skip). In production
run ``gunicorn -w 2 'webapp.wsgi:app'`` instead (see ``webapp.wsgi``).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from engine import cli as engine_cli


def build_parser() -> argparse.ArgumentParser:
    parser = engine_cli.build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    serve = commands.add_parser("serve", help="启动网站（开发与演示用；生产环境请用 gunicorn webapp.wsgi:app）")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    serve.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    serve.add_argument("--no-demo", action="store_true", help="不创建演示账号和演示项目")
    serve.set_defaults(serve=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "serve", False):
        return serve(args)
    return engine_cli.main(argv)


def serve(args: argparse.Namespace) -> int:
    from . import create_app

    app = create_app({"DATABASE_URL": args.database, "SEED_DEMO": not args.no_demo})
    print(f"工程建设项目审批：http://{args.host}:{args.port}/  （Ctrl+C 停止）")
    app.run(host=args.host, port=args.port, debug=False, use_reloader=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
