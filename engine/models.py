"""Every mapped class, imported in one place so the metadata (and Alembic) sees them all."""

from .acceptance.models import CommitmentCase, CreditRecord, PrePermit, ToleranceCase
from .adjustments.models import DeadlineExtension, SpecialProcedure
from .agency.models import AgencyAuthorisation
from .audit.models import AuditEvent
from .case_migration.models import CaseMigration
from .catalogue.models import CatalogueItem
from .completion_acceptance.models import CompletionFiling
from .construction.models import ComprehensiveLicence, ComprehensiveOrder, PhasePermitApplication
from .issuance.models import Certificate, CertificateCounter
from .materials.models import Material, MaterialBlob
from .night_work.models import NightWorkPermit
from .notifications.models import Delivery, Notification, NotificationPreference
from .organisation.models import Department, DepartmentChange, UserAccount
from .processes.models import ProcessInstance, ProcessSpec
from .projects.models import ApplicationDraft, Project, StageApplication
from .ratings.models import RatingFollowUp, ServiceRating
from .supervision.models import (
    SupervisedCompletion,
    SupervisedProject,
    SupervisionOpenClock,
    SupervisionParallel,
    SupervisionTally,
)
from .surveys.models import SurveyCommission, SurveyResult, SurveyResultUse
from .time_limits.models import CalendarDay, CalendarYear, ClockAlarm, ClockEventRow, ClockStateRow, TimeLimitRule
from .timers.models import Timer
from .utility_connection.models import OffsiteWorksPermit, UtilityApplication, UtilityService
from .waste_disposal.models import WasteDisposalLicence, WasteDisposalReview
from .work_items.models import Decision, SupplementRequest, WorkItem

__all__ = [
    "AgencyAuthorisation",
    "ApplicationDraft",
    "AuditEvent",
    "CalendarDay",
    "CalendarYear",
    "CaseMigration",
    "CatalogueItem",
    "Certificate",
    "CertificateCounter",
    "ClockAlarm",
    "ClockEventRow",
    "ClockStateRow",
    "CommitmentCase",
    "CompletionFiling",
    "ComprehensiveLicence",
    "ComprehensiveOrder",
    "CreditRecord",
    "DeadlineExtension",
    "Decision",
    "Delivery",
    "Department",
    "DepartmentChange",
    "Material",
    "MaterialBlob",
    "NightWorkPermit",
    "Notification",
    "NotificationPreference",
    "OffsiteWorksPermit",
    "PhasePermitApplication",
    "PrePermit",
    "ProcessInstance",
    "ProcessSpec",
    "Project",
    "RatingFollowUp",
    "ServiceRating",
    "SpecialProcedure",
    "StageApplication",
    "SupervisedCompletion",
    "SupervisedProject",
    "SupervisionOpenClock",
    "SupervisionParallel",
    "SupervisionTally",
    "SupplementRequest",
    "SurveyCommission",
    "SurveyResult",
    "SurveyResultUse",
    "TimeLimitRule",
    "Timer",
    "ToleranceCase",
    "UserAccount",
    "UtilityApplication",
    "UtilityService",
    "WasteDisposalLicence",
    "WasteDisposalReview",
    "WorkItem",
]
