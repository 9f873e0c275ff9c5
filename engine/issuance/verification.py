"""Public verification (一码查询): what anyone who scans a certificate's QR code may learn, without login.

The answer for a number that does not exist is the same ``NotFound("未找到该证照")`` whether the
number is malformed, forged or merely unknown, and it is reached through the same single indexed
query, so neither the message nor the timing tells a guesser anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

import certificates

from ..clocks.segments import local_date
from ..errors import NotFound
from ..runtime import Runtime
from .models import EXPIRED, STATUS_NAMES, VALID, Certificate
from .register import NOT_FOUND

#: Printed rows that are shown publicly: what identifies the works and their scope (no people's names).
PUBLIC_LABELS = (
    "工程名称", "建设项目名称", "用地项目名称", "项目名称", "项目代码", "建设地址", "建设位置", "用地位置", "工程地址",
    "项目拟选位置", "建设规模", "用地面积", "土地用途", "施工单位", "监理单位", "施工阶段", "施工范围", "合同工期",
    "规划证号", "施工证号", "验收结论", "夜间施工内容", "施工日期", "施工时段", "噪声防治措施", "核准方式",
    # 建筑垃圾处置核准: what an inspector checks on the road against the truck in front of them
    "产生地点", "运输单位", "建筑垃圾类别及数量", "运输路线", "运输车辆", "消纳场所", "有效期限",
)


@dataclass(frozen=True)
class Verification:
    """A certificate as the public verification page shows it."""

    number: str
    printed_number: str
    kind: str
    title: str
    status: str
    status_name: str
    holder: str
    holder_label: str
    issuing_authority: str
    authority_label: str
    issue_date: date
    valid_until: date | None
    sha256: str
    fields: tuple[tuple[str, str], ...]
    successor_number: str | None
    predecessor_number: str | None
    status_changed_at: datetime | None
    status_changed_on: date | None  # the local (Beijing) date of the last status change
    revocation_reason: str | None


def verify_certificate(session: Session, runtime: Runtime, number: str) -> Verification:
    """The public record of certificate ``number``; a valid one past its validity reads as expired.

    :raise NotFound: no certificate has this number (the message says nothing else).
    """
    successor, predecessor = aliased(Certificate), aliased(Certificate)
    row = session.execute(
        select(Certificate, successor.number, predecessor.number)
        .outerjoin(successor, successor.id == Certificate.superseded_by_id)
        .outerjoin(predecessor, predecessor.id == Certificate.supersedes_id)
        .where(Certificate.number == number)).first()
    if row is None:
        raise NotFound(NOT_FOUND)
    cert, successor_number, predecessor_number = row
    template = certificates.get_template(cert.kind)
    status = cert.status
    if status == VALID and cert.valid_until is not None and cert.valid_until < local_date(runtime.now()):
        status = EXPIRED
    shown = tuple((label, value) for label, value in cert.data.get("fields", ()) if label in PUBLIC_LABELS)
    return Verification(
        number=cert.number, printed_number=cert.printed_number, kind=cert.kind,
        title=cert.title, status=status, status_name=STATUS_NAMES[status], holder=cert.holder,
        holder_label=template.holder_label, issuing_authority=cert.issuing_authority,
        authority_label=template.authority_label, issue_date=cert.issue_date, valid_until=cert.valid_until,
        sha256=cert.sha256, fields=shown, successor_number=successor_number,
        predecessor_number=predecessor_number, status_changed_at=cert.status_changed_at,
        status_changed_on=local_date(cert.status_changed_at) if cert.status_changed_at else None,
        revocation_reason=cert.revocation_reason)
