"""Account administration (the ``approval users`` commands and the /admin/users page): create with a
password, set or reset a password, disable and enable, list. A password change and disabling end the
account's sessions at once."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import FormRejected, NotAllowed, NotFound
from ..runtime import Runtime
from .accounts import create_user, user_by_username
from .actors import Actor
from .lanes import ADMINISTRATOR, DEPARTMENT_LEAD, EXAMINER, ROLE_NAMES
from .models import Department, UserAccount
from .passwords import hash_password
from .sign_ins import end_sessions_of

PASSWORD_MIN_LENGTH = 10
DEPARTMENT_ROLES = (EXAMINER, DEPARTMENT_LEAD)
FORM = "user_account"


@dataclass(frozen=True)
class NewAccount:
    username: str
    display_name: str
    role: str
    password: str
    department_code: str | None = None
    organisation: str | None = None


@dataclass(frozen=True)
class AccountRow:
    username: str
    display_name: str
    role: str
    role_name: str
    department_code: str | None
    department_name: str | None
    active: bool
    email: str | None = None
    phone: str | None = None


def require_administrator(actor: Actor | None) -> None:
    """The CLI acts as the operator (``None``); on the web only an administrator administers accounts."""
    if actor is not None and actor.role != ADMINISTRATOR:
        raise NotAllowed("只有系统管理员可以管理账号", role=actor.role)


def register_account(session: Session, runtime: Runtime, actor: Actor | None, new: NewAccount) -> UserAccount:
    """Create an account that can sign in. :raise FormRejected: short password, or an examiner or
    department lead without a department. :raise NotFound: unknown role or department. :raise Conflict:
    username taken."""
    require_administrator(actor)
    errors = _password_errors(new.password)
    if new.role in DEPARTMENT_ROLES and not new.department_code:
        errors["department_code"] = ["审批人员和部门负责人须指定所属部门"]
    if not new.username.strip() or not new.display_name.strip():
        errors["username" if not new.username.strip() else "display_name"] = ["不得为空"]
    if errors:
        raise FormRejected(FORM, errors)
    department = new.department_code if new.role in DEPARTMENT_ROLES else None
    return create_user(session, runtime, username=new.username.strip(), display_name=new.display_name.strip(),
                       role=new.role, password=new.password, department_code=department,
                       organisation=new.organisation)


def set_password(session: Session, runtime: Runtime, actor: Actor | None, username: str, password: str) -> int:
    """Set (or reset) a password; every session of the account ends. Returns how many ended."""
    require_administrator(actor)
    if errors := _password_errors(password):
        raise FormRejected(FORM, errors)
    user = _account(session, username)
    user.password_hash = hash_password(password)
    return end_sessions_of(session, runtime, user.id)


def set_active(session: Session, runtime: Runtime, actor: Actor | None, username: str, active: bool) -> int:
    """Disable (or enable again) an account; disabling ends its sessions. Returns how many ended."""
    require_administrator(actor)
    user = _account(session, username)
    if actor is not None and not active and user.id == actor.user_id:
        raise FormRejected(FORM, {"username": ["不能停用自己的账号"]})
    user.active = active
    return 0 if active else end_sessions_of(session, runtime, user.id)


def list_accounts(session: Session, actor: Actor | None) -> list[AccountRow]:
    require_administrator(actor)
    departments: dict[str, str] = dict(session.execute(select(Department.code, Department.name)).all())
    users = session.scalars(select(UserAccount).order_by(UserAccount.role, UserAccount.username))
    return [AccountRow(u.username, u.display_name, u.role, ROLE_NAMES.get(u.role, u.role), u.department_code,
                       departments.get(u.department_code or ""), u.active, u.email, u.phone) for u in users]


def _account(session: Session, username: str) -> UserAccount:
    user = user_by_username(session, username)
    if user is None:
        raise NotFound("账号不存在", username=username)
    return user


def _password_errors(password: str) -> dict[str, list[str]]:
    if len(password) < PASSWORD_MIN_LENGTH:
        return {"password": [f"密码至少{PASSWORD_MIN_LENGTH}个字符"]}
    return {}
