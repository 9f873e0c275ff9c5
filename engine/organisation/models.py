"""Departments and user accounts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from ..types import UtcDateTime


class Department(Base):
    """A government department (or service unit) that examines approval items."""

    __tablename__ = "department"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)


class UserAccount(Base):
    """A person who signs in: owner, agent, window clerk, examiner, department lead, supervisor, admin."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(32), index=True)
    department_code: Mapped[str | None] = mapped_column(ForeignKey("department.code"), index=True)
    organisation: Mapped[str | None] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(default=True)
    email: Mapped[str | None] = mapped_column(String(254))  # where e-mail notifications go (办件提醒)
    phone: Mapped[str | None] = mapped_column(String(32))  # a mobile number, where SMS notifications go
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SignInSession(Base):
    """A signed-in session, kept on the server so that signing out, a password change or disabling the
    account ends it at once (the cookie only carries the token; its sha256 is stored, never the token)."""

    __tablename__ = "sign_in_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # loaded with the session row, in its query: every request reads both, and holding the account here
    # keeps it in the identity map, so the request's actor (``actor_for``) is built without a query
    account: Mapped[UserAccount] = relationship(lazy="joined", viewonly=True)


class SignInFailure(Base):
    """One failed sign-in for a (username, address) key: the limit every worker and host shares."""

    __tablename__ = "sign_in_failure"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), index=True)
    failed_at: Mapped[datetime] = mapped_column(UtcDateTime())


class DepartmentChange(Base):
    """An administrator added or renamed a department: who, when, the name before and after. Never updated;
    the audit trail's chains belong to projects, so reference-data changes are recorded here."""

    __tablename__ = "department_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    department_code: Mapped[str] = mapped_column(ForeignKey("department.code"), index=True)
    action: Mapped[str] = mapped_column(String(16))  # added | renamed
    name_before: Mapped[str | None] = mapped_column(String(80))
    name_after: Mapped[str] = mapped_column(String(80))
    actor_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    actor_name: Mapped[str] = mapped_column(String(80))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime())
