"""Refusals of the acceptance modes, each with the context a person needs to understand it."""

from __future__ import annotations

from forms import keys

from ..errors import FormRejected, InvalidState, NotAllowed


class NotOnList(FormRejected):
    """The item (or a material) is not on the published 容缺 / 告知承诺 list."""

    code = "not_on_published_list"

    def __init__(self, form_key: str, field: str, message: str):
        super().__init__(form_key, {field: [message]})
        self.message = message


class MainMaterialsMissing(FormRejected):
    """容缺 only covers secondary materials: every main material must be present."""

    code = "main_materials_missing"

    def __init__(self, missing: list[str]):
        message = "主要申请材料不齐全，不能容缺受理：" + "、".join(missing)
        super().__init__(keys.TOLERANCE_ACCEPTANCE, {"present_materials": [message]})
        self.message = message
        self.context["missing"] = "、".join(missing)


class BadCredit(NotAllowed):
    """The owner is on the bad-credit list (失信) and may not use 容缺受理."""

    code = "bad_credit"


class CommitmentBanned(NotAllowed):
    """A breached commitment bars the owner from 告知承诺 until the ban ends."""

    code = "commitment_banned"


class IssuanceBlocked(InvalidState):
    """A stage cannot be issued while one of its 容缺 items is open."""

    code = "issuance_blocked"
