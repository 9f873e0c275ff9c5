"""Steps about 办件提醒: the outbox, the delivery worker against a local SMTP server, and preferences."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest
from pytest_bdd import given, parsers, then, when
from sqlalchemy import select

from engine import save_my_preferences
from engine.notifications.models import Delivery, Notification, NotificationPreference
from engine.notifications.settings import delivery_settings
from engine.notifications.worker import build_channels, deliver_once
from engine.organisation.models import UserAccount
from engine.work_items.models import SupplementRequest
from tests.support.office import Office
from tests.support.smtp import MailServer

from .attempts import Attempt

LEASE_SECONDS = 2


@pytest.fixture
def mail():
    servers: list[MailServer] = []
    yield servers
    for server in servers:
        server.stop()


def _server(mail: list, **kw) -> MailServer:
    if not mail:
        mail.append(MailServer(**kw))
    return mail[0]


def _run_worker(db, runtime, server: MailServer) -> None:
    settings = delivery_settings({**server.env(), "APPROVAL_NOTIFY_LEASE_SECONDS": str(LEASE_SECONDS)})
    deliver_once(db, runtime, settings, build_channels(settings))


def _worker_process(db_url: str, server: MailServer) -> subprocess.Popen:
    env = {**os.environ, **server.env(), "APPROVAL_NOTIFY_LEASE_SECONDS": str(LEASE_SECONDS)}
    return subprocess.Popen([sys.executable, "-m", "engine.cli", "--database", db_url, "notifications", "deliver",
                             "--once"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _deliveries(step) -> list[Delivery]:
    with step(write=False) as s:
        return list(s.scalars(select(Delivery).order_by(Delivery.id)))


def _supplement_messages(step) -> list[Notification]:
    with step(write=False) as s:
        return list(s.scalars(select(Notification).where(Notification.kind == "supplement_requested")))


@given(parsers.parse('建设单位选择邮件提醒，邮箱为"{address}"'))
def owner_chooses_email(office: Office, step, runtime, address: str) -> None:
    with step() as s:
        save_my_preferences(s, runtime, office.actor(s, "owner"), {"email": address, "by_email": True})


@given("本地邮件服务器已启动")
def server_up(mail) -> None:
    _server(mail).start()


@given("邮件服务器没有启动")
def server_down(mail) -> None:
    _server(mail)  # its port is chosen, nothing listens on it yet


@given("本地邮件服务器已启动，收到第一封邮件的收件人时停住")
def server_that_stalls(mail) -> None:
    _server(mail, stall_first_rcpt=True).start()


@when("投递进程运行两次")
def worker_twice(db, runtime, mail) -> None:
    _run_worker(db, runtime, mail[0])
    _run_worker(db, runtime, mail[0])


@when("投递进程运行一次")
def worker_once(db, runtime, mail) -> None:
    _run_worker(db, runtime, mail[0])


@when("邮件服务器启动，1分钟后投递进程再次运行")
def server_comes_back(db, runtime, clock, mail) -> None:
    mail[0].start()
    clock.advance(seconds=61)
    _run_worker(db, runtime, mail[0])


@when("投递进程在投递这封邮件的途中被强行终止", target_fixture="killed_returncode")
def worker_killed(db_url, mail) -> int:
    worker = _worker_process(db_url, mail[0])
    stalled = mail[0].recorder.stalled.wait(60)
    worker.send_signal(signal.SIGKILL)
    _, err = worker.communicate(timeout=30)
    assert stalled, err.decode()
    mail[0].recorder.release()
    return worker.returncode


@when("认领期满后另一个投递进程运行", target_fixture="second_worker")
def another_worker(db_url, step, mail) -> tuple[int, str, str]:
    [row] = _deliveries(step)
    time.sleep(max(0.0, (row.lease_until - row.lease_until.now(row.lease_until.tzinfo)).total_seconds()) + 0.2)
    worker = _worker_process(db_url, mail[0])
    out, err = worker.communicate(timeout=120)
    return worker.returncode, out.decode(), err.decode()


@when(parsers.parse('建设单位在提醒设置页选择短信提醒，手机号码填写"{phone}"'), target_fixture="attempt")
def bad_preferences(person, step, phone: str) -> Attempt:
    with step(write=False) as s:
        before = _preference_state(s)
    page = person("owner")
    return Attempt(before, page.post("/settings/notifications", data={
        "email": "owner@hjw.example.cn", "by_email": "yes", "by_sms": "yes", "phone": phone}))


def _preference_state(s) -> tuple:
    user = s.scalars(select(UserAccount).where(UserAccount.username == "owner")).one()
    row = s.get(NotificationPreference, user.id)
    return user.email, user.phone, row and (row.by_email, row.by_sms, row.updated_at)


@then(parsers.parse('邮件服务器只收到一封发给"{address}"的补正通知，写明补正材料和补正期限'))
def one_supplement_mail(mail, step, address: str) -> None:
    received = mail[0].received
    notices = [m for m in received if m["Subject"].startswith("补正通知")]
    assert len(notices) == 1, [m["Subject"] for m in received]
    assert len({m["Message-ID"] for m in received}) == len(received)  # nothing handed over twice
    with step(write=False) as s:
        request = s.scalars(select(SupplementRequest)).one()
    due = request.due_at.astimezone(__import__("engine").clocks.CHINA_TZ)
    notice = notices[0]
    text = notice.get_content()
    assert notice["To"] == address and f"{due:%Y-%m-%d}" in notice["Subject"]
    assert "节地评价报告、拐点坐标表" in text and f"{due:%Y-%m-%d %H:%M}" in text


@then("建设单位在消息中看到这条补正通知，邮件正文与消息一致")
def message_matches_mail(person, mail, step) -> None:
    [message] = _supplement_messages(step)
    page = re.sub(r"<[^>]+>", "", person("owner").get("/messages/").text)
    assert message.title in page and "未读" in page
    [notice] = [m for m in mail[0].received if m["Subject"].startswith("补正通知")]
    assert notice["Subject"] == message.title and message.body in notice.get_content()


@then(parsers.parse("发件箱中这封邮件为已发送，共尝试{attempts:d}次"))
def sent_once(step, attempts: int) -> None:
    [row] = _deliveries(step)
    assert (row.channel, row.status, row.attempts, row.address) == ("email", "sent", attempts, "owner@hjw.example.cn")
    assert row.sent_at is not None and row.lease_until is None


@then("补正通知已生效，建设单位在消息中看到这条补正通知")
def supplement_took_effect(person, step) -> None:
    with step(write=False) as s:
        assert s.scalars(select(SupplementRequest)).one().supplied_at is None
    [message] = _supplement_messages(step)
    assert message.title in re.sub(r"<[^>]+>", "", person("owner").get("/messages/").text)


@then("发件箱中这封邮件待重试，已尝试1次，记下了连接错误，下次尝试在1分钟后")
def waiting_for_retry(step, clock, mail) -> None:
    [row] = _deliveries(step)
    assert (row.status, row.attempts, row.sent_at) == ("pending", 1, None)
    assert "Connection" in row.last_error or "refused" in row.last_error.lower(), row.last_error
    assert (row.next_attempt_at - clock.value).total_seconds() == 60
    assert mail[0].received == []


@then("发件箱中这封邮件仍为投递中，等待认领期满")
def still_claimed(step, mail, killed_returncode: int) -> None:
    assert killed_returncode == -signal.SIGKILL
    [row] = _deliveries(step)
    assert (row.status, row.attempts, row.sent_at) == ("sending", 1, None) and row.lease_until is not None
    assert mail[0].received == []


@then("页面指出手机号码格式不正确，设置未保存")
def preferences_refused(attempt: Attempt) -> None:
    response = attempt.response
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "设置未保存" in text and "手机号码：格式不正确，应为11位手机号码" in text


@then("建设单位的提醒设置和联系方式都没有改变")
def preferences_unchanged(step, attempt: Attempt) -> None:
    with step(write=False) as s:
        assert _preference_state(s) == attempt.before
