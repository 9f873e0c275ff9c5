"""The approval office's rules and use cases, and their persistence.

May import: ``bpmn``, ``forms``, ``certificates``, SQLAlchemy. Never Flask, never SpiffWorkflow
(go through ``bpmn``), never reportlab (go through ``certificates``).
Every use case takes the caller's SQLAlchemy session and never commits: the caller owns the
transaction (one per request, CLI command or test step). This module is the public surface:
``webapp`` imports from here only, and it exports what ``webapp`` uses; tests, features and benchmarks
import what else they need from the submodules.
"""

from . import wiring  # noqa: F401  # registers the features on engine.extensions.registry
from .acceptance.case_pages import (
    AcceptanceModes,
    ToleranceCasePage,
    acceptance_modes,
    tolerance_case_page,
    tolerance_desk,
)
from .acceptance.commitment import apply_with_commitment, verify_commitment
from .acceptance.commitment_pages import commitment_desk, commitment_offer, commitment_verification
from .acceptance.credit import report_bad_credit
from .acceptance.prepermit_page import convertible_pre_permits, pre_permit_page
from .acceptance.prepermits import convert_pre_permit, flagged_pre_permits, issue_pre_permit
from .acceptance.published import commitment_list, tolerance_list
from .acceptance.queries import acceptance_overview
from .acceptance.supply_files import SuppliedFile, supply_tolerance_files
from .acceptance.tolerance import (
    accept_with_tolerance,
    check_tolerance_supply,
    sign_tolerance_commitment,
    supply_tolerance_materials,
)
from .adjustments import (
    decide_extension,
    end_special_procedure,
    pending_extensions,
    request_extension,
    start_special_procedure,
    time_adjustments,
)
from .administration import (
    add_catalogue_item,
    add_department,
    add_rule_from_form,
    catalogue_view,
    department_names,
    department_of,
    department_rows,
    rename_department,
    retire_catalogue_item,
    time_limit_rules,
)
from .agency.grants import grant_authorisation, revoke_authorisation
from .agency.queries import agent_authorisations, delegated_projects, project_authorisations
from .agency.rules import ACTS
from .catalogue import category_names, stages_of
from .catalogue.stages import ALL_STAGES, STAGES, stage_name
from .clocks import UnknownCalendarYear
from .completion_acceptance.filing import file_completion, open_filings, project_filing
from .completion_acceptance.steps import finish_document_check
from .completion_acceptance.timetable import acceptance_timetable
from .config import database_url
from .construction.comprehensive import order_comprehensive_permit, project_licences, project_orders
from .construction.menu import LICENCES
from .construction.permit_page import permit_page
from .construction.phase_page import phase_permit_page, phase_permits_to_issue
from .construction.phases import (
    apply_for_phase_permit,
    confirm_phase_commitment,
    issue_phase_permit,
    phase_applications,
)
from .db import AfterCommit, make_engine, take_after_commit, transaction, writer
from .demo import DEMO_PASSWORD, ensure_demo
from .errors import Conflict, EngineError, FormRejected, InvalidState, NotAllowed, NotFound
from .extensions import ApplicantToDo
from .issuance import certificate_pdf, project_certificates, verify_certificate
from .issuance import reissue as reissue_certificate
from .issuance import revoke as revoke_certificate
from .issuance.handover import METHODS as HANDOVER_METHODS
from .issuance.handover import StageResults, hand_out_results, waiting_results
from .issuance.holdings import my_certificates
from .issuance.models import STATUS_NAMES as CERTIFICATE_STATUS_NAMES
from .issuance.receipt import acceptance_receipt
from .issuance.settings import default_public_base_url
from .materials.errors import MaterialRejected
from .materials.queries import MaterialRow, material_content, project_materials
from .materials.storage import TYPE_NAMES as MATERIAL_TYPE_NAMES
from .materials.storage import MaterialLimits
from .materials.supplement_files import supplement_answer
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
from .night_work.rules import DEFAULT_RULES as NIGHT_WORK_RULES
from .notifications import CHANNEL_NAMES as NOTIFICATION_CHANNEL_NAMES
from .notifications import STATUS_NAMES as DELIVERY_STATUS_NAMES
from .notifications import (
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
from .office_setup import catalogue_of, category_list, department_list
from .organisation.accounts import authenticate
from .organisation.actors import Actor
from .organisation.administration import (
    PASSWORD_MIN_LENGTH,
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
from .processes.approval import start_approval
from .processes.workflow import STATUS_NAMES
from .project_view.diagrams import progress_view
from .project_view.progress import progress
from .projects.queries import owned_projects
from .projects.registration import register_project
from .ratings.levels import LEVELS as RATING_LEVELS
from .ratings.queries import follow_ups, project_ratings, ratings_page
from .ratings.service import close_follow_up, rate_service
from .runtime import Runtime
from .schedules import calendar_status, load_schedule_file, schedule_preview
from .schema import upgrade as upgrade_schema
from .stage_application.errors import ApplicationIncomplete
from .stage_application.submission import (
    SubmittedApplication,
    application_task_list,
    save_application_answers,
    submit_stage_application,
    submitted_application,
)
from .stage_application.task_list import MaterialTask, StageTaskList
from .supervision.drilldown import clock_detail, department_work
from .supervision.export import HEADERS as BOARD_EXPORT_HEADERS
from .supervision.export import board_rows
from .supervision.queries import supervision_statistics, supervisor_board
from .surveys.queries import firm_commission, firm_commissions, survey_page
from .surveys.results import SURVEYS, cite_survey_result, commission_survey, project_survey, upload_survey_result
from .task_view import TaskContext, task_context
from .utility_connection import (
    DEFAULT_RULES as UTILITY_RULES,
)
from .utility_connection import (
    KINDS as UTILITY_KINDS,
)
from .utility_connection import (
    UtilityRules,
    accept_utility_connection,
    apply_utility_connection,
    connect_utility_service,
    record_joint_survey,
    survey_utility_service,
    utility_track,
    verify_offsite_permit,
)
from .utility_connection import company_inbox as utility_company_inbox
from .utility_connection import offsite_queue as utility_offsite_queue
from .utility_connection import window_queue as utility_window_queue
from .visibility import open_supplements, project_clocks, visible_trail
from .work_items.claims import claim, release
from .work_items.completion import complete_task
from .work_items.intake import IntakeTask, intake_task, window_intake
from .work_items.models import AWAITING_SUPPLEMENT, IN_SPECIAL_PROCEDURE
from .work_items.queries import InboxFilter, InboxRow, inbox, inbox_page
from .work_items.supplements import submit_supplement

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
    "DELIVERY_STATUS_NAMES",
    "DEMO_PASSWORD",
    "DEPARTMENTS",
    "DEPARTMENT_LEAD",
    "EXAMINER",
    "HANDOVER_METHODS",
    "IN_SPECIAL_PROCEDURE",
    "LICENCES",
    "MATERIAL_TYPE_NAMES",
    "NIGHT_WORK_RULES",
    "NOTIFICATION_CHANNEL_NAMES",
    "OWNER",
    "PASSWORD_MIN_LENGTH",
    "RATING_LEVELS",
    "ROLE_NAMES",
    "STAGES",
    "STATUS_NAMES",
    "SUPERVISOR",
    "SURVEYS",
    "SURVEY_FIRM",
    "UTILITY_COMPANIES",
    "UTILITY_KINDS",
    "UTILITY_RULES",
    "WINDOW_CLERK",
    "AcceptanceModes",
    "Actor",
    "AfterCommit",
    "ApplicantToDo",
    "ApplicationIncomplete",
    "Conflict",
    "EngineError",
    "FormRejected",
    "InboxFilter",
    "InboxRow",
    "IntakeTask",
    "InvalidState",
    "MaterialLimits",
    "MaterialRejected",
    "MaterialRow",
    "MaterialTask",
    "NewAccount",
    "NewMaterial",
    "NightWorkPermit",
    "NotAllowed",
    "NotFound",
    "Runtime",
    "SessionPolicy",
    "StageResults",
    "StageTaskList",
    "SubmittedApplication",
    "SuppliedFile",
    "TaskContext",
    "ToleranceCasePage",
    "UnknownCalendarYear",
    "UtilityRules",
    "accept_utility_connection",
    "accept_with_tolerance",
    "acceptance_modes",
    "acceptance_overview",
    "acceptance_receipt",
    "acceptance_timetable",
    "add_catalogue_item",
    "add_department",
    "add_rule_from_form",
    "agent_authorisations",
    "application_task_list",
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
    "certificate_pdf",
    "check_tolerance_supply",
    "cite_survey_result",
    "claim",
    "clear_sign_in_failures",
    "clock_detail",
    "close_follow_up",
    "commission_survey",
    "commitment_desk",
    "commitment_list",
    "commitment_offer",
    "commitment_verification",
    "complete_task",
    "confirm_phase_commitment",
    "connect_utility_service",
    "convert_pre_permit",
    "convertible_pre_permits",
    "database_url",
    "decide_extension",
    "decide_night_work",
    "default_public_base_url",
    "delegated_projects",
    "department_list",
    "department_names",
    "department_of",
    "department_rows",
    "department_work",
    "end_session",
    "end_special_procedure",
    "ensure_demo",
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
    "open_session",
    "open_supplements",
    "order_comprehensive_permit",
    "outbox_status",
    "owned_projects",
    "pending_extensions",
    "permit_page",
    "phase_applications",
    "phase_permit_page",
    "phase_permits_to_issue",
    "pre_permit_page",
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
    "public_night_work_notices",
    "rate_service",
    "ratings_page",
    "record_joint_survey",
    "record_sign_in_failure",
    "register_account",
    "register_project",
    "reissue_certificate",
    "release",
    "remove_material",
    "rename_department",
    "report_bad_credit",
    "request_extension",
    "retire_catalogue_item",
    "retry_delivery",
    "review_queue",
    "revoke_authorisation",
    "revoke_certificate",
    "save_application_answers",
    "save_my_preferences",
    "schedule_preview",
    "session_actor",
    "set_active",
    "set_contact_details",
    "set_password",
    "sign_in_retry_after",
    "sign_tolerance_commitment",
    "stage_name",
    "stages_of",
    "start_approval",
    "start_special_procedure",
    "submit_stage_application",
    "submit_supplement",
    "submitted_application",
    "supervision_list",
    "supervision_statistics",
    "supervisor_board",
    "supplement_answer",
    "supply_tolerance_files",
    "supply_tolerance_materials",
    "survey_page",
    "survey_utility_service",
    "take_after_commit",
    "task_context",
    "time_adjustments",
    "time_limit_rules",
    "tolerance_case_page",
    "tolerance_desk",
    "tolerance_list",
    "touch_session",
    "transaction",
    "unread_count",
    "upgrade_schema",
    "upload_survey_result",
    "utility_company_inbox",
    "utility_offsite_queue",
    "utility_track",
    "utility_window_queue",
    "verify_certificate",
    "verify_commitment",
    "verify_offsite_permit",
    "visible_trail",
    "waiting_results",
    "window_intake",
    "writer",
]
