"""Errors raised by the BPMN adapter. Each carries the context needed to act on it."""

from __future__ import annotations


class BpmnError(Exception):
    """Base of every error raised by ``bpmn``."""


class ModelInvalid(BpmnError):
    """A process model cannot be used: it fails the XSD, names an unknown form key or lane, or
    holds a script the sandbox refuses. Raised when models are loaded, never while running."""

    def __init__(self, file: str, element_id: str | None, message: str, line: int | None = None):
        self.file, self.element_id, self.line = file, element_id, line
        where = f"{file}" + (f":{line}" if line else "") + (f" [{element_id}]" if element_id else "")
        super().__init__(f"{where}: {message}")


class ScriptRejected(BpmnError):
    """An expression or script uses something outside the sandbox's whitelist."""

    def __init__(self, source: str, reasons: list[str]):
        self.source, self.reasons = source, reasons
        super().__init__(f"script refused ({'; '.join(reasons)}): {source!r}")


class TaskNotFound(BpmnError):
    """No task with this id exists in the workflow."""

    def __init__(self, task_id: str):
        self.task_id = task_id
        super().__init__(f"no task {task_id} in this workflow")


class TaskNotReady(BpmnError):
    """The task exists but cannot be completed now (it is not a READY human task)."""

    def __init__(self, task_id: str, state: str):
        self.task_id, self.state = task_id, state
        super().__init__(f"task {task_id} is {state}, not READY")


class HostFunctionError(Exception):
    """Base for errors the host's whitelisted functions raise on purpose (e.g. a holiday schedule not
    loaded): they leave the workflow unchanged and unwrapped, so the host can answer them as its own."""


class WorkflowFailed(BpmnError):
    """The engine raised while running the model (a script or condition failed)."""

    def __init__(self, element_id: str | None, message: str):
        self.element_id = element_id
        super().__init__(f"[{element_id}] {message}")


class StateUnloadable(BpmnError):
    """A stored workflow state cannot be read back (unknown version, unknown process, corrupt)."""
