"""Errors raised by the working-day calendar and the clocks.

They are domain errors, not ``ValueError``: callers (use cases, the CLI, timers) catch
``ClockError`` to tell an operator what is missing or inconsistent, instead of letting a
deadline be computed from a guess.
"""

from bpmn import HostFunctionError


class ClockError(HostFunctionError):
    """Base class: something prevents a working-day calculation from being exact. (A ``HostFunctionError``:
    raised inside a model's ``item_due``, it reaches the caller as itself, not as a failed workflow step.)"""


class UnknownCalendarYear(ClockError):
    """A date falls in a year whose holiday schedule nobody has loaded.

    Raised instead of falling back to a Monday–Friday rule, because the State Council's
    schedule (and its weekend make-up working days, 调休) differs every year and a silent guess
    would move statutory deadlines.
    """

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"{year} 年的节假日安排尚未载入，请在国务院办公厅公布后运行 "
            f"`approval calendar load {year} <file>` 载入"
            f" (no holiday schedule loaded for {year}; load it with "
            f"`approval calendar load {year} <file>` once the State Council publishes it)"
        )


class InvalidClockEvent(ClockError):
    """An event sequence cannot describe a real clock (e.g. a resume while running)."""


class OverrideFileError(ClockError):
    """A line of an administrator's holiday-schedule file cannot be used.

    ``line`` is the 1-based line number (``None`` for whole-file problems), so the message can
    point the administrator at the line to fix.
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        prefix = f"line {line}: " if line is not None else ""
        super().__init__(prefix + message)
