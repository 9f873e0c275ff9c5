"""Work items, decisions taken on them, and one-time supplement requests (补正)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..types import JsonDocument, UtcDateTime

READY = "ready"
AWAITING_SUPPLEMENT = "awaiting_supplement"
IN_SPECIAL_PROCEDURE = "in_special_procedure"  # 特别程序 running: the item's clock is paused until its result


class WorkItem(Base):
    """A READY human task of an instance, as inboxes see it. Rebuilt after every action.

    Keyed by the workflow task id so a claim survives the rebuild while the task stays READY.
    ``status`` is ``ready``, ``awaiting_supplement`` (the examiner asked the owner for material; the
    task stays READY in the workflow while the applicant's clock is paused) or ``in_special_procedure``
    (a 特别程序 runs: ``engine.adjustments``).
    ``warn_at``/``due_at``: when the item turns 预警 and 逾期 (``work_items.due``), NULL while paused or
    without a time limit, so every inbox can sort by deadline in the database.
    """

    __tablename__ = "work_item"
    # A desk's inbox: one department's (or the window's) items in arrival order, a page at a time —
    # without it the database sorts every item of the role for each page (bench/web_bench.py).
    # Sorted by deadline too (``due_at``, the moment the item goes 逾期; NULL while its clock is paused).
    __table_args__ = (Index("ix_work_item_inbox", "role", "department_code", "since", "task_id",
                            postgresql_include=["stage", "status", "claimed_by", "project_code"]),
                      Index("ix_work_item_due", "role", "department_code", "due_at", "task_id"),
                      # the supervision board's groups (longest waiting, capped counts) and a department's
                      # items by deadline, page after page (engine.supervision.board)
                      Index("ix_work_item_board_department", "department_code", "since", "task_id"),
                      Index("ix_work_item_board_lane", "lane", "since", "task_id"),
                      Index("ix_work_item_board_due", "department_code", "due_at", "since", "task_id"))

    task_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), index=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    bpmn_id: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(120))
    stage: Mapped[str] = mapped_column(String(60))
    lane: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(32), index=True)
    department_code: Mapped[str | None] = mapped_column(ForeignKey("department.code"), index=True)
    form_key: Mapped[str] = mapped_column(String(60))
    item: Mapped[str | None] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(24), default=READY)
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    since: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    warn_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Decision(Base):
    """What a person decided on a task: acceptance, a review opinion, issuance, resubmission.

    ``decided_by`` is NULL when nobody did: a joint review whose department stayed silent past its deadline
    is recorded by the system as approved (超时默许), with ``data == {"deemed_consent": True}``.
    """

    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), index=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    task_id: Mapped[str] = mapped_column(String(36), index=True)
    bpmn_id: Mapped[str] = mapped_column(String(80))
    task_name: Mapped[str] = mapped_column(String(120))
    stage: Mapped[str] = mapped_column(String(60))
    item: Mapped[str | None] = mapped_column(String(60))
    department_code: Mapped[str | None] = mapped_column(ForeignKey("department.code"))
    form_key: Mapped[str] = mapped_column(String(60))
    outcome: Mapped[str | None] = mapped_column(String(20))
    opinion: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    acting_for: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SupplementRequest(Base):
    """A one-time correction notice (一次性告知) on a task, and the applicant's answer to it.

    ``due_at``: when the applicant's 补正 period ends (set by whoever sent the notice, in working days);
    ``lapsed_at``: when the timer sweep found it passed unanswered (逾期未补正; the department decides what
    follows — the sources' rule is 退件/re-apply, which the examiner records as a refusal)."""

    __tablename__ = "supplement_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), index=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    task_id: Mapped[str] = mapped_column(String(36), index=True)
    task_name: Mapped[str] = mapped_column(String(120))
    stage: Mapped[str] = mapped_column(String(60))
    department_code: Mapped[str | None] = mapped_column(ForeignKey("department.code"))
    materials: Mapped[list[str]] = mapped_column(JsonDocument)
    opinion: Mapped[str] = mapped_column(Text, default="")
    requested_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime())
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)  # 17:30 on the period's last day
    lapsed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())  # the sweeper found it 逾期未补正
    supplied_materials: Mapped[list[str] | None] = mapped_column(JsonDocument)
    # what this notice could ask for (一次性告知): the task's first notice's materials and every material
    # supplied before it; with this round's supply, what the next notice may ask for (one row, not every round)
    allowed_materials: Mapped[list[str] | None] = mapped_column(JsonDocument)
    supplied_note: Mapped[str | None] = mapped_column(Text)
    supplied_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    supplied_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    notice_number: Mapped[str | None] = mapped_column(String(40))  # the window's 一次性告知书 (issuance.notice)
