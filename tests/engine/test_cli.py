"""The approval command as an administrator runs it (click's CliRunner): clear errors, nothing stored on
bad input; set-up without demo accounts; account administration with passwords never as arguments."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from engine import authenticate, transaction
from engine.cli import cli
from engine.organisation.models import Department, SignInSession, UserAccount
from engine.time_limits.models import CalendarDay, CalendarYear

PASSWORD = "correct-horse-2026"


@pytest.fixture
def run(db_url):
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None):
        return runner.invoke(cli, ["--database", db_url, *args], input=stdin)

    return invoke


def count(db, model) -> int:
    with transaction(db, write=False) as s:
        return s.scalar(select(func.count()).select_from(model))


def days_stored(db) -> int:
    return count(db, CalendarDay) + count(db, CalendarYear)


def test_loading_a_missing_or_malformed_schedule_fails_clearly_and_stores_nothing(db, run, tmp_path: Path):
    missing = run("calendar", "load", str(tmp_path / "none.csv"))
    assert missing.exit_code == 1 and "无法读取文件" in missing.stderr
    bad = tmp_path / "2027.csv"
    bad.write_text("2027-01-01,holiday,元旦\n2027-13-01,holiday,不存在的日子\n", encoding="utf-8")
    result = run("calendar", "load", str(bad))
    assert result.exit_code == 1 and "line 2" in result.stderr
    assert days_stored(db) == 0


def test_loading_a_schedule_declares_the_year(db, run, tmp_path: Path):
    good = tmp_path / "2027.csv"
    good.write_text("2027-01-01,holiday,元旦\n2027-02-14,workday,春节调休\n", encoding="utf-8")
    result = run("calendar", "load", str(good))
    assert result.exit_code == 0 and "已载入 2027 年" in result.stdout
    assert days_stored(db) == 3


def test_upgrade_on_an_empty_database_says_it_created_it(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    first = CliRunner().invoke(cli, ["--database", url, "db", "upgrade"])
    assert first.exit_code == 0 and "已创建数据库" in first.stdout and "最新" not in first.stdout
    again = CliRunner().invoke(cli, ["--database", url, "db", "upgrade"])
    assert "数据库已是最新版本" in again.stdout


def test_setup_creates_the_organisation_and_no_account(db, run):
    result = run("setup")
    assert result.exit_code == 0, result.output
    assert "16 个部门" in result.stdout  # 11 departments and 5 utility companies (utility_companies.tsv)
    assert count(db, Department) == 16 and count(db, UserAccount) == 0
    assert run("setup").exit_code == 0 and count(db, Department) == 16  # idempotent


def test_an_examiner_is_created_after_setup_with_a_password_from_stdin(db, run, runtime):
    run("setup")
    result = run("users", "create", "--username", "zhang", "--name", "张审批", "--role", "examiner",
                 "--department", "natural_resources", "--password-stdin", stdin=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    with transaction(db) as s:
        assert authenticate(s, "zhang", PASSWORD).department_code == "natural_resources"


def test_the_password_is_prompted_twice_when_not_piped(db, run):
    run("setup")
    result = run("users", "create", "--username", "li", "--name", "李窗口", "--role", "window_clerk",
                 stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert count(db, UserAccount) == 1


def test_a_password_is_never_an_argument(db, run):
    result = run("users", "create", "--username", "x", "--name", "X", "--role", "owner", "--password", PASSWORD)
    assert result.exit_code == 2 and "--password" in result.output
    assert count(db, UserAccount) == 0


@pytest.mark.parametrize(("args", "message"), [
    (("--role", "examiner"), "须指定所属部门"),
    (("--role", "examiner", "--department", "nowhere"), "部门不存在（department_code=nowhere）"),
])
def test_an_examiner_needs_a_known_department(db, run, args, message):
    run("setup")
    result = run("users", "create", "--username", "x", "--name", "X", *args, "--password-stdin", stdin=PASSWORD)
    assert result.exit_code == 1 and message in result.stderr
    assert count(db, UserAccount) == 0


def test_a_short_password_is_refused_and_nothing_is_stored(db, run):
    result = run("users", "create", "--username", "x", "--name", "X", "--role", "owner", "--password-stdin",
                 stdin="short\n")
    assert result.exit_code == 1 and "密码至少10个字符" in result.stderr
    assert count(db, UserAccount) == 0


def test_set_password_disable_enable_and_list(db, run, runtime):
    run("setup")
    run("users", "create", "--username", "wang", "--name", "王监察", "--role", "supervisor", "--password-stdin",
        stdin=PASSWORD)
    changed = run("users", "set-password", "wang", "--password-stdin", stdin="another-secret-2026\n")
    assert changed.exit_code == 0 and "结束 0 个会话" in changed.stdout
    with transaction(db) as s:
        assert authenticate(s, "wang", "another-secret-2026").username == "wang"
    assert run("users", "disable", "wang").exit_code == 0
    listed = run("users", "list")
    assert "wang\t王监察\t电子监察\t（已停用）" in listed.stdout
    assert run("users", "enable", "wang").exit_code == 0
    assert "已停用" not in run("users", "list").stdout
    missing = run("users", "disable", "nobody")
    assert missing.exit_code == 1 and "账号不存在" in missing.stderr
    assert count(db, SignInSession) == 0
