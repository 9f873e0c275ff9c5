"""Password hashing with Argon2id (argon2-cffi, the PHC string format), its cost a setting.

``APPROVAL_PASSWORD_COST`` chooses the cost: ``strong`` (the default, argon2-cffi's RFC 9106 low-memory
profile) for every real deployment, ``fast`` for test suites only — there a sign-in must not cost 100 ms
per fixture user (the suite hashed 34 passwords per test set-up). The cost is read from each stored hash
when checking, so accounts created under one setting still verify under the other, and a hash weaker than
the setting in force is upgraded at the next successful sign-in (:func:`needs_rehash`).

Hashes written before Argon2 (``scrypt$N$r$p$salt$digest``, standard-library scrypt) still verify, so
existing accounts keep working; they are rehashed at their next sign-in.

:func:`check_password` also burns the same work for a missing hash (unknown user, account without a
password), so the time a sign-in takes does not tell whether a username exists.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.profiles import RFC_9106_LOW_MEMORY

COST_SETTING = "APPROVAL_PASSWORD_COST"
_FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@cache
def _hasher(cost: str) -> PasswordHasher:
    if cost == "fast":
        return _FAST
    if cost != "strong":
        raise ValueError(f"{COST_SETTING} must be 'strong' or 'fast', got {cost!r}")
    return PasswordHasher.from_parameters(RFC_9106_LOW_MEMORY)


def hasher() -> PasswordHasher:
    """The hasher of the cost in force (``strong`` unless ``APPROVAL_PASSWORD_COST=fast``)."""
    return _hasher(os.environ.get(COST_SETTING, "strong"))


@cache
def _decoy(cost: str) -> str:
    """A hash of a random password at the cost in force, checked when there is no real one."""
    return _hasher(cost).hash(base64.b64encode(os.urandom(16)).decode("ascii"))


def hash_password(password: str) -> str:
    return hasher().hash(password)


def check_password(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored``; a missing or malformed hash never matches, and costs
    the same as a real check."""
    if stored and stored.startswith("scrypt$"):
        return _check_legacy_scrypt(stored, password)
    try:
        return hasher().verify(stored or _decoy(os.environ.get(COST_SETTING, "strong")), password) and bool(stored)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """Whether a hash that just verified should be replaced by one at the cost in force."""
    return stored.startswith("scrypt$") or hasher().check_needs_rehash(stored)


def _check_legacy_scrypt(stored: str, password: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        candidate = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r),
                                   p=int(p), dklen=32)
    except ValueError:
        return False
    return hmac.compare_digest(candidate, base64.b64decode(digest))
