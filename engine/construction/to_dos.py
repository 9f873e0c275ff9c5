"""What 分阶段施工许可 asks of the owner on the project's home page: an application an agent prepared waits for
the owner's own 质量安全承诺 before the housing department may issue it."""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import ApplicantToDo, ApplicantToDos
from .models import AWAITING_COMMITMENT, PhasePermitApplication
from .phases import phases_for


def phase_to_dos(question: ApplicantToDos) -> list[ApplicantToDo]:
    names = {phase.code: phase.name for phase in phases_for(question.runtime)}
    waiting = question.session.scalars(select(PhasePermitApplication).where(
        PhasePermitApplication.project_code == question.project_code,
        PhasePermitApplication.status == AWAITING_COMMITMENT).order_by(PhasePermitApplication.id))
    return [ApplicantToDo("phase_commitment", application.id,
                          f"确认质量安全承诺：{names.get(application.phase, application.phase)}阶段施工许可",
                          "帮办代办员已代为提交申请，须由建设单位本人确认承诺后方可核发")
            for application in waiting]
