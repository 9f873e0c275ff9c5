"""The five levels of 好差评 (REFERENCE §9, P43) and which of them are bad ratings (差评)."""

from __future__ import annotations

LEVELS = {"very_satisfied": "非常满意", "satisfied": "满意", "basically_satisfied": "基本满意",
          "dissatisfied": "不满意", "very_dissatisfied": "非常不满意"}
BAD = frozenset({"dissatisfied", "very_dissatisfied"})
FOLLOW_UP_WORKING_DAYS = 15  # 差评 rectified within 15 working days (REFERENCE §9, P44)
COMMENT_MAX = 500
REPLY_MAX = 1000
