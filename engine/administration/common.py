"""What the administration use cases share: who may use them, and reading whole numbers people typed."""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import NotAllowed
from ..organisation.actors import Actor
from ..organisation.lanes import ADMINISTRATOR


def require_administrator(actor: Actor) -> None:
    """:raise NotAllowed: the actor is not an administrator."""
    if actor.role != ADMINISTRATOR:
        raise NotAllowed("只有系统管理员可以维护基础数据", role=actor.role)


def whole_number(form: Mapping[str, str], name: str, errors: dict[str, list[str]], *,
                 default: int | None = None) -> int:
    """The whole number typed in ``name`` (``default`` when left blank and one is given); a message in
    ``errors`` otherwise, and 0 returned so the other fields are still checked."""
    text = (form.get(name) or "").strip()
    if not text and default is not None:
        return default
    if not text.isdigit() or len(text) > 6:
        errors[name] = ["请填写正整数（阿拉伯数字）" if text else "请填写此项"]
        return 0
    return int(text)
