"""Long-lived collaborators of the use cases, one per worker process.

A ``Runtime`` knows the process models (one parsed ``ProcessLibrary`` per published version), the
clock, the working calendar in force, and a small cache of deserialised workflows. It is built by the
application factory, the CLI or a test fixture; nothing here happens at import.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import bpmn
import forms

from .clocks import WorkingCalendar
from .clocks.due import iso, item_due_at
from .errors import ConfigurationError
from .organisation.lanes import LANES


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class Runtime:
    """Process models, clock and caches shared by the use cases of one worker.

    ``functions`` are the whitelisted functions model expressions may call; ``item_due`` is always one of
    them (the deadline timers' ``timeDate``). ``calendar`` is the working calendar in force, refreshed from
    the database at the start of every action that runs a workflow (``calendar_store.refresh_calendar``).
    """

    processes_dir: Path = bpmn.PROCESSES_DIR
    clock: Callable[[], datetime] = system_clock
    workflow_cache_size: int = 64
    functions: dict[str, Callable[..., Any]] = field(default_factory=dict)
    # Parsed libraries by content digest; several runtimes may share one dict (the test fixtures do).
    libraries: dict[str, bpmn.ProcessLibrary] = field(default_factory=dict, repr=False)
    _by_spec_id: dict[int, bpmn.ProcessLibrary] = field(default_factory=dict, repr=False)
    _codecs: dict[str, bpmn.StateCodec] = field(default_factory=dict, repr=False)
    _cache: OrderedDict[tuple[int, str], bpmn.Workflow] = field(default_factory=OrderedDict, repr=False)
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar, repr=False)
    calendar_source: object = field(default=None, repr=False)  # what ``calendar`` was built from

    def __post_init__(self) -> None:
        # before any library is parsed: a library's script engine is built with the functions it sees
        self.functions.setdefault("item_due", self.item_due)

    def now(self) -> datetime:
        return self.clock()

    def item_due(self, item: str, which: str, days: int) -> str:
        """``item_due("design_scheme_review", "overdue", 15)`` in a model: when the item's clock of ``days``
        working days, starting now, reaches its warning or overdue instant (ISO, +08:00). ``item`` names
        the item for people reading the model and the errors."""
        return iso(item_due_at(item, which, days, self.now(), self.calendar))

    def model_files(self, generated: dict[str, str] | None = None) -> dict[str, str]:
        """The models shipped on disk plus ``generated`` ones; a generated file may not shadow a shipped one."""
        files = {p.name: p.read_text(encoding="utf-8") for p in sorted(Path(self.processes_dir).glob("*.bpmn"))}
        clash = sorted(set(files) & set(generated or {}))
        if clash:
            raise ConfigurationError("生成的流程模型与随附模型同名", files=", ".join(clash))
        return {**files, **(generated or {})}

    def current_library(self, generated: dict[str, str] | None = None) -> bpmn.ProcessLibrary:
        """The current models, parsed and validated once per content (a broken model stops the action)."""
        return self.library_from_files(self.model_files(generated))

    def library_from_files(self, files: dict[str, str]) -> bpmn.ProcessLibrary:
        """The library for one published version; parsed once per worker, keyed by content."""
        key = bpmn.digest(files)
        if key not in self.libraries:
            try:
                self.libraries[key] = bpmn.ProcessLibrary(
                    files, form_keys=forms.FORM_KEYS, lanes=LANES, functions=self.functions)
            except bpmn.ModelInvalid as exc:
                raise ConfigurationError(f"流程模型无效：{exc}", file=exc.file, element=exc.element_id) from exc
        return self.libraries[key]

    def library_for_spec(self, spec_id: int, files: Callable[[], dict[str, str]]) -> bpmn.ProcessLibrary:
        """The library of a published version; its XML is read (``files``) only the first time."""
        if spec_id not in self._by_spec_id:
            self._by_spec_id[spec_id] = self.library_from_files(files())
        return self._by_spec_id[spec_id]

    def codec(self, library: bpmn.ProcessLibrary) -> bpmn.StateCodec:
        if library.sha256 not in self._codecs:
            self._codecs[library.sha256] = bpmn.StateCodec(library)
        return self._codecs[library.sha256]

    def take_cached(self, instance_id: int, revision: str) -> bpmn.Workflow | None:
        """Hand out a cached workflow only if it is exactly the stored revision; it leaves the cache
        while in use, so a failed action can never put a half-changed workflow back."""
        return self._cache.pop((instance_id, revision), None)

    def put_cached(self, instance_id: int, revision: str, workflow: bpmn.Workflow) -> None:
        if self.workflow_cache_size <= 0:
            return
        self._cache[(instance_id, revision)] = workflow
        while len(self._cache) > self.workflow_cache_size:
            self._cache.popitem(last=False)
