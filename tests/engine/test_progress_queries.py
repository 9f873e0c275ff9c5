"""The stage report reads the project's items, decisions and rounds once each, whatever the number of
stages under way (it used to read them three times per stage)."""

from sqlalchemy import event

from engine import progress
from tests.support.office import Office


def statements(s, read) -> tuple[object, list[str]]:
    seen: list[str] = []

    def note(conn, cursor, statement, params, context, executemany) -> None:
        seen.append(statement)
    connection = s.connection()
    event.listen(connection, "before_cursor_execute", note)
    try:
        result = read()
    finally:
        event.remove(connection, "before_cursor_execute", note)
    return result, seen


def test_stage_report_reads_each_table_once_and_keeps_its_figures(office: Office, step):
    code, _ = office.new_project()
    office.finish_stage(code)
    office.finish_stage(code)
    with step(write=False) as s:
        report, seen = statements(s, lambda: progress(s, office.actor(s, "owner"), code))
        assert [st.status for st in report.stages][:2] == ["已办结", "已办结"]
        assert all(st.rounds == 1 for st in report.stages[:2])
        assert sum(len(st.decisions) for st in report.stages) >= 8
        for table in ("FROM work_item", "FROM decision", "FROM stage_application"):
            assert sum(table in sql for sql in seen) == 1, (table, seen)
