"""The calendar warning (from 1 October), /healthz's calendar report, the 消息 page and its unread count."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from engine.notifications import notify
from engine.notifications.models import Notification
from engine.organisation.accounts import user_by_username


def test_from_october_administrators_and_supervisors_see_that_next_year_is_missing(person, office, clock) -> None:
    board = person("supervisor").get("/supervisor/")
    assert "2027 年节假日安排尚未载入" in board.text and "通知系统管理员载入" in board.text
    admin = person("admin").get("/supervisor/")
    assert "2027 年节假日安排尚未载入" in admin.text and 'href="/admin/calendar/"' in admin.text
    assert "节假日安排尚未载入" not in person("owner").get("/projects").text
    clock.value = datetime(2026, 9, 30, 1, 30, tzinfo=UTC)
    assert "节假日安排尚未载入" not in person("supervisor").get("/supervisor/").text


def test_healthz_reports_the_missing_year_and_stays_200(app, office, clock) -> None:
    answer = app.test_client().get("/healthz")
    assert answer.status_code == 200
    assert answer.json["status"] == "ok"
    assert answer.json["calendar"] | {} == {"next_year": 2027, "official": False, "year": 2026, "year_official": True,
                                            "warning": True}
    clock.value = datetime(2026, 6, 1, 1, 30, tzinfo=UTC)
    assert app.test_client().get("/healthz").json["calendar"]["warning"] is False


def test_messages_are_listed_counted_in_the_header_and_marked_read(person, office, step, runtime) -> None:
    with step() as s:
        owner_id = user_by_username(s, "owner").id
        notify(s, runtime, [owner_id, owner_id], "deadline_moved", "办理期限调整：测试", "截止日期由 A 调整为 B。",
               "/projects")
    owner = person("owner")
    page = owner.get("/projects").text
    assert 'href="/messages/"' in page and "1<span class=\"sr-only\">条未读" in page
    listed = owner.get("/messages/").text
    assert "办理期限调整：测试" in listed and "未读" in listed
    with step(write=False) as s:
        [row] = s.scalars(select(Notification)).all()
    assert owner.post(f"/messages/{row.id}/read").status_code == 302
    assert "条未读" not in owner.get("/projects").text
    other = person("window").post(f"/messages/{row.id}/read")
    assert other.status_code == 404


def test_the_administrator_page_refuses_a_bad_file_with_its_line(person, office) -> None:
    import io

    admin = person("admin")
    assert "节假日安排" in admin.get("/supervisor/").text
    answer = admin.post("/admin/calendar/preview", data={
        "schedule": (io.BytesIO("date,kind,note\n2027-01-01,holiday,元旦\n2027-13-01,holiday,x\n".encode()), "a.csv")},
        content_type="multipart/form-data")
    assert answer.status_code == 422 and "第 3 行" in answer.text and "什么都没有改变" in answer.text
    assert person("supervisor").get("/admin/calendar/").status_code == 403
