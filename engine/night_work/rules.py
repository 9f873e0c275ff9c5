"""The rules of night-work approval, as data: the night window, how many nights one application may cover,
how far ahead it may be filed, which departments review and supervise, and when a repeat application is
approved at once.

The repeat rule follows 硚口's practice ("同一工地重复申请自动填报、即时办结"): the same project site and the same
contractor (by 统一社会信用代码), an earlier permit that a department approved *by review* within
``repeat_within_days``, hours inside that permit's hours, and no more nights than one application may ask for.
An approval by rule never becomes the basis of another: every chain starts from a reviewed permit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


def minutes(clock_time: str) -> int:
    """Minutes after the night window opened at ``window_start`` (22:00 → 0, 06:00 → 480)."""
    hours, mins = (int(part) for part in clock_time.split(":"))
    return ((hours - 22) % 24) * 60 + mins


@dataclass(frozen=True)
class NightWorkRules:
    window_start: str = "22:00"
    window_end: str = "06:00"
    max_nights: int = 7
    max_days_ahead: int = 30
    repeat_within_days: int = 90
    reviewing_department: str = "ecology_environment"
    supervising_department: str = "urban_management"

    def hours_error(self, start: str, end: str) -> dict[str, list[str]]:
        """Field errors for hours outside the night window or not in order (empty if fine)."""
        window = f"{self.window_start}至次日{self.window_end}"
        limit = minutes(self.window_end)
        errors: dict[str, list[str]] = {}
        if minutes(start) >= limit:
            errors["start_time"] = [f"夜间施工时段为{window}，开始时间应在此时段内"]
        if not 0 < minutes(end) <= limit:
            errors["end_time"] = [f"夜间施工时段为{window}，结束时间应在此时段内"]
        elif "start_time" not in errors and minutes(end) <= minutes(start):
            errors["end_time"] = ["结束时间应晚于开始时间"]
        return errors

    def nights_error(self, first: date, last: date, today: date) -> dict[str, list[str]]:
        """Field errors for nights in the past, too far ahead, or too many in one application."""
        if first < today:
            return {"first_night": ["起始日期不得早于今天"]}
        if (first - today).days > self.max_days_ahead:
            return {"first_night": [f"最早可提前{self.max_days_ahead}天申请"]}
        if (last - first).days + 1 > self.max_nights:
            return {"last_night": [f"每次申请最多{self.max_nights}个夜晚，请分次申请"]}
        return {}

    def within_hours(self, start: str, end: str, earlier_start: str, earlier_end: str) -> bool:
        return minutes(earlier_start) <= minutes(start) and minutes(end) <= minutes(earlier_end)


DEFAULT_RULES = NightWorkRules()
