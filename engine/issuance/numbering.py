"""Certificate numbers: made by each kind's rule, allocated inside the caller's transaction.

The counter row of (series, period) is locked ``FOR UPDATE`` (on SQLite the writer's transaction
already holds the database lock), so concurrent issuers queue and each takes the next sequence. The
first allocation of a period inserts the row inside a savepoint; if a concurrent issuer inserted it
first, the row is then locked and used. The unique constraint on ``certificate.number`` is the
backstop, and a number already present (imported, or from a misconfigured shared pattern) is skipped.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..errors import ConfigurationError, InvalidState
from .models import Certificate, CertificateCounter
from .settings import PHASE_CODES, IssuanceSettings

_SAFE_NUMBER = re.compile(r"[0-9A-Za-z-]{1,40}")


def allocate_number(session: Session, settings: IssuanceSettings, kind: str, day: date, *,
                    main_number: str | None = None, phase: str = "S") -> str:
    """The next free number of ``kind`` for a certificate issued on ``day`` (a local date).

    ``main_number`` and ``phase`` are for a phase permit (``<main>-<phase><n>``).

    :raise InvalidState: the period's sequence is used up (e.g. a 100th 施工许可证 on one day).
    :raise ConfigurationError: the rule makes numbers unfit for a verification URL.
    """
    rule = settings.rule(kind)
    if phase not in PHASE_CODES:
        raise InvalidState("未知的分阶段施工许可代码", phase=phase)
    counter = _locked_counter(session, rule.series, rule.period_key(day, main_number, phase))
    while True:
        counter.value += 1
        if counter.value > rule.max_seq:
            raise InvalidState("本期证照编号已用尽，请联系系统管理员调整编号规则", kind=kind)
        number = rule.pattern.format(area=settings.area_code, date=day, seq=counter.value,
                                     specialty=rule.specialty, main=main_number or "", phase=phase)
        if not _SAFE_NUMBER.fullmatch(number):
            raise ConfigurationError("证照编号规则生成了不能用于核验网址的编号", kind=kind, number=number)
        if session.scalar(select(Certificate.id).where(Certificate.number == number)) is None:
            session.flush()
            return number


def _locked_counter(session: Session, series: str, period: str) -> CertificateCounter:
    counter = _select_for_update(session, series, period)
    if counter is not None:
        return counter
    try:
        with session.begin_nested():
            session.add(CertificateCounter(series=series, period=period, value=0))
    except IntegrityError:
        pass  # a concurrent issuer created it first; lock theirs
    counter = _select_for_update(session, series, period)
    assert counter is not None
    return counter


def _select_for_update(session: Session, series: str, period: str) -> CertificateCounter | None:
    stmt = (select(CertificateCounter)
            .where(CertificateCounter.series == series, CertificateCounter.period == period)
            .with_for_update().execution_options(populate_existing=True))
    return session.scalar(stmt)
