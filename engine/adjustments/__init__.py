"""特别程序 and 延期: the two acts by which an item's time limit changes (REQ-S3-03).

* A **special procedure** (专家评审, 听证, 公示, 现场踏勘/勘验, 技术审查) is started by an examiner of the item's
  department on a review they may act on, with a reason and its own limit in working days. The item's clock
  pauses while it runs (its deadline timers wait, as during 补正) and the procedure has a clock of its own
  (正常/预警/逾期); it ends when the examiner records its result.
* An **extension** (延期) is requested by such an examiner (reason, working days) and decided by the
  department's lead; only an approved one adds to the item's limit (an ``extended`` clock event) and moves its
  deadline timers.

Both are recorded on the instance's audit chain. May import the engine core (clocks, time limits, timers,
work items, audit, organisation, processes, projects) and ``forms``; nothing of ``webapp``.
"""

from .extensions import decide_extension, pending_extensions, request_extension
from .queries import ExtensionLine, ProcedureLine, TimeAdjustments, extension_line, time_adjustments
from .special import end_special_procedure, start_special_procedure

__all__ = [
    "ExtensionLine",
    "ProcedureLine",
    "TimeAdjustments",
    "decide_extension",
    "end_special_procedure",
    "extension_line",
    "pending_extensions",
    "request_extension",
    "start_special_procedure",
    "time_adjustments",
]
