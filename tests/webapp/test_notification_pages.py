"""提醒设置 (everyone, from the header), 消息投递 (administrators), contact details on 账号管理, and the API."""

from __future__ import annotations

import re

from sqlalchemy import select

from engine.notifications.models import Delivery, NotificationPreference
from engine.organisation.models import UserAccount

from .support import count


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def owner_account(step) -> tuple:
    with step(write=False) as s:
        user = s.scalars(select(UserAccount).where(UserAccount.username == "owner")).one()
        pref = s.get(NotificationPreference, user.id)
        return user.email, user.phone, pref and (pref.by_email, pref.by_sms)


def test_everyone_reaches_their_preferences_from_the_header_and_saves_them(person, office, step) -> None:
    for username in ("owner", "agent", "window", "exam_natural_resources", "supervisor", "admin"):
        assert 'href="/settings/notifications"' in person(username).get("/messages/").text
    owner = person("owner")
    page = text_of(owner.get("/settings/notifications").text)
    assert "您尚未保存过设置" in page and "站内消息（始终接收）" in page
    response = owner.post("/settings/notifications", {"email": "owner@hjw.example.cn", "by_email": "yes",
                                                      "phone": "13912345678", "by_sms": "yes"})
    assert response.status_code == 302
    assert owner_account(step) == ("owner@hjw.example.cn", "13912345678", (True, True))
    page = owner.get("/settings/notifications").text
    assert "提醒设置已保存" in page and 'value="13912345678"' in page and "您尚未保存过设置" not in page


def test_a_channel_without_its_address_is_refused_with_the_input_kept(person, office, step) -> None:
    before = owner_account(step)
    response = person("owner").post("/settings/notifications", {"email": "owner@@bad", "by_email": "yes",
                                                                "by_sms": "yes"})
    assert response.status_code == 422
    page = text_of(response.text)
    assert "电子邮箱：格式不正确，应为电子邮件地址" in page and "手机号码：选择短信提醒须填写手机号码" in page
    assert 'value="owner@@bad"' in response.text and 'aria-invalid="true"' in response.text
    response = person("owner").post("/settings/notifications", {"by_sms": "yes", "by_email": "yes"})
    page = text_of(response.text)
    assert "手机号码：选择短信提醒须填写手机号码" in page and "电子邮箱：选择邮件提醒须填写电子邮箱" in page
    assert owner_account(step) == before


class ApiClient:
    def __init__(self, app, username: str):
        self.client = app.test_client()
        response = self.client.post("/api/session", json={"username": username, "password": "demo-2026"})
        self.csrf = response.json["csrf_token"]

    def get(self, url: str):
        return self.client.get(url)

    def put(self, url: str, json):
        return self.client.put(url, json=json, headers={"X-CSRF-Token": self.csrf})


def test_the_api_reads_and_saves_preferences_and_refuses_bad_input(app, office, step) -> None:
    owner = ApiClient(app, "owner")
    assert owner.get("/api/me/notification-preferences").json == {
        "email": None, "phone": None, "by_email": True, "by_sms": False, "saved": False}
    response = owner.put("/api/me/notification-preferences", {"phone": "12345", "by_sms": True})
    assert response.status_code == 422 and response.json["errors"] == {"phone": ["格式不正确，应为11位手机号码"]}
    assert owner_account(step) == (None, None, None)
    response = owner.put("/api/me/notification-preferences", {"phone": "13912345678", "by_sms": True})
    assert response.status_code == 200 and response.json["by_sms"] is True and response.json["by_email"] is False
    assert owner.get("/api/me/messages").status_code == 200


def test_administrators_set_contact_details_and_see_the_outbox(person, office, step) -> None:
    admin = person("admin")
    users = admin.get("/admin/users").text
    assert 'href="/admin/notifications"' in users and "联系方式" in users
    refused = admin.post("/admin/users/owner/contact", {"email": "x", "phone": ""})
    assert refused.status_code == 422 and "电子邮箱：格式不正确" in text_of(refused.text)
    assert owner_account(step)[:2] == (None, None)
    assert admin.post("/admin/users/owner/contact", {"email": "owner@hjw.example.cn", "phone": ""}).status_code == 302
    assert owner_account(step)[:2] == ("owner@hjw.example.cn", None)
    code, _ = office.new_project()
    office.act(code, "apply")
    office.act(code, "accept")  # default: e-mail on, now that the owner has an address
    assert count(step, Delivery, status="pending") == 1
    page = text_of(admin.get("/admin/notifications").text)
    assert "未配置 APPROVAL_SMTP_HOST" in page and "开发用日志通道" in page
    assert "申请已受理：立项用地规划许可" in page and "owner@hjw.example.cn" in page and "待投递" in page
    assert person("owner").get("/admin/notifications").status_code == 403
    assert admin.post("/admin/notifications/1/retry").status_code == 409  # not failed: nothing to retry
    assert admin.post("/admin/notifications/999/retry").status_code == 404
