"""Sign in and out of the API (a session cookie plus a CSRF token for every write)."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from .. import auth
from .schemas import SessionOut, SignInArgs

blp = Blueprint("api-session", __name__, url_prefix="/api/session", description="登录与退出")


@blp.route("")
class SignIn(MethodView):
    @blp.arguments(SignInArgs)
    @blp.response(200, SessionOut)
    def post(self, args: dict) -> dict:
        """登录：返回当前用户与 CSRF 令牌（之后每个写请求须带 X-CSRF-Token 头）"""
        actor = auth.sign_in(args["username"], args["password"])
        return {"user": actor, "csrf_token": auth.csrf_token()}

    @blp.response(204)
    def delete(self) -> None:
        """退出登录"""
        auth.sign_out()
