"""夜间施工审批 (night construction approval, REQ-S3-07, 硚口): an online application with the 硚口 fields, reviewed
by the department in charge of construction noise; a repeat application for the same site and contractor
within the rules is approved at once by rule (audited as such); every approval is issued as a numbered
certificate with a QR code, published as a public notice, and pushed to the supervising department's list.

A feature package: it may import the core (projects, organisation, agency, audit, runtime, errors, clocks)
and issuance; nothing in the core imports it.
"""

from .models import NightWorkPermit
from .queries import night_work_for_project, public_night_work_notices, review_queue, supervision_list
from .rules import NightWorkRules
from .service import apply_night_work, decide_night_work

__all__ = [
    "NightWorkPermit",
    "NightWorkRules",
    "apply_night_work",
    "decide_night_work",
    "night_work_for_project",
    "public_night_work_notices",
    "review_queue",
    "supervision_list",
]
