"""Department examiners (审批人员): the department's inbox, claim/release, the review or issuance form.

Only the examiner's own department's items are found: the engine scopes the inbox and the task page,
so another department's item answers 404 even when its id is known."""

from __future__ import annotations

from flask import Blueprint

import engine

from . import desk

bp = Blueprint("examiner", __name__, url_prefix="/examiner")
desk.add_routes(bp, engine.EXAMINER, engine.DEPARTMENT_LEAD)
