"""A session that keeps what it loads (``engine.db.keep_loaded``, the sweeper's batch) reads a row looked up
again only once, and a bulk DELETE still removes a kept row from it: it never answers with a deleted row."""

from sqlalchemy import delete, event, select

from engine.db import keep_loaded
from engine.projects.models import Project
from engine.work_items.models import WorkItem
from tests.support.office import Office


def test_a_kept_row_is_read_once_and_a_deleted_one_is_not_served(office: Office, step):
    code, _ = office.new_project()
    office.act(code, "apply")
    with step() as s:
        keep_loaded(s)
        selects: list[str] = []
        event.listen(s.connection(), "before_cursor_execute",
                     lambda *args: selects.append(args[2]) if args[2].lstrip().upper().startswith("SELECT") else None)
        assert s.get(Project, code).code == code  # nobody holds the row after this line
        assert s.get(Project, code).code == code
        assert sum("FROM project" in sql for sql in selects) == 1
        task_id = s.scalars(select(WorkItem.task_id).where(WorkItem.project_code == code)).first()
        assert s.get(WorkItem, task_id) is not None
        s.execute(delete(WorkItem).where(WorkItem.task_id == task_id))
        assert s.get(WorkItem, task_id) is None
        s.rollback()
