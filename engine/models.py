"""Every mapped class, imported in one place so the metadata (and Alembic) sees them all."""

from .agency.models import AgencyAuthorisation
from .audit.models import AuditEvent
from .catalogue.models import CatalogueItem
from .issuance.models import Certificate, CertificateCounter
from .organisation.models import Department, UserAccount
from .processes.models import ProcessInstance, ProcessSpec
from .projects.models import Project, StageApplication
from .time_limits.models import CalendarDay, CalendarYear, ClockEventRow, TimeLimitRule
from .timers.models import Timer
from .work_items.models import Decision, SupplementRequest, WorkItem

__all__ = [
    "AgencyAuthorisation",
    "AuditEvent",
    "CalendarDay",
    "CalendarYear",
    "CatalogueItem",
    "Certificate",
    "CertificateCounter",
    "ClockEventRow",
    "Decision",
    "Department",
    "ProcessInstance",
    "ProcessSpec",
    "Project",
    "StageApplication",
    "SupplementRequest",
    "TimeLimitRule",
    "Timer",
    "UserAccount",
    "WorkItem",
]
