"""The approval office's rules and use cases, and their persistence.

May import: ``bpmn``, ``forms``, ``certificates``, SQLAlchemy. Never Flask, never SpiffWorkflow
(go through ``bpmn``), never reportlab (go through ``certificates``).
Every use case takes the caller's SQLAlchemy session and never commits: the caller owns the
transaction (one per request, CLI command or test step). This module is the public surface:
``webapp`` imports from here only.
"""

from . import wiring  # noqa: F401  # registers the features on engine.extensions.registry
from .acceptance.commitment import apply_with_commitment, verify_commitment
from .acceptance.credit import report_bad_credit
from .acceptance.prepermits import convert_pre_permit, flagged_pre_permits, issue_pre_permit
from .acceptance.published import commitment_list, tolerance_list
from .acceptance.queries import SignedTolerance, ToleranceView, acceptance_overview, signed_at_window
from .acceptance.tolerance import (
    accept_with_tolerance,
    check_tolerance_supply,
    sign_tolerance_commitment,
    supply_tolerance_materials,
)
from .adjustments import (
    ExtensionLine,
    ProcedureLine,
    TimeAdjustments,
    decide_extension,
    end_special_procedure,
    pending_extensions,
    request_extension,
    start_special_procedure,
    time_adjustments,
)
from .administration import (
    CatalogueView,
    DepartmentOverview,
    RuleRow,
    add_catalogue_item,
    add_rule_from_form,
    catalogue_view,
    department_rows,
    time_limit_rules,
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
from .catalogue.stages import ALL_STAGES, STAGES, stage_name
from .clocks import UnknownCalendarYear
from .completion_acceptance.filing import FilingDeadline, file_completion, open_filings, project_filing
from .completion_acceptance.steps import finish_document_check
from .completion_acceptance.timetable import TIMETABLE, TimetableLine, acceptance_timetable
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
from .issuance.handover import METHODS as HANDOVER_METHODS
from .issuance.handover import StageResults, hand_out_results, waiting_results
from .issuance.holdings import ProjectCertificates, my_certificates
from .issuance.models import STATUS_NAMES as CERTIFICATE_STATUS_NAMES
from .issuance.settings import default_public_base_url, settings_for
from .materials.errors import MaterialNameRefused, MaterialRejected, MaterialTooLarge, MaterialTypeRefused
from .materials.queries import MaterialRow, StageMaterials, material_content, project_materials
from .materials.storage import TYPE_NAMES as MATERIAL_TYPE_NAMES
from .materials.storage import MaterialLimits
from .materials.uploads import NewMaterial, attach_material, remove_material
from .night_work import (
    NightWorkPermit,
    apply_night_work,
    decide_night_work,
    night_work_for_project,
    public_night_work_notices,
    review_queue,
    supervision_list,
)
from .night_work.models import BASIS_NAMES as NIGHT_WORK_BASIS_NAMES
from .night_work.models import STATUS_NAMES as NIGHT_WORK_STATUS_NAMES
from .night_work.queries import NightWorkRow
from .night_work.rules import DEFAULT_RULES as NIGHT_WORK_RULES
from .notifications import CHANNEL_NAMES as NOTIFICATION_CHANNEL_NAMES
from .notifications import KIND_NAMES as NOTIFICATION_KIND_NAMES
from .notifications import STATUS_NAMES as DELIVERY_STATUS_NAMES
from .notifications import (
    Notification,
    OutboxStatus,
    Preferences,
    mark_all_read,
    mark_read,
    my_notifications,
    my_preferences,
    outbox_status,
    retry_delivery,
    save_my_preferences,
    set_contact_details,
    unread_count,
)
from .office_setup import DepartmentRow, OfficeSetUp, catalogue_of, category_list, department_list, set_up_office
from .organisation.accounts import authenticate, create_user, seed_departments, user_by_username
from .organisation.actors import Actor, actor_for
from .organisation.administration import (
    PASSWORD_MIN_LENGTH,
    AccountRow,
    NewAccount,
    list_accounts,
    register_account,
    set_active,
    set_password,
)
from .organisation.lanes import (
    ADMINISTRATOR,
    AGENT,
    DEPARTMENT_LEAD,
    DEPARTMENTS,
    EXAMINER,
    OWNER,
    ROLE_NAMES,
    SUPERVISOR,
    SURVEY_FIRM,
    UTILITY_COMPANIES,
    WINDOW_CLERK,
)
from .organisation.sign_ins import (
    OpenedSession,
    SessionPolicy,
    clear_sign_in_failures,
    end_session,
    live_session,
    needs_touch,
    open_session,
    record_sign_in_failure,
    session_actor,
    sign_in_retry_after,
    touch_session,
)
from .processes.workflow import STATUS_NAMES, publish
from .projects.diagrams import ProgressView, StageDiagram, progress_view, stage_diagrams
from .projects.progress import ProjectProgress, StageProgress, progress
from .projects.queries import owned_projects, visible_project
from .projects.registration import register_project, start_approval
from .ratings.levels import LEVELS as RATING_LEVELS
from .ratings.queries import FollowUpRow, StageRating, follow_ups, project_ratings
from .ratings.service import close_follow_up, rate_service
from .runtime import Runtime
from .schedules import (
    CalendarStatus,
    DeadlineChange,
    ScheduleLoaded,
    SchedulePreview,
    calendar_status,
    load_schedule_file,
    schedule_preview,
)
from .schema import upgrade as upgrade_schema
from .supervision.drilldown import ClockDetail, DepartmentWork, clock_detail, department_work
from .supervision.export import HEADERS as BOARD_EXPORT_HEADERS
from .supervision.export import board_rows
from .supervision.queries import SupervisorBoard, supervision_statistics, supervisor_board
from .supervision.rows import SupervisionStatistics
from .surveys.queries import Commission as SurveyCommissionView
from .surveys.queries import (
    SurveyPage,
    firm_commission,
    firm_commissions,
    project_commission,
    survey_firms,
    survey_page,
)
from .surveys.results import (
    SURVEYS,
    SurveyView,
    cite_survey_result,
    commission_survey,
    project_survey,
    upload_survey_result,
)
from .task_view import TaskContext, task_context
from .time_limits.calendar_store import load_schedule, working_calendar
from .time_limits.ledger import ClockLine, project_clocks
from .time_limits.rules import add_time_limit_rule, category_total_days, rule_in_force
from .utility_connection import (
    DEFAULT_RULES as UTILITY_RULES,
)
from .utility_connection import (
    KINDS as UTILITY_KINDS,
)
from .utility_connection import (
    ApplicationView as UtilityApplicationView,
)
from .utility_connection import (
    InboxRow as UtilityInboxRow,
)
from .utility_connection import (
    OffsiteWorksPermit,
    UtilityApplication,
    UtilityRules,
    UtilityService,
    accept_utility_connection,
    apply_utility_connection,
    connect_utility_service,
    record_joint_survey,
    survey_utility_service,
    utility_track,
    verify_offsite_permit,
)
from .utility_connection import (
    PermitRow as UtilityPermitRow,
)
from .utility_connection import company_inbox as utility_company_inbox
from .utility_connection import offsite_queue as utility_offsite_queue
from .utility_connection import window_queue as utility_window_queue
from .work_items.claims import claim, release
from .work_items.completion import Completed, complete_task
from .work_items.intake import Intake, IntakeTask, intake_task, window_intake
from .work_items.models import AWAITING_SUPPLEMENT, IN_SPECIAL_PROCEDURE
from .work_items.queries import (
    COUNT_CAP,
    BoardGroup,
    InboxFilter,
    InboxPage,
    InboxRow,
    inbox,
    inbox_page,
    supervision_board,
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
    "BOARD_EXPORT_HEADERS",
    "CATEGORIES",
    "CERTIFICATE_STATUS_NAMES",
    "COMMITMENT_FORMS",
    "COUNT_CAP",
    "DELIVERY_STATUS_NAMES",
    "DEMO_PASSWORD",
    "DEPARTMENTS",
    "DEPARTMENT_LEAD",
    "EXAMINER",
    "HANDOVER_METHODS",
    "IN_SPECIAL_PROCEDURE",
    "LICENCES",
    "MATERIAL_TYPE_NAMES",
    "NIGHT_WORK_BASIS_NAMES",
    "NIGHT_WORK_RULES",
    "NIGHT_WORK_STATUS_NAMES",
    "NOTIFICATION_CHANNEL_NAMES",
    "NOTIFICATION_KIND_NAMES",
    "OWNER",
    "PASSWORD_MIN_LENGTH",
    "PHASES",
    "RATING_LEVELS",
    "ROLE_NAMES",
    "STAGES",
    "STATUS_NAMES",
    "SUPERVISOR",
    "SURVEYS",
    "SURVEY_FIRM",
    "TIMETABLE",
    "UTILITY_COMPANIES",
    "UTILITY_KINDS",
    "UTILITY_RULES",
    "WINDOW_CLERK",
    "AccountRow",
    "Actor",
    "AuthorisationRow",
    "BoardGroup",
    "CalendarStatus",
    "CatalogueView",
    "ClockDetail",
    "ClockLine",
    "Completed",
    "ConfigurationError",
    "Conflict",
    "DeadlineChange",
    "DelegatedProject",
    "DepartmentOverview",
    "DepartmentRow",
    "DepartmentWork",
    "EngineError",
    "ExtensionLine",
    "FilingDeadline",
    "FollowUpRow",
    "FormRejected",
    "InboxFilter",
    "InboxPage",
    "InboxRow",
    "Intake",
    "IntakeTask",
    "InvalidState",
    "IssuanceSettings",
    "ItemEntry",
    "MaterialLimits",
    "MaterialNameRefused",
    "MaterialRejected",
    "MaterialRow",
    "MaterialTooLarge",
    "MaterialTypeRefused",
    "NewAccount",
    "NewMaterial",
    "NightWorkPermit",
    "NightWorkRow",
    "NotAllowed",
    "NotFound",
    "Notification",
    "OfficeSetUp",
    "OffsiteWorksPermit",
    "OpenedSession",
    "OutboxStatus",
    "Preferences",
    "ProcedureLine",
    "ProgressView",
    "ProjectCertificates",
    "ProjectProgress",
    "RuleRow",
    "Runtime",
    "ScheduleLoaded",
    "SchedulePreview",
    "SessionPolicy",
    "SignedTolerance",
    "StageDiagram",
    "StageMaterials",
    "StageProgress",
    "StageRating",
    "StageResults",
    "SupervisionStatistics",
    "SupervisorBoard",
    "SurveyCommissionView",
    "SurveyPage",
    "SurveyView",
    "TaskContext",
    "TimeAdjustments",
    "TimetableLine",
    "ToleranceView",
    "UnknownCalendarYear",
    "UtilityApplication",
    "UtilityApplicationView",
    "UtilityInboxRow",
    "UtilityPermitRow",
    "UtilityRules",
    "UtilityService",
    "Verification",
    "accept_utility_connection",
    "accept_with_tolerance",
    "acceptance_overview",
    "acceptance_timetable",
    "act_as_agent",
    "actor_for",
    "add_catalogue_item",
    "add_item",
    "add_rule_from_form",
    "add_time_limit_rule",
    "agent_authorisations",
    "apply_for_phase_permit",
    "apply_night_work",
    "apply_utility_connection",
    "apply_with_commitment",
    "attach_material",
    "authenticate",
    "board_rows",
    "calendar_status",
    "catalogue_of",
    "catalogue_view",
    "category_list",
    "category_names",
    "category_total_days",
    "certificate_pdf",
    "check_tolerance_supply",
    "cite_survey_result",
    "claim",
    "clear_sign_in_failures",
    "clock_detail",
    "close_follow_up",
    "commission_survey",
    "commitment_list",
    "complete_task",
    "configure_issuance",
    "confirm_phase_commitment",
    "connect_utility_service",
    "convert_pre_permit",
    "create_user",
    "database_url",
    "decide_extension",
    "decide_night_work",
    "default_public_base_url",
    "delegated_projects",
    "department_list",
    "department_rows",
    "department_work",
    "end_session",
    "end_special_procedure",
    "ensure_demo",
    "expire_certificates",
    "file_completion",
    "finish_document_check",
    "firm_commission",
    "firm_commissions",
    "flagged_pre_permits",
    "follow_ups",
    "grant_authorisation",
    "hand_out_results",
    "inbox",
    "inbox_page",
    "intake_task",
    "issue_phase_permit",
    "issue_pre_permit",
    "list_accounts",
    "live_session",
    "load_schedule",
    "load_schedule_file",
    "make_engine",
    "mark_all_read",
    "mark_read",
    "material_content",
    "my_certificates",
    "my_notifications",
    "my_preferences",
    "needs_touch",
    "night_work_for_project",
    "open_filings",
    "open_requests_for_project",
    "open_session",
    "open_supplements",
    "order_comprehensive_permit",
    "outbox_status",
    "owned_projects",
    "pending_extensions",
    "phase_applications",
    "progress",
    "progress_view",
    "project_authorisations",
    "project_certificates",
    "project_clocks",
    "project_commission",
    "project_filing",
    "project_licences",
    "project_materials",
    "project_orders",
    "project_ratings",
    "project_survey",
    "public_night_work_notices",
    "publish",
    "rate_service",
    "record_joint_survey",
    "record_sign_in_failure",
    "register_account",
    "register_project",
    "reissue_certificate",
    "release",
    "remove_material",
    "report_bad_credit",
    "request_extension",
    "retire_item",
    "retry_delivery",
    "review_queue",
    "revoke_authorisation",
    "revoke_certificate",
    "rule_in_force",
    "save_my_preferences",
    "schedule_preview",
    "seed_departments",
    "session_actor",
    "set_active",
    "set_contact_details",
    "set_password",
    "set_up_office",
    "settings_for",
    "sign_in_retry_after",
    "sign_tolerance_commitment",
    "signed_at_window",
    "stage_diagrams",
    "stage_name",
    "stages_of",
    "start_approval",
    "start_special_procedure",
    "submit_supplement",
    "supervision_board",
    "supervision_list",
    "supervision_statistics",
    "supervisor_board",
    "supply_tolerance_materials",
    "survey_firms",
    "survey_page",
    "survey_utility_service",
    "task_context",
    "time_adjustments",
    "time_limit_rules",
    "tolerance_list",
    "touch_session",
    "trail",
    "transaction",
    "unread_count",
    "upgrade_schema",
    "upload_survey_result",
    "user_by_username",
    "utility_company_inbox",
    "utility_offsite_queue",
    "utility_track",
    "utility_window_queue",
    "verify_certificate",
    "verify_chain",
    "verify_commitment",
    "verify_offsite_permit",
    "visible_project",
    "visible_trail",
    "waiting_results",
    "window_intake",
    "working_calendar",
    "writer",
]
