"""Use cases: seed departments, create user accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import Conflict, NotAllowed, NotFound
from .actors import Actor, actor_for
from .lanes import DEPARTMENTS, ROLES
from .models import Department, UserAccount
from .passwords import check_password, hash_password, needs_rehash

if TYPE_CHECKING:
    from ..runtime import Runtime  # annotations only: the runtime builds on organisation and time limits


def seed_departments(session: Session) -> None:
    """Make sure every department the models use exists (idempotent)."""
    existing = set(session.scalars(select(Department.code)))
    for code, name in DEPARTMENTS.items():
        if code not in existing:
            session.add(Department(code=code, name=name))
    session.flush()


def create_user(  # noqa: PLR0913 - keyword-only account fields, each named at the call site
        session: Session, runtime: Runtime, *, username: str, display_name: str, role: str,
                password: str | None = None, department_code: str | None = None,
                organisation: str | None = None, password_hash: str | None = None) -> UserAccount:
    """Create an account (``password_hash`` instead of ``password`` when one hash serves many accounts, as
    in the demo). :raise Conflict: username taken. :raise NotFound: unknown role or department."""
    if role not in ROLES:
        raise NotFound("角色不存在", role=role)
    if department_code is not None and session.get(Department, department_code) is None:
        raise NotFound("部门不存在", department_code=department_code)
    if session.scalar(select(UserAccount.id).where(UserAccount.username == username)) is not None:
        raise Conflict("用户名已存在", username=username)
    user = UserAccount(username=username, display_name=display_name, role=role, department_code=department_code,
                       organisation=organisation, password_hash=hash_password(password) if password else password_hash,
                       created_at=runtime.now())
    session.add(user)
    session.flush()
    return user


def user_by_username(session: Session, username: str) -> UserAccount | None:
    return session.scalar(select(UserAccount).where(UserAccount.username == username))


def authenticate(session: Session, username: str, password: str) -> Actor:
    """The actor for valid credentials. One refusal for an unknown user, a disabled account and a
    wrong password, so the answer never reveals whether an account exists."""
    user = user_by_username(session, username)
    matches = check_password(user.password_hash if user else None, password)  # same cost for unknown users
    if user is None or not user.active or not matches:
        raise NotAllowed("用户名或密码错误")
    if needs_rehash(user.password_hash or ""):
        user.password_hash = hash_password(password)
    return actor_for(session, user.id)
