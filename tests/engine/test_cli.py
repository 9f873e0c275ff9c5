"""The approval command as an administrator runs it: clear errors, nothing stored on bad input."""

from pathlib import Path

from sqlalchemy import func, select

from engine import transaction
from engine.cli import main
from engine.time_limits.models import CalendarDay, CalendarYear


def days_stored(db) -> int:
    with transaction(db, write=False) as s:
        return s.scalar(select(func.count()).select_from(CalendarDay)) + s.scalar(
            select(func.count()).select_from(CalendarYear))


def test_loading_a_missing_or_malformed_schedule_fails_clearly_and_stores_nothing(db, db_url, tmp_path: Path, capsys):
    assert main(["--database", db_url, "calendar", "load", str(tmp_path / "none.csv")]) == 1
    assert "无法读取文件" in capsys.readouterr().err
    bad = tmp_path / "2027.csv"
    bad.write_text("2027-01-01,holiday,元旦\n2027-13-01,holiday,不存在的日子\n", encoding="utf-8")
    assert main(["--database", db_url, "calendar", "load", str(bad)]) == 1
    assert "line 2" in capsys.readouterr().err
    assert days_stored(db) == 0


def test_loading_a_schedule_declares_the_year(db, db_url, tmp_path: Path, capsys):
    good = tmp_path / "2027.csv"
    good.write_text("2027-01-01,holiday,元旦\n2027-02-14,workday,春节调休\n", encoding="utf-8")
    assert main(["--database", db_url, "calendar", "load", str(good)]) == 0
    assert "已载入 2027 年" in capsys.readouterr().out
    assert days_stored(db) == 3


def test_an_unknown_department_is_named_in_the_error(db, db_url, capsys):
    assert main(["--database", db_url, "users", "create", "--username", "x", "--name", "X", "--role", "examiner",
                 "--department", "nowhere"]) == 1
    assert "部门不存在（department_code=nowhere）" in capsys.readouterr().err
