"""What 容缺受理 asks of the applicant on the project's home page: each open case's missing materials, by the
补正期限 (or, once the case is suspended for being late, by the end of its grace period)."""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import ApplicantToDo, ApplicantToDos
from .models import OPEN, SUSPENDED, ToleranceCase
from .published import listed_tolerance


def tolerance_to_dos(question: ApplicantToDos) -> list[ApplicantToDo]:
    cases = question.session.scalars(select(ToleranceCase).where(
        ToleranceCase.project_code == question.project_code, ToleranceCase.status.in_((OPEN, SUSPENDED)))
        .order_by(ToleranceCase.id))
    return [_to_do(case) for case in cases]


def _to_do(case: ToleranceCase) -> ApplicantToDo:
    count = len(case.missing_materials)
    if case.status == SUSPENDED:  # late: still accepted until the grace period ends, then 退件
        return ApplicantToDo("tolerance_case", case.id, f"容缺补正：{listed_tolerance(case.item).name}",
                             f"已逾期、中止办理，宽限期内补齐 {count} 项材料可恢复办理", case.grace_due)
    return ApplicantToDo("tolerance_case", case.id, f"容缺补正：{listed_tolerance(case.item).name}",
                         f"补齐 {count} 项容缺材料", case.supplement_due)
