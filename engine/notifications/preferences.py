"""Each person chooses how they are told: the message centre always, e-mail and SMS as they choose.

Defaults without a saved choice: e-mail on (when the account has an address), SMS off — a text message
costs the office money and wakes people, so it is the person's decision to receive them. Contact details
live on the account (``user_account.email``/``phone``): the person sets them here, an administrator on the
account page.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import NoResultFound
from sqlalchemy.orm import Session

from forms import keys
from forms.notifications import ContactDetails, NotificationPreferences

from ..errors import NotFound
from ..organisation.accounts import user_by_username
from ..organisation.actors import Actor
from ..organisation.administration import require_administrator
from ..organisation.models import UserAccount
from ..runtime import Runtime
from ..validation import validated
from .models import EMAIL, SMS, NotificationPreference

DEFAULT_BY_EMAIL, DEFAULT_BY_SMS = True, False


@dataclass(frozen=True)
class Preferences:
    """What a person chose (or the defaults: ``saved`` is False) and where messages go."""

    email: str | None
    phone: str | None
    by_email: bool
    by_sms: bool
    saved: bool


def preferences_of(session: Session, user_id: int) -> Preferences:
    user = session.get_one(UserAccount, user_id)
    row = session.get(NotificationPreference, user_id)
    if row is None:
        return Preferences(user.email, user.phone, DEFAULT_BY_EMAIL, DEFAULT_BY_SMS, saved=False)
    return Preferences(user.email, user.phone, row.by_email, row.by_sms, saved=True)


def my_preferences(session: Session, actor: Actor) -> Preferences:
    return preferences_of(session, actor.user_id)


def channels_of(session: Session, user_id: int) -> list[tuple[str, str]]:
    """(channel, address) pairs a message to ``user_id`` goes out by besides the message centre."""
    return _channels(preferences_of(session, user_id))


def channels_of_all(session: Session, user_ids: Collection[int]) -> dict[int, list[tuple[str, str]]]:
    """``channels_of`` for many people in one query (a message to a department's examiners and lead, an owner
    and their agents): what the action path writes its outbox rows from.

    :raise NoResultFound: an id without an account, as ``channels_of`` does."""
    if not user_ids:
        return {}
    rows = session.execute(
        select(UserAccount.id, UserAccount.email, UserAccount.phone, NotificationPreference.by_email,
               NotificationPreference.by_sms)
        .outerjoin(NotificationPreference, NotificationPreference.user_id == UserAccount.id)
        .where(UserAccount.id.in_(set(user_ids))))
    found = {user_id: _channels(Preferences(email, phone, DEFAULT_BY_EMAIL if by_email is None else by_email,
                                            DEFAULT_BY_SMS if by_sms is None else by_sms, saved=by_email is not None))
             for user_id, email, phone, by_email, by_sms in rows}
    if missing := set(user_ids) - found.keys():
        raise NoResultFound(f"no account {sorted(missing)}")
    return found


def _channels(chosen: Preferences) -> list[tuple[str, str]]:
    pairs = [(EMAIL, chosen.email) if chosen.by_email else None, (SMS, chosen.phone) if chosen.by_sms else None]
    return [(channel, address) for channel, address in filter(None, pairs) if address]


def save_my_preferences(session: Session, runtime: Runtime, actor: Actor, data: Any) -> Preferences:
    """The person's own choice with their address and number. :raise FormRejected: a bad address or number,
    a channel chosen without its address, an unknown field (nothing is changed)."""
    clean = validated(keys.NOTIFICATION_PREFERENCES, data, NotificationPreferences())
    user = session.get_one(UserAccount, actor.user_id)
    user.email, user.phone = clean["email"], clean["phone"]
    row = session.get(NotificationPreference, user.id)
    if row is None:
        row = NotificationPreference(user_id=user.id, by_email=False, by_sms=False, updated_at=runtime.now())
        session.add(row)
    row.by_email, row.by_sms, row.updated_at = clean["by_email"], clean["by_sms"], runtime.now()
    session.flush()
    return preferences_of(session, user.id)


def set_contact_details(session: Session, runtime: Runtime, actor: Actor | None, username: str,
                        data: Any) -> UserAccount:
    """An administrator sets an account's e-mail address and mobile number (empty removes one).
    :raise NotAllowed: not an administrator. :raise NotFound: no such account. :raise FormRejected: bad input."""
    require_administrator(actor)
    user = user_by_username(session, username)
    if user is None:
        raise NotFound("账号不存在", username=username)
    clean = validated(keys.CONTACT_DETAILS, data, ContactDetails())
    user.email, user.phone = clean["email"], clean["phone"]
    session.flush()
    return user
