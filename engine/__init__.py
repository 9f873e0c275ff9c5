"""The approval office's rules and use cases, and their persistence.

May import: ``bpmn``, ``forms``, ``certificates``, SQLAlchemy. Never Flask, never SpiffWorkflow
(go through ``bpmn``), never reportlab (go through ``certificates``).
Every use case takes the caller's SQLAlchemy session and never commits: the caller owns the
transaction (one per request, CLI command or test step). This module is the public surface:
``webapp`` imports from here only.
"""

from .agency.grants import grant_authorisation, revoke_authorisation
from .agency.queries import (
    AuthorisationRow,
    DelegatedProject,
    agent_authorisations,
    delegated_projects,
    project_authorisations,
)
from .agency.rules import ACTS, COMMITMENT_FORMS, act_as_agent
from .audit.trail import trail, verify_chain, visible_trail
from .completion.filing import FilingDeadline, file_completion, open_filings, project_filing
from .completion.timetable import TIMETABLE, TimetableLine, acceptance_timetable
from .config import database_url
from .construction.comprehensive import order_comprehensive_permit, project_licences, project_orders
from .construction.menu import LICENCES, process_name
from .construction.phases import (
    PHASES,
    apply_for_phase_permit,
    confirm_phase_commitment,
    issue_phase_permit,
    phase_applications,
)
from .db import make_engine, transaction, writer
from .demo import DEMO_PASSWORD, ensure_demo
from .errors import (
    ConfigurationError,
    Conflict,
    EngineError,
    FormRejected,
    InvalidState,
    NotAllowed,
    NotFound,
)
from .issuance import (
    IssuanceSettings,
    Verification,
    certificate_pdf,
    project_certificates,
    verify_certificate,
)
from .issuance import configure as configure_issuance
from .issuance import expire_due as expire_certificates
from .issuance import reissue as reissue_certificate
from .issuance import revoke as revoke_certificate
from .organisation.accounts import authenticate, create_user, seed_departments, user_by_username
from .organisation.actors import Actor, actor_for
from .organisation.lanes import (
    ADMINISTRATOR,
    AGENT,
    DEPARTMENT_LEAD,
    DEPARTMENTS,
    EXAMINER,
    OWNER,
    ROLE_NAMES,
    SUPERVISOR,
    WINDOW_CLERK,
)
from .processes.workflow import STATUS_NAMES, publish
from .projects.diagrams import ProgressView, StageDiagram, progress_view, stage_diagrams
from .projects.progress import ProjectProgress, StageProgress, progress
from .projects.queries import owned_projects, visible_project
from .projects.registration import register_project, start_approval
from .projects.stages import CATEGORIES, STAGES, stage_name
from .runtime import Runtime
from .schema import upgrade as upgrade_schema
from .surveys.results import (
    SURVEYS,
    SurveyView,
    cite_survey_result,
    commission_survey,
    project_survey,
    upload_survey_result,
)
from .time_limits.calendar_store import load_schedule, working_calendar
from .time_limits.ledger import ClockLine, project_clocks
from .work_items.claims import claim, release
from .work_items.completion import Completed, complete_task
from .work_items.models import AWAITING_SUPPLEMENT
from .work_items.queries import (
    BoardGroup,
    InboxFilter,
    InboxRow,
    TaskContext,
    inbox,
    supervision_board,
    task_context,
)
from .work_items.supplements import open_requests_for_project, open_supplements, submit_supplement

__all__ = [
    "ACTS",
    "ADMINISTRATOR",
    "AGENT",
    "AWAITING_SUPPLEMENT",
    "CATEGORIES",
    "COMMITMENT_FORMS",
    "DEMO_PASSWORD",
    "DEPARTMENTS",
    "DEPARTMENT_LEAD",
    "EXAMINER",
    "LICENCES",
    "OWNER",
    "PHASES",
    "ROLE_NAMES",
    "STAGES",
    "STATUS_NAMES",
    "SUPERVISOR",
    "SURVEYS",
    "TIMETABLE",
    "WINDOW_CLERK",
    "Actor",
    "AuthorisationRow",
    "BoardGroup",
    "ClockLine",
    "Completed",
    "ConfigurationError",
    "Conflict",
    "DelegatedProject",
    "EngineError",
    "FilingDeadline",
    "FormRejected",
    "InboxFilter",
    "InboxRow",
    "InvalidState",
    "IssuanceSettings",
    "NotAllowed",
    "NotFound",
    "ProgressView",
    "ProjectProgress",
    "Runtime",
    "StageDiagram",
    "StageProgress",
    "SurveyView",
    "TaskContext",
    "TimetableLine",
    "Verification",
    "acceptance_timetable",
    "act_as_agent",
    "actor_for",
    "agent_authorisations",
    "apply_for_phase_permit",
    "authenticate",
    "certificate_pdf",
    "cite_survey_result",
    "claim",
    "commission_survey",
    "complete_task",
    "configure_issuance",
    "confirm_phase_commitment",
    "create_user",
    "database_url",
    "delegated_projects",
    "ensure_demo",
    "expire_certificates",
    "file_completion",
    "grant_authorisation",
    "inbox",
    "issue_phase_permit",
    "load_schedule",
    "make_engine",
    "open_filings",
    "open_requests_for_project",
    "open_supplements",
    "order_comprehensive_permit",
    "owned_projects",
    "phase_applications",
    "process_name",
    "progress",
    "progress_view",
    "project_authorisations",
    "project_certificates",
    "project_clocks",
    "project_filing",
    "project_licences",
    "project_orders",
    "project_survey",
    "publish",
    "register_project",
    "reissue_certificate",
    "release",
    "revoke_authorisation",
    "revoke_certificate",
    "seed_departments",
    "stage_diagrams",
    "stage_name",
    "start_approval",
    "submit_supplement",
    "supervision_board",
    "task_context",
    "trail",
    "transaction",
    "upgrade_schema",
    "upload_survey_result",
    "user_by_username",
    "verify_certificate",
    "verify_chain",
    "visible_project",
    "visible_trail",
    "working_calendar",
    "writer",
]
