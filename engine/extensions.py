"""Extension points of the workflow core: what happened, what must hold first, and what a feature answers.

The core (processes, work items, audit, clocks, time limits, organisation, catalogue, projects) publishes
events — a workflow saved, a task completed, a stage accepted, a stage issued, an instance finished, timers
fired — and asks registered
preconditions before it completes a task. Feature packages (issuance, construction, surveys, 容缺…) subscribe
their own handlers at wiring time (``engine.wiring``); the core never names a feature. A feature may declare
further events of its own (``engine.issuance.events``) on the same registry.

Handlers run in the caller's transaction, in registration order, so the order of their effects (and of
their audit entries) is the order ``engine.wiring`` registers them in. A precondition refuses by raising
an ``EngineError``; it runs before anything is written.

May import: the standard library only (model types for annotations, under ``TYPE_CHECKING``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from bpmn import Workflow

    from .adjustments.models import DeadlineExtension
    from .agency.models import AgencyAuthorisation
    from .clocks import WorkingCalendar
    from .organisation.actors import Actor
    from .processes.models import ProcessInstance
    from .projects.models import Project
    from .runtime import Runtime
    from .time_limits.models import ClockEventRow
    from .work_items.models import SupplementRequest, WorkItem

E = TypeVar("E")
A = TypeVar("A")
Q = TypeVar("Q", bound="Question[Any]")


class Question(Generic[A]):
    """Something the core or a feature asks, answered by whichever registered provider knows (type ``A``)."""


@dataclass(frozen=True)
class CompletionRequested:
    """Precondition: ``actor`` asks to complete ``item`` (nothing validated or written yet)."""

    session: Session
    project: Project
    item: WorkItem


@dataclass(frozen=True)
class TaskEvent:
    """What every event about one work item carries. Handlers subscribe to a concrete event type below
    (dispatch is by exact type, never by this base)."""

    session: Session
    runtime: Runtime
    actor: Actor
    instance: ProcessInstance
    item: WorkItem


@dataclass(frozen=True)
class TaskCompleted(TaskEvent):
    """A work item was completed with its form: ``clean`` is the validated form, ``outcome`` what was
    recorded (``submitted``, the decision, ``issued``…), the instance is saved and the action audited."""

    clean: dict[str, Any]
    outcome: str | None


@dataclass(frozen=True)
class StageAccepted(TaskEvent):
    """The window accepted a stage application (受理): the stage's time limit starts."""

    at: datetime


@dataclass(frozen=True)
class StageIssued(TaskEvent):
    """The lead department completed a stage's issuance task (核发) with ``clean``."""

    clean: dict[str, Any]


@dataclass(frozen=True)
class InstanceFinished:
    """A process instance reached its end event in this action."""

    session: Session
    runtime: Runtime
    instance: ProcessInstance


@dataclass(frozen=True)
class WorkflowSaved:
    """An instance's workflow state was written (``processes.workflow.save``): the tables that mirror it
    (work items, timers) catch up in the same transaction. The core's own mirrors subscribe first."""

    session: Session
    instance: ProcessInstance
    workflow: Workflow
    now: datetime
    previous_revision: str = ""  # the revision this save replaced ("" for a new instance)


@dataclass(frozen=True)
class ClockEventAdded:
    """A clock event was appended (and flushed): aggregates read from clocks (电子监察) count it in the same
    transaction."""

    session: Session
    row: ClockEventRow


@dataclass(frozen=True)
class ItemClockChanged:
    """An item's clock got an event other than its stop (started, paused, resumed, extended) at ``at``: the
    work item of ``task_id`` keeps its 预警/逾期 instants equal to the clock (``work_items.due``)."""

    session: Session
    task_id: str
    at: datetime


@dataclass(frozen=True)
class TimersFired:
    """The sweeper fired ``bpmn_ids`` (timer events) of ``instance`` at ``at``, after recording them."""

    session: Session
    runtime: Runtime
    instance: ProcessInstance
    bpmn_ids: list[str]
    at: datetime


@dataclass(frozen=True)
class TrackLine:
    """One line of a track beside the stages, as the project page shows it (a utility, a permit…)."""

    name: str
    organisation: str
    status: str
    limit_days: int | None = None
    deadline: str | None = None
    remaining_days: int | None = None
    state: str | None = None  # 正常 / 预警 / 逾期, or None when no clock runs
    provisional: bool = False


@dataclass(frozen=True)
class TrackSection:
    """A feature's track beside the stages (``kind`` names it, e.g. ``utility_connection``) on the project page."""

    kind: str
    title: str
    status: str
    lines: tuple[TrackLine, ...]


@dataclass(frozen=True)
class ProjectTracks(Question[list[TrackSection]]):
    """Question to every provider: the sections of the project's tracks beside the stages (the caller has checked
    that the actor may see the project)."""

    session: Session
    runtime: Runtime
    project_code: str


@dataclass(frozen=True)
class ApplicantToDo:
    """Something a feature asks of the project's applicant beside the stage work items (a 容缺 supply, a
    质量安全承诺 to confirm…); ``kind`` and ``ref`` name the page that does it (the web layer maps them)."""

    kind: str
    ref: int
    name: str
    detail: str
    due: datetime | None = None


@dataclass(frozen=True)
class ApplicantToDos(Question[list[ApplicantToDo]]):
    """Question to every provider: what the project's applicant has to do on the feature's own pages now."""

    session: Session
    runtime: Runtime
    project_code: str


@dataclass(frozen=True)
class SupplementRequested:
    """A correction notice (补正) was sent on ``item``: the applicant has until ``request.due_at``."""

    session: Session
    runtime: Runtime
    actor: Actor
    item: WorkItem
    request: SupplementRequest


@dataclass(frozen=True)
class SupplementSupplied:
    """The applicant answered a correction notice; the item is back with its department."""

    session: Session
    runtime: Runtime
    actor: Actor
    request: SupplementRequest


@dataclass(frozen=True)
class AuthorisationChanged:
    """An owner granted or revoked an agent's authorisation (``authorisation.status`` says which)."""

    session: Session
    runtime: Runtime
    actor: Actor
    authorisation: AgencyAuthorisation


@dataclass(frozen=True)
class ExtensionDecided:
    """A department lead approved or refused a 延期 request (``extension.status``)."""

    session: Session
    runtime: Runtime
    actor: Actor
    extension: DeadlineExtension


@dataclass(frozen=True)
class DeadlineMove:
    """A deadline stored as a date (or a date's 17:30), counted in working days, that a new holiday schedule
    moves from ``old`` to ``new``; ``apply()`` stores it (and moves what waits for it, e.g. a timer)."""

    kind: str  # what people call it: 补正期限, 容缺补正期限, 差评整改期限…
    key: str  # the row it belongs to, e.g. ``supplement:12``
    project_code: str
    instance_id: int | None
    label: str
    department_code: str | None
    old: date
    new: date
    apply: Callable[[], None]


@dataclass(frozen=True)
class CalendarChanging:
    """A year's official holiday schedule is about to replace the calendar ``old`` by ``new`` (a preview, or
    the load itself, in the caller's transaction): each feature appends to ``moves`` the open working-day
    deadlines it stores that the change moves. Nothing may be written before ``apply``."""

    session: Session
    runtime: Runtime
    old: WorkingCalendar
    new: WorkingCalendar
    moves: list[DeadlineMove]


class Registry:
    """Handlers by event type, and answer providers by question type, each in registration order."""

    def __init__(self) -> None:
        self._handlers: dict[type, list[Callable[[Any], None]]] = {}
        self._providers: dict[type, list[Callable[[Any], Any]]] = {}

    def subscribe(self, event_type: type[E], handler: Callable[[E], None]) -> None:
        self._handlers.setdefault(event_type, []).append(handler)

    def publish(self, event: object) -> None:
        """Run every handler of the event's type; a handler's exception propagates (the caller rolls back)."""
        for handler in self._handlers.get(type(event), ()):
            handler(event)

    # A precondition is a handler that refuses by raising; the separate name says so at the call site.
    require = subscribe
    check = publish

    def handlers(self, event_type: type) -> tuple[Callable[[Any], None], ...]:
        """What runs on ``event_type``, in order (for tests and for reading the wiring)."""
        return tuple(self._handlers.get(event_type, ()))

    def providers(self, question_type: type) -> tuple[Callable[[Any], object], ...]:
        return tuple(self._providers.get(question_type, ()))

    def provide(self, question_type: type[Q], provider: Callable[[Q], object]) -> None:
        self._providers.setdefault(question_type, []).append(provider)

    def ask(self, question: Question[A]) -> A | None:
        """The first answer that is not ``None``, or ``None`` when no provider knows."""
        for provider in self._providers.get(type(question), ()):
            answer = provider(question)
            if answer is not None:
                return cast(A, answer)  # a provider answers its own question's type
        return None

    def ask_every(self, question: Question[list[A]]) -> list[A]:
        """Every provider's answers, in registration order (a question many features answer in part)."""
        return [part for provider in self._providers.get(type(question), ()) for part in (provider(question) or [])]


#: The registry the core publishes to; ``engine.wiring`` registers the features on it at import.
registry = Registry()
