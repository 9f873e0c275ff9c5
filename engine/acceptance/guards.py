"""Rules the acceptance modes impose on the ordinary task completion (a ``CompletionRequested`` precondition,
see ``hooks``, checked before anything is written): a stage with an open 容缺 item cannot be issued; the
post-verification task is completed only through ``commitment.verify_commitment`` (which records the
finding and its consequences)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms import keys

from ..errors import InvalidState
from ..work_items.models import WorkItem
from .errors import IssuanceBlocked
from .models import OPEN, RETURNED, SUPPLIED, SUSPENDED, TOLERANCE_STATUS_NAMES, ToleranceCase
from .published import tolerance_entry

BLOCKING = (OPEN, SUPPLIED, SUSPENDED, RETURNED)


def check_completion(session: Session, item: WorkItem) -> None:
    """:raise IssuanceBlocked: an issuance while a 容缺 item of the stage is not supplied and checked.
    :raise InvalidState: the post-verification task taken through the generic completion."""
    if item.form_key == keys.COMMITMENT_VERIFICATION:
        raise InvalidState("告知承诺核查须通过核查办理提交", task_id=item.task_id)
    if item.form_key != keys.ISSUANCE:
        return
    open_cases = list(session.scalars(select(ToleranceCase).where(
        ToleranceCase.instance_id == item.instance_id, ToleranceCase.stage == item.stage,
        ToleranceCase.status.in_(BLOCKING)).order_by(ToleranceCase.id)))
    if open_cases:
        listing = "、".join(f"{_name(c.item)}（{TOLERANCE_STATUS_NAMES[c.status]}）" for c in open_cases)
        raise IssuanceBlocked(f"容缺材料尚未补齐并核验，不能核发：{listing}", task_id=item.task_id,
                              items=",".join(c.item for c in open_cases))


def _name(item: str) -> str:
    entry = tolerance_entry(item)
    return entry.name if entry else item
