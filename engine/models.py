"""Every mapped class, imported in one place so the metadata (and Alembic) sees them all."""

from .agency.models import AgencyAuthorisation
from .audit.models import AuditEvent
from .completion.models import CompletionFiling
from .construction.models import ComprehensiveLicence, ComprehensiveOrder, PhasePermitApplication
from .issuance.models import Certificate, CertificateCounter
from .organisation.models import Department, UserAccount
from .processes.models import ProcessInstance, ProcessSpec
from .projects.models import Project, StageApplication
from .surveys.models import SurveyCommission, SurveyResult, SurveyResultUse
from .time_limits.models import CalendarDay, CalendarYear, ClockEventRow
from .timers.models import Timer
from .work_items.models import Decision, SupplementRequest, WorkItem

__all__ = [
    "AgencyAuthorisation",
    "AuditEvent",
    "CalendarDay",
    "CalendarYear",
    "Certificate",
    "CertificateCounter",
    "ClockEventRow",
    "CompletionFiling",
    "ComprehensiveLicence",
    "ComprehensiveOrder",
    "Decision",
    "Department",
    "PhasePermitApplication",
    "ProcessInstance",
    "ProcessSpec",
    "Project",
    "StageApplication",
    "SupplementRequest",
    "SurveyCommission",
    "SurveyResult",
    "SurveyResultUse",
    "Timer",
    "UserAccount",
    "WorkItem",
]
