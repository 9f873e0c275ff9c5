"""What a mirror table (work items, timers) last wrote for a workflow object, so the next save of that same
object diffs against memory instead of reading the rows back.

The memory is trusted only when it is exactly the state the save replaces: it was written for the revision the
locked row held before this save (``WorkflowSaved.previous_revision``) by the same in-memory workflow. Any
other case — a workflow parsed from the database, another process having saved in between, a rolled-back
save — finds nothing and the mirror reads its rows as before. Every write of the mirrored tables goes through
``WorkflowSaved`` in the same transaction as the state, so rows written for a revision equal that revision's
state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    import bpmn

    from ..extensions import WorkflowSaved

T = TypeVar("T")


class SavedMirror(Generic[T]):
    """One mirror's memory: per live workflow object, (revision written, what was written)."""

    def __init__(self) -> None:
        self._written: WeakKeyDictionary[bpmn.Workflow, tuple[str, T]] = WeakKeyDictionary()

    def recall(self, event: WorkflowSaved) -> T | None:
        """What this mirror wrote for the state this save replaces, or None when it cannot know."""
        found = self._written.get(event.workflow)
        if found is None or not event.previous_revision or found[0] != event.previous_revision:
            return None
        return found[1]

    def remember(self, event: WorkflowSaved, written: T) -> None:
        self._written[event.workflow] = (event.instance.revision, written)

    def prime(self, workflow: bpmn.Workflow, revision: str, rows: T) -> None:
        """What the table holds for ``revision``, read by a caller holding the instance's lock (the sweeper
        reads a whole batch's rows in one query): the next save of ``workflow`` over ``revision`` diffs
        against it; a save in between changes the revision, and the memory is then not trusted."""
        self._written[workflow] = (revision, rows)
