"""The outbox worker: SMS through the logging provider (recorded as logged, never as sent), retries with a
doubling pause up to the last attempt, leases (a claim another worker may not take until it runs out, and a
late answer from a worker that lost its lease is not recorded), the administrator's view and retry."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy import select

from engine import InvalidState, NotAllowed, outbox_status, retry_delivery, save_my_preferences
from engine.cli import main
from engine.notifications import outbox
from engine.notifications.channels import Receipt
from engine.notifications.models import Delivery
from engine.notifications.settings import delivery_settings
from engine.notifications.worker import build_channels, deliver_once
from tests.support.office import Office
from tests.support.smtp import MailServer, free_port


def choose(office: Office, **data) -> None:
    with office.step() as s:
        save_my_preferences(s, office.runtime, office.actor(s, "owner"), data)


def accepted(office: Office) -> None:
    code, _ = office.new_project()
    office.act(code, "apply")
    office.act(code, "accept")  # tells the owner: one message


def rows(step) -> list[Delivery]:
    with step(write=False) as s:
        return list(s.scalars(select(Delivery).order_by(Delivery.id)))


def test_sms_through_the_logging_provider_is_logged_not_sent(office: Office, step, db, caplog) -> None:
    choose(office, phone="13912345678", by_sms=True)
    accepted(office)
    settings = delivery_settings({})
    with caplog.at_level(logging.WARNING, logger="approval.notifications"):
        done = deliver_once(db, office.runtime, settings, build_channels(settings))
    [row] = rows(step)
    assert (done.sent, done.logged) == (0, 1)
    assert (row.channel, row.address, row.status, row.attempts) == ("sms", "13912345678", "logged", 1)
    assert row.provider_ref.startswith("log:") and "【开发用短信通道，未真正发送】to=13912345678" in caplog.text
    assert "申请已受理" in caplog.text


def test_failures_are_retried_with_a_doubling_pause_until_the_last_attempt(office: Office, step, db, clock):
    choose(office, email="owner@example.cn", by_email=True)
    accepted(office)
    settings = delivery_settings({"APPROVAL_SMTP_HOST": "127.0.0.1", "APPROVAL_SMTP_PORT": str(free_port()),
                                  "APPROVAL_NOTIFY_MAX_ATTEMPTS": "3"})
    channels = build_channels(settings)
    pauses = []
    for _ in range(3):
        done = deliver_once(db, office.runtime, settings, channels)
        [row] = rows(step)
        if row.status == "pending":
            pauses.append((row.next_attempt_at - clock.value).total_seconds())
            assert deliver_once(db, office.runtime, settings, channels).handled == 0  # not due yet
            clock.value = row.next_attempt_at
    assert pauses == [60, 120]
    assert (row.status, row.attempts, done.failed) == ("failed", 3, 1) and row.last_error
    with step() as s:
        retry_delivery(s, office.runtime, office.actor(s, "admin"), row.id)
    [row] = rows(step)
    assert (row.status, row.attempts) == ("pending", 0)


def test_a_claim_is_the_workers_until_its_lease_runs_out(office: Office, step, db, clock) -> None:
    choose(office, phone="13912345678", by_sms=True)
    accepted(office)
    settings = delivery_settings({"APPROVAL_NOTIFY_LEASE_SECONDS": "300"})
    first = outbox.claim(db, office.runtime, "first", ["sms"], 10, settings, outbox.Round())
    assert [c.channel for c in first] == ["sms"]
    assert outbox.claim(db, office.runtime, "second", ["sms"], 10, settings, outbox.Round()) is None
    clock.advance(seconds=301)  # the first worker died, it seems
    second = outbox.claim(db, office.runtime, "second", ["sms"], 10, settings, outbox.Round())
    assert [c.delivery_id for c in second] == [c.delivery_id for c in first]
    late = outbox.Round()
    outbox.record(db, office.runtime, "first", first[0], Receipt("late"), settings.max_attempts, late)
    assert late.lost_lease == 1 and rows(step)[0].status == "sending"  # the late answer is not recorded
    outbox.record(db, office.runtime, "second", second[0], Receipt("ok"), settings.max_attempts, outbox.Round())
    assert [(r.status, r.attempts, r.provider_ref) for r in rows(step)] == [("sent", 2, "ok")]


def test_no_address_no_row_and_the_message_centre_still_has_it(office: Office, step) -> None:
    accepted(office)  # defaults: e-mail on, but the owner has no address
    assert rows(step) == []


def test_the_command_delivers_once_and_reports(office: Office, step, db_url, monkeypatch, capsys) -> None:
    choose(office, email="owner@example.cn", by_email=True)
    accepted(office)
    server = MailServer().start()
    try:
        for name, value in {**server.env(), "APPROVAL_PUBLIC_BASE_URL": "https://spj.example.gov.cn/"}.items():
            monkeypatch.setenv(name, value)
        assert main(["--database", db_url, "notifications", "deliver", "--once"]) == 0
        assert main(["--database", db_url, "notifications", "deliver", "--once"]) == 0
    finally:
        server.stop()
    assert [m["Subject"] for m in server.received] == ["申请已受理：立项用地规划许可"]
    [mail] = server.received
    assert "查看详情：https://spj.example.gov.cn/projects/2026-420104-70-03-000001" in mail.get_content()
    assert mail["From"] == "spj-noreply@example.gov.cn" and mail["Message-ID"].endswith("@example.gov.cn>")
    assert "已发送 1 条" in capsys.readouterr().out
    assert rows(step)[0].status == "sent"


def test_without_smtp_the_worker_leaves_email_waiting(office, step, db_url, monkeypatch, capsys) -> None:
    choose(office, email="owner@example.cn", by_email=True)
    accepted(office)
    monkeypatch.delenv("APPROVAL_SMTP_HOST", raising=False)
    assert main(["--database", db_url, "notifications", "deliver", "--once"]) == 0
    assert "未配置 APPROVAL_SMTP_HOST" in capsys.readouterr().err
    assert [(r.status, r.attempts) for r in rows(step)] == [("pending", 0)]


def test_administrators_see_the_outbox_and_retry_only_failed_rows(office: Office, step) -> None:
    choose(office, email="owner@example.cn", by_email=True, phone="13912345678", by_sms=True)
    accepted(office)
    with step(write=False) as s:
        status = outbox_status(s, office.actor(s, "admin"))
        assert status.counts["email"] == {"pending": 1} and status.counts["sms"] == {"pending": 1}
        assert {line.recipient for line in status.lines} == {"示例置业有限公司"}
        with pytest.raises(NotAllowed):
            outbox_status(s, office.actor(s, "owner"))
    with pytest.raises(InvalidState), step() as s:
        retry_delivery(s, office.runtime, office.actor(s, "admin"), rows(step)[0].id)


def test_backoff_doubles_and_stops_at_an_hour() -> None:
    assert [outbox.backoff(n) for n in (1, 2, 3, 7, 20)] == [timedelta(seconds=s) for s in (60, 120, 240, 3600, 3600)]


def test_workers_claiming_at_once_never_take_the_same_row(office: Office, step, db) -> None:
    import threading

    from engine.notifications import notify
    choose(office, phone="13912345678", by_sms=True)
    with step() as s:
        owner_id = office.actor(s, "owner").user_id
        for n in range(30):
            notify(s, office.runtime, [owner_id], "test", f"第{n}条", "正文", event_key=f"test:{n}")
    settings = delivery_settings({})
    taken: dict[str, list[int]] = {"a": [], "b": [], "c": []}

    def work(name: str) -> None:
        while claimed := outbox.claim(db, office.runtime, name, ["sms"], 4, settings, outbox.Round()):
            taken[name] += [c.delivery_id for c in claimed]

    threads = [threading.Thread(target=work, args=(name,)) for name in taken]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    everything = [i for ids in taken.values() for i in ids]
    assert sorted(everything) == sorted({r.id for r in rows(step)}) and len(everything) == 30


def test_a_channel_that_breaks_costs_one_attempt_and_the_others_still_go(office: Office, step, db, caplog) -> None:
    choose(office, email="owner@example.cn", by_email=True, phone="13912345678", by_sms=True)
    accepted(office)

    class Broken:
        def send(self, message):
            raise UnicodeError("a provider's bug")

    settings = delivery_settings({})
    channels = {"email": Broken(), "sms": build_channels(settings)["sms"]}
    done = deliver_once(db, office.runtime, settings, channels)
    assert (done.retrying, done.logged) == (1, 1)
    email, sms = rows(step)
    assert (email.status, email.attempts, email.last_error) == ("pending", 1, "UnicodeError: a provider's bug")
    assert sms.status == "logged" and "投递记录 1 发送出错" in caplog.text


def test_messages_written_together_tell_each_person_of_an_event_once_with_one_row_per_chosen_channel(
        office: Office, step) -> None:
    """``notify_all`` (the set-based path): two messages naming the same people, then the same event again —
    each person has one message per event and one outbox row per channel they chose, the repeat writes none."""
    from engine.notifications.models import Notification
    from engine.notifications.service import Message, notify_all
    choose(office, email="owner@example.cn", by_email=True, phone="13912345678", by_sms=True)
    with step() as s:
        owner, window = office.actor(s, "owner").user_id, office.actor(s, "window").user_id
        first = notify_all(s, office.runtime, [Message([owner, window, owner], "test", "甲", "正文", "", "test:a"),
                                               Message([window], "test", "乙", "正文", "", "test:b")])
    with step() as s:
        again = notify_all(s, office.runtime, [Message([owner, window], "test", "甲", "正文", "", "test:a")])
    with step(write=False) as s:
        written = [(n.recipient_id, n.event_key) for n in s.scalars(select(Notification).order_by(Notification.id))
                   if n.kind == "test"]
        outbox_rows = sorted((d.notification_id, d.channel) for d in s.scalars(select(Delivery)))
    assert len(first) == 3 and again == []
    assert written == [(owner, "test:a"), (window, "test:a"), (window, "test:b")]
    owner_message = first[0]
    assert [(n, c) for n, c in outbox_rows if n == owner_message] == [(owner_message, "email"), (owner_message, "sms")]
