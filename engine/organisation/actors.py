"""The person performing a use case, as the engine sees them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..errors import NotAllowed
from .models import UserAccount


@dataclass(frozen=True)
class Actor:
    """Who acts, and for whom (an agent acts for an owner under an authorisation)."""

    user_id: int
    username: str
    display_name: str
    role: str
    department_code: str | None = None
    acting_for_id: int | None = None

    @property
    def label(self) -> str:
        return self.display_name


def actor_for(session: Session, user_id: int, acting_for_id: int | None = None) -> Actor:
    """Load an active user as an actor; an unknown or disabled account may not act."""
    user = session.get(UserAccount, user_id)
    if user is None or not user.active:
        raise NotAllowed("账号不存在或已停用", user_id=user_id)
    return Actor(user.id, user.username, user.display_name, user.role, user.department_code, acting_for_id)
