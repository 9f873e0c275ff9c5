"""Sign-in and sign-out pages: one message for every refusal, CSRF on the form, throttling."""

from __future__ import annotations

import pytest

from .support import Person, csrf_in

WRONG = "用户名或密码错误"


def same_page(a: str, b: str, *usernames: str) -> bool:
    """Equal apart from the username typed in and the (per-client) CSRF token."""
    def plain(html: str) -> str:
        html = html.replace(csrf_in(html), "")
        for name in usernames:
            html = html.replace(f'value="{name}"', "")
        return html
    return plain(a) == plain(b)


def attempt(client, username: str, password: str):
    token = csrf_in(client.get("/login").text)
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token})


def test_login_page_is_chinese_with_bound_labels_and_a_token(app) -> None:
    html = app.test_client().get("/login").text
    assert '<html lang="zh-CN">' in html and 'href="#main"' in html and "跳到主要内容" in html
    assert '<label for="username">用户名</label>' in html and 'id="username"' in html
    assert '<label for="password">密码</label>' in html and 'type="password"' in html
    assert 'name="csrf_token"' in html


def test_sign_in_goes_to_the_persons_work_and_sign_out_ends_it(app, office) -> None:
    client = app.test_client()
    response = attempt(client, "owner", "demo-2026")
    assert response.status_code == 302 and response.location == "/projects"
    assert "示例置业有限公司" in client.get("/projects").text
    token = csrf_in(client.get("/logout").text)
    assert "您已安全退出" in client.post("/logout", data={"csrf_token": token}).text
    response = client.get("/projects")
    assert response.status_code == 302 and response.location.startswith("/login?next=/projects")


@pytest.mark.parametrize(("username", "home"), [("window", "/window/"), ("exam_water_affairs", "/examiner/"),
                                                ("supervisor", "/supervisor/")])
def test_staff_land_on_their_own_desk(app, office, username: str, home: str) -> None:
    assert attempt(app.test_client(), username, "demo-2026").location == home


def test_unknown_account_and_wrong_password_get_the_same_answer(app, office) -> None:
    unknown = attempt(app.test_client(), "nobody", "demo-2026")
    wrong = attempt(app.test_client(), "owner", "not-the-password")
    assert unknown.status_code == wrong.status_code == 401
    assert WRONG in unknown.text and WRONG in wrong.text
    assert same_page(unknown.text, wrong.text, "nobody", "owner")


def test_login_form_without_its_token_is_refused(app, office) -> None:
    client = app.test_client()
    client.get("/login")
    response = client.post("/login", data={"username": "owner", "password": "demo-2026"})
    assert response.status_code == 400 and "CSRF" in response.text
    assert client.get("/projects").status_code == 302  # not signed in


def test_sign_out_needs_the_token(app, office) -> None:
    owner = Person(app, "owner")
    assert owner.post("/logout", csrf=False).status_code == 400
    assert owner.get("/projects").status_code == 200


def test_next_page_is_followed_only_on_this_site(app, office) -> None:
    client = app.test_client()
    token = csrf_in(client.get("/login?next=https://evil.example/").text)
    response = client.post("/login", data={"username": "owner", "password": "demo-2026", "csrf_token": token,
                                           "next": "//evil.example/x"})
    assert response.location == "/projects"
    client = app.test_client()
    token = csrf_in(client.get("/login?next=/projects/new").text)
    response = client.post("/login", data={"username": "owner", "password": "demo-2026", "csrf_token": token,
                                           "next": "/projects/new"})
    assert response.location == "/projects/new"


def test_five_failures_lock_username_and_address_for_a_while(app, office) -> None:
    client = app.test_client()
    for _ in range(5):
        assert attempt(client, "owner", "guess").status_code == 401
    locked = attempt(client, "owner", "demo-2026")  # even the right password now
    assert locked.status_code == 429 and "登录失败次数过多" in locked.text
    assert int(locked.headers["Retry-After"]) > 0
    assert client.get("/projects").status_code == 302
    assert attempt(app.test_client(), "window", "demo-2026").status_code == 302  # another account is not locked


def test_the_lock_does_not_tell_whether_the_account_exists(app, office) -> None:
    client = app.test_client()
    for username in ("owner", "ghost"):
        for _ in range(5):
            attempt(client, username, "guess")
    real, ghost = attempt(client, "owner", "guess"), attempt(client, "ghost", "guess")
    assert real.status_code == ghost.status_code == 429
    assert same_page(real.text, ghost.text, "owner", "ghost")


def test_the_api_sign_in_shares_the_lock(app, office) -> None:
    client = app.test_client()
    for _ in range(5):
        assert client.post("/api/session", json={"username": "owner", "password": "x"}).status_code == 403
    response = client.post("/api/session", json={"username": "owner", "password": "demo-2026"})
    assert response.status_code == 429 and response.json["code"] == "http_429"
    assert "登录失败次数过多" in response.json["message"]
