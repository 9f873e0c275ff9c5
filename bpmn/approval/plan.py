"""The data a generated approval model is made from (see the package docstring)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lane:
    """A swimlane: its name (the contract with the engine's lanes) and the code used in element ids."""

    name: str
    code: str


OWNER_LANE = Lane("建设单位", "owner")
WINDOW_LANE = Lane("综合窗口", "comprehensive_window")


@dataclass(frozen=True)
class ItemPlan:
    """One approval item (审批事项) as the model needs it.

    ``days`` is its committed time limit in working days: baked into the deadline timers, so a case keeps
    the limits of the catalogue it started under. ``joint_review`` marks 方案联审 / 联合审图, where a
    department silent past its deadline is deemed to consent (超时默许).
    """

    code: str
    name: str
    lane: Lane
    days: int
    joint_review: bool = False


@dataclass(frozen=True)
class StagePlan:
    """One stage process: reviews phase after phase (the items of one phase run in parallel), then the
    issuance items in order, all behind one application form and one window acceptance."""

    process_id: str
    name: str
    application_form: str
    phases: tuple[tuple[ItemPlan, ...], ...]
    issuances: tuple[ItemPlan, ...]

    def __post_init__(self) -> None:
        if not self.issuances:
            raise ValueError(f"stage {self.process_id} issues nothing")
        if any(not phase for phase in self.phases):
            raise ValueError(f"stage {self.process_id} has an empty review phase")

    @property
    def reviews(self) -> tuple[ItemPlan, ...]:
        return tuple(item for phase in self.phases for item in phase)


@dataclass(frozen=True)
class ApprovalPlan:
    """A category's main process: its stages called one after another."""

    process_id: str
    name: str
    stages: tuple[StagePlan, ...]
