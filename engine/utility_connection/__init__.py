"""水电气联动报装 (joint utility connection, REFERENCE §9, REQ-S0-06, REQ-S1-05, REQ-S2-08): a track beside the
four stages, correlated to the project and open once the window has accepted stage 2 (工程建设许可). One form
for water, power, gas (heat and telecom as ``services.tsv`` offers them), accepted at the one window; one joint
site survey (联合踏勘) recorded once for every company; then each utility company does 受理勘查 → 验收开通
within its own limit in working days (株洲: water ≤ 10, gas ≤ 7, high-voltage single/dual supply ≤ 18/33),
counted from the window's acceptance. Off-site works permits (占道/掘路, 占绿) are granted at acceptance on
the applicant's commitment (告知承诺) and verified by their departments later.

Why a state machine in tables, with BPMN only for the deadline timers: the utilities of an application are
chosen in its form, while a BPMN task's lane is fixed in the model and is how the core gives a work item to a
department. Parallel per-utility user tasks would need a model generated per combination of utilities (and
power option) and company lanes inside the core's generated-model machinery, for a path of two steps with no
routing. So the steps are rows (``UtilityService.status``); each utility's time limit runs on the ledger's
working-day clock (``clock_event`` rows, key ``utility:<id>``: deadlines, 正常/预警/逾期, provisional years and
holiday-schedule reloads as for every item) and a small shipped process per utility (``utility_deadline``,
two timers at the clock's warning and overdue instants) lets the existing sweeper fire 时限预警/逾期, which
``hooks`` audits. Utility companies are organisations like departments (``organisation/utility_companies.tsv``)
whose examiners have an inbox here.

A feature package: it imports the core (projects, organisation, agency, audit, clocks, time limits, processes)
and nothing in the core imports it.
"""

from .models import OffsiteWorksPermit, UtilityApplication, UtilityService
from .queries import (
    ApplicationView,
    InboxRow,
    PermitRow,
    ServiceLine,
    company_inbox,
    offsite_queue,
    utility_track,
    window_queue,
)
from .rules import DEFAULT_RULES, KINDS, ServiceRule, UtilityRules
from .service import accept_utility_connection, apply_utility_connection, record_joint_survey
from .steps import connect_utility_service, survey_utility_service, verify_offsite_permit

__all__ = [
    "DEFAULT_RULES",
    "KINDS",
    "ApplicationView",
    "InboxRow",
    "OffsiteWorksPermit",
    "PermitRow",
    "ServiceLine",
    "ServiceRule",
    "UtilityApplication",
    "UtilityRules",
    "UtilityService",
    "accept_utility_connection",
    "apply_utility_connection",
    "company_inbox",
    "connect_utility_service",
    "offsite_queue",
    "record_joint_survey",
    "survey_utility_service",
    "utility_track",
    "verify_offsite_permit",
    "window_queue",
]
