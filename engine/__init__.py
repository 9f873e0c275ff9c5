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
from .config import database_url
from .db import create_schema, make_engine, transaction, writer
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
from .processes.workflow import publish
from .projects.progress import ProjectProgress, StageProgress, progress
from .projects.queries import owned_projects, visible_project
from .projects.registration import register_project, start_approval
from .runtime import Runtime
from .time_limits.calendar_store import load_schedule, working_calendar
from .time_limits.ledger import ClockLine, project_clocks
from .work_items.claims import claim, release
from .work_items.completion import Completed, complete_task
from .work_items.queries import InboxFilter, InboxRow, inbox
from .work_items.supplements import open_requests_for_project, open_supplements, submit_supplement

__all__ = [
    "ACTS",
    "COMMITMENT_FORMS",
    "Actor",
    "AuthorisationRow",
    "ClockLine",
    "Completed",
    "ConfigurationError",
    "Conflict",
    "DelegatedProject",
    "EngineError",
    "FormRejected",
    "InboxFilter",
    "InboxRow",
    "InvalidState",
    "IssuanceSettings",
    "NotAllowed",
    "NotFound",
    "ProjectProgress",
    "Runtime",
    "StageProgress",
    "Verification",
    "act_as_agent",
    "actor_for",
    "agent_authorisations",
    "authenticate",
    "certificate_pdf",
    "claim",
    "complete_task",
    "configure_issuance",
    "create_schema",
    "create_user",
    "database_url",
    "delegated_projects",
    "expire_certificates",
    "grant_authorisation",
    "inbox",
    "load_schedule",
    "make_engine",
    "open_requests_for_project",
    "open_supplements",
    "owned_projects",
    "progress",
    "project_authorisations",
    "project_certificates",
    "project_clocks",
    "publish",
    "register_project",
    "reissue_certificate",
    "release",
    "revoke_authorisation",
    "revoke_certificate",
    "seed_departments",
    "start_approval",
    "submit_supplement",
    "trail",
    "transaction",
    "user_by_username",
    "verify_certificate",
    "verify_chain",
    "visible_project",
    "visible_trail",
    "working_calendar",
    "writer",
]
