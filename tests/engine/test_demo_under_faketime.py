"""`approval demo` with the *system* clock set to December, a provisional year and a later one (libfaketime), on a
fresh database each time: it exits 0 and says which deadlines are provisional (it died in December 2026)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FAKETIME = shutil.which("faketime")
RUN_DEMO = "from webapp.cli import main; raise SystemExit(main(['demo']))"


@pytest.mark.parametrize(("now", "provisional_year"), [
    ("2026-12-15 10:00:00", "2027"), ("2027-03-01 10:00:00", "2027"), ("2028-06-01 10:00:00", "2028")])
def test_the_demo_runs_under_a_fake_system_clock(tmp_path: Path, now: str, provisional_year: str) -> None:
    assert FAKETIME, "libfaketime is missing: apt-get install faketime (.ci/test installs it)"
    env = {**os.environ, "APPROVAL_DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
           "APPROVAL_PASSWORD_COST": "fast"}
    done = subprocess.run([FAKETIME, now, sys.executable, "-c", RUN_DEMO], check=False, cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "竣工验收：已办结" in done.stdout
    assert "截止日期为暂定" in done.stdout and f"截止 {provisional_year}-" in done.stdout
    assert "（暂定）" in done.stdout
