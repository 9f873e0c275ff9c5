"""The approval office's rules and use cases, and their persistence.

May import: ``bpmn``, ``forms``, ``certificates``, SQLAlchemy. Never Flask, never SpiffWorkflow
(go through ``bpmn``), never reportlab (go through ``certificates``).
Every use case takes the caller's SQLAlchemy session and never commits: the caller owns the
transaction (one per request, CLI command or test step). This module is the public surface:
``webapp`` imports from here only.
"""

from .acceptance.commitment import apply_with_commitment, verify_commitment
from .acceptance.credit import report_bad_credit
from .acceptance.prepermits import convert_pre_permit, flagged_pre_permits, issue_pre_permit
from .acceptance.published import commitment_list, tolerance_list
from .acceptance.queries import ToleranceView, acceptance_overview
from .acceptance.tolerance import (
    accept_with_tolerance,
    check_tolerance_supply,
    sign_tolerance_commitment,
    supply_tolerance_materials,
)
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
from .catalogue import ItemEntry, add_item, category_names, retire_item, stages_of
from .clocks import UnknownCalendarYear
from .completion.filing import FilingDeadline, file_completion, open_filings, project_filing
from .completion.timetable import TIMETABLE, TimetableLine, acceptance_timetable
from .config import database_url
from .construction.comprehensive import order_comprehensive_permit, project_licences, project_orders
from .construction.menu import LICENCES
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
from .materials.errors import MaterialNameRefused, MaterialRejected, MaterialTooLarge, MaterialTypeRefused
from .materials.queries import MaterialRow, StageMaterials, material_content, project_materials
from .materials.storage import TYPE_NAMES as MATERIAL_TYPE_NAMES
from .materials.storage import MaterialLimits
from .materials.uploads import NewMaterial, attach_material, remove_material
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
from .projects.stages import ALL_STAGES, STAGES, stage_name
from .ratings.levels import LEVELS as RATING_LEVELS
from .ratings.queries import FollowUpRow, StageRating, follow_ups, project_ratings
from .ratings.service import close_follow_up, rate_service
from .runtime import Runtime
from .schema import upgrade as upgrade_schema
from .supervision.queries import SupervisorBoard, supervision_statistics, supervisor_board
from .supervision.rows import SupervisionStatistics
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
from .time_limits.rules import add_time_limit_rule, category_total_days, rule_in_force
from .work_items.claims import claim, release
from .work_items.completion import Completed, complete_task
from .work_items.models import AWAITING_SUPPLEMENT
from .work_items.queries import (
    COUNT_CAP,
    BoardGroup,
    InboxFilter,
    InboxPage,
    InboxRow,
    TaskContext,
    inbox,
    inbox_page,
    supervision_board,
    task_context,
)
from .work_items.supplements import open_requests_for_project, open_supplements, submit_supplement

CATEGORIES = category_names()
"""Project category code → Chinese name (from the catalogue's categories.toml)."""

__all__ = [
    "ACTS",
    "ADMINISTRATOR",
    "AGENT",
    "ALL_STAGES",
    "AWAITING_SUPPLEMENT",
    "CATEGORIES",
    "COMMITMENT_FORMS",
    "COUNT_CAP",
    "DEMO_PASSWORD",
    "DEPARTMENTS",
    "DEPARTMENT_LEAD",
    "EXAMINER",
    "LICENCES",
    "MATERIAL_TYPE_NAMES",
    "OWNER",
    "PHASES",
    "RATING_LEVELS",
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
    "FollowUpRow",
    "FormRejected",
    "InboxFilter",
    "InboxPage",
    "InboxRow",
    "InvalidState",
    "IssuanceSettings",
    "ItemEntry",
    "MaterialLimits",
    "MaterialNameRefused",
    "MaterialRejected",
    "MaterialRow",
    "MaterialTooLarge",
    "MaterialTypeRefused",
    "NewMaterial",
    "NotAllowed",
    "NotFound",
    "ProgressView",
    "ProjectProgress",
    "Runtime",
    "StageDiagram",
    "StageMaterials",
    "StageProgress",
    "StageRating",
    "SupervisionStatistics",
    "SupervisorBoard",
    "SurveyView",
    "TaskContext",
    "TimetableLine",
    "ToleranceView",
    "UnknownCalendarYear",
    "Verification",
    "accept_with_tolerance",
    "acceptance_overview",
    "acceptance_timetable",
    "act_as_agent",
    "actor_for",
    "add_item",
    "add_time_limit_rule",
    "agent_authorisations",
    "apply_for_phase_permit",
    "apply_with_commitment",
    "attach_material",
    "authenticate",
    "category_names",
    "category_total_days",
    "certificate_pdf",
    "check_tolerance_supply",
    "cite_survey_result",
    "claim",
    "close_follow_up",
    "commission_survey",
    "commitment_list",
    "complete_task",
    "configure_issuance",
    "confirm_phase_commitment",
    "convert_pre_permit",
    "create_user",
    "database_url",
    "delegated_projects",
    "ensure_demo",
    "expire_certificates",
    "file_completion",
    "flagged_pre_permits",
    "follow_ups",
    "grant_authorisation",
    "inbox",
    "inbox_page",
    "issue_phase_permit",
    "issue_pre_permit",
    "load_schedule",
    "make_engine",
    "material_content",
    "open_filings",
    "open_requests_for_project",
    "open_supplements",
    "order_comprehensive_permit",
    "owned_projects",
    "phase_applications",
    "progress",
    "progress_view",
    "project_authorisations",
    "project_certificates",
    "project_clocks",
    "project_filing",
    "project_licences",
    "project_materials",
    "project_orders",
    "project_ratings",
    "project_survey",
    "publish",
    "rate_service",
    "register_project",
    "reissue_certificate",
    "release",
    "remove_material",
    "report_bad_credit",
    "retire_item",
    "revoke_authorisation",
    "revoke_certificate",
    "rule_in_force",
    "seed_departments",
    "sign_tolerance_commitment",
    "stage_diagrams",
    "stage_name",
    "stages_of",
    "start_approval",
    "submit_supplement",
    "supervision_board",
    "supervision_statistics",
    "supervisor_board",
    "supply_tolerance_materials",
    "task_context",
    "tolerance_list",
    "trail",
    "transaction",
    "upgrade_schema",
    "upload_survey_result",
    "user_by_username",
    "verify_certificate",
    "verify_chain",
    "verify_commitment",
    "visible_project",
    "visible_trail",
    "working_calendar",
    "writer",
]
