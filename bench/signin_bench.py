"""Sign-in timing over HTTP against gunicorn: does the time tell whether a username exists?

Starts ``gunicorn -w 2`` on a fresh SQLite database (or ``--database-url``) with the production password
cost (Argon2id, ``APPROVAL_PASSWORD_COST=strong``), creates one account through ``approval users create``,
then alternates sign-ins with a wrong password for the existing username and for unknown ones, and
prints the median and p90 of each and their ratio (the target: medians within 10 %). The sign-in limit
is raised for the run (every attempt fails on purpose). A script that prints figures, never a test.

    .venv/bin/python bench/signin_bench.py [--requests 60] [--port 5151]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60, help="sign-ins per kind of username")
    parser.add_argument("--port", type=int, default=5151)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = _environment(args.database_url or f"sqlite:///{tmp}/signin.sqlite3")
        _approval(env, "setup")
        _approval(env, "users", "create", "--username", "known_user", "--name", "基准测试", "--role", "owner",
                  "--password-stdin", stdin="the-real-password-2026\n")
        server = subprocess.Popen([str(BIN / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{args.port}", "webapp.wsgi:app"],
                                  env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait(args.port)
            known, unknown = _measure(args.port, args.requests)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    _report(known, unknown)


def _environment(url: str) -> dict[str, str]:
    return {**os.environ, "APPROVAL_DATABASE_URL": url, "APPROVAL_SECRET_KEY": "bench-only",
            "APPROVAL_PUBLIC_BASE_URL": "https://bench.example", "APPROVAL_PASSWORD_COST": "strong",
            "APPROVAL_LOGIN_MAX_FAILURES": "1000000"}


def _approval(env: dict[str, str], *argv: str, stdin: str | None = None) -> None:
    subprocess.run([str(BIN / "approval"), *argv], env=env, cwd=ROOT, input=stdin, text=True, check=True,
                   stdout=subprocess.DEVNULL)


def _wait(port: int) -> None:
    for _ in range(120):
        try:
            if _request(port, "GET", "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not start")


def _request(port: int, method: str, path: str, body: dict | None = None) -> tuple[int, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    start = time.perf_counter()
    conn.request(method, path, json.dumps(body) if body else None, {"Content-Type": "application/json"})
    status = conn.getresponse().status
    elapsed = time.perf_counter() - start
    conn.close()
    return status, elapsed


def _measure(port: int, n: int) -> tuple[list[float], list[float]]:
    for i in range(3):  # warm both workers' hashers and connections
        _request(port, "POST", "/api/session", {"username": f"warm{i}", "password": "x"})
    known, unknown = [], []
    for i in range(n):  # alternate, so load on the machine falls on both alike
        for username, out in (("known_user", known), (f"nobody_{i}", unknown)):
            status, elapsed = _request(port, "POST", "/api/session", {"username": username, "password": "wrong-guess"})
            assert status == 403, status
            out.append(elapsed * 1000)
    return known, unknown


def _report(known: list[float], unknown: list[float]) -> None:
    def p90(xs: list[float]) -> float:
        return statistics.quantiles(xs, n=10)[-1]

    mk, mu = statistics.median(known), statistics.median(unknown)
    print(f"sign-ins per kind: {len(known)} (wrong password, HTTP 403 for both)")
    print(f"existing username: median {mk:7.1f} ms   p90 {p90(known):7.1f} ms")
    print(f"unknown username:  median {mu:7.1f} ms   p90 {p90(unknown):7.1f} ms")
    ratio = max(mk, mu) / min(mk, mu)
    print(f"median ratio {ratio:.3f} ({'within' if ratio <= 1.10 else 'NOT within'} 10 %)")


if __name__ == "__main__":
    main()
