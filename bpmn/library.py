"""Parse and validate a set of process models once, then hand out their specs.

A ``ProcessLibrary`` is one published version of the models: the files' text, their sha256, and the
parsed specs. It refuses broken models at load time with file, element and line in the message:
XSD errors, user tasks whose form key or lane the application does not know, and scripts or
conditions the sandbox would refuse.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.spiff.parser import VALIDATOR, SpiffBpmnParser

from .errors import ModelInvalid, ScriptRejected
from .sandbox import compile_expression, compile_script, make_script_engine

PROCESSES_DIR = Path(__file__).parent / "processes"
_NS = {
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
    "spiffworkflow": "http://spiffworkflow.org/bpmn/schema/1.0/core",
}
# (xpath, is_script): every place a model can hold code.
_CODE_PLACES = (
    ("//bpmn:scriptTask/bpmn:script", True),
    ("//spiffworkflow:preScript", True),
    ("//spiffworkflow:postScript", True),
    ("//bpmn:conditionExpression", False),
    ("//bpmn:completionCondition", False),
    ("//bpmn:loopCardinality", False),
    ("//bpmn:timeDate", False),
    ("//bpmn:timeDuration", False),
    ("//bpmn:timeCycle", False),
)


@dataclass(frozen=True)
class UserTaskSpec:
    """What the application needs to know about a user task of a model."""

    process_id: str
    bpmn_id: str
    name: str
    lane: str | None
    form_key: str | None
    properties: Mapping[str, str]


class ProcessLibrary:
    """One validated, parsed version of the process models."""

    def __init__(self, files: Mapping[str, str], *, form_keys: Iterable[str], lanes: Iterable[str],
                 functions: Mapping[str, Callable[..., Any]] | None = None):
        self.files = dict(sorted(files.items()))
        self.sha256 = digest(self.files)
        self.script_engine = make_script_engine(functions)
        self._parser = _parse(self.files)
        self.process_ids = sorted(self._parser.get_process_ids())
        self._specs: dict[str, tuple[Any, dict[str, Any]]] = {}
        _check_code(self.files)
        self.user_tasks = tuple(self._collect_user_tasks())
        self.has_timers = any("timerEventDefinition" in text for text in self.files.values())
        _check_user_tasks(self.user_tasks, set(form_keys), set(lanes), self._file_of)

    @classmethod
    def from_directory(cls, path: Path | str = PROCESSES_DIR, **kwargs: Any) -> ProcessLibrary:
        """Load every ``.bpmn`` and ``.dmn`` file of a folder (default: the shipped models)."""
        paths = sorted(Path(path).glob("*.bpmn")) + sorted(Path(path).glob("*.dmn"))
        return cls({p.name: p.read_text(encoding="utf-8") for p in paths}, **kwargs)

    def specs(self, process_id: str) -> tuple[Any, dict[str, Any]]:
        """The parsed spec of a process and the specs of everything it calls (cached)."""
        if process_id not in self._specs:
            if process_id not in self.process_ids:
                raise ModelInvalid("*", process_id, "no such process in the library")
            parser = self._parser
            self._specs[process_id] = (parser.get_spec(process_id), parser.get_subprocess_specs(process_id))
        return self._specs[process_id]

    def diagram(self, process_id: str) -> str:
        """The XML text of the file that defines a process (for drawing it)."""
        return self.files[self._file_of(process_id)]

    def file_of(self, process_id: str) -> str:
        """The name of the file that defines a process."""
        return self._file_of(process_id)

    def _file_of(self, process_id: str) -> str:
        return Path(self._parser.get_process_parser(process_id).filename).name

    def _collect_user_tasks(self) -> Iterable[UserTaskSpec]:
        for process_id in self.process_ids:
            spec = self._parser.get_process_parser(process_id).get_spec()
            for task_spec in spec.task_specs.values():
                if getattr(task_spec, "manual", False) and getattr(task_spec, "bpmn_id", None):
                    yield _user_task(process_id, task_spec)


def _user_task(process_id: str, task_spec: Any) -> UserTaskSpec:
    props = dict(task_spec.extensions.get("properties", {}))
    return UserTaskSpec(process_id, task_spec.bpmn_id, task_spec.bpmn_name or task_spec.bpmn_id,
                        task_spec.lane, props.get("formKey"), props)


def digest(files: Mapping[str, str]) -> str:
    """The sha256 that identifies a set of model files (one published version)."""
    sha = hashlib.sha256()
    for name, text in sorted(files.items()):
        sha.update(name.encode() + b"\0" + text.encode("utf-8") + b"\0")
    return sha.hexdigest()


def _parse(files: Mapping[str, str]) -> SpiffBpmnParser:
    parser = SpiffBpmnParser(validator=VALIDATOR)
    for name, text in files.items():
        try:
            if name.endswith(".dmn"):
                parser.add_dmn_str(text.encode("utf-8"), filename=name)
            else:
                parser.add_bpmn_str(text.encode("utf-8"), filename=name)
        except ValidationException as exc:
            raise ModelInvalid(name, getattr(exc, "id", None), str(exc), getattr(exc, "line_number", None)) from exc
        except etree.XMLSyntaxError as exc:
            raise ModelInvalid(name, None, f"not well-formed XML: {exc}", exc.lineno) from exc
    return parser


def _check_code(files: Mapping[str, str]) -> None:
    for name, text in files.items():
        root = etree.fromstring(text.encode("utf-8"))
        for xpath, is_script in _CODE_PLACES:
            for node in root.iterfind(f".{xpath}", namespaces=_NS):  # ElementPath: typed elements
                _check_source(name, node, node.text or "", is_script)


def _check_source(file: str, node: Any, source: str, is_script: bool) -> None:
    if not source.strip():
        return
    try:
        compile_script(source) if is_script else compile_expression(source)
    except ScriptRejected as exc:
        raise ModelInvalid(file, _owner_id(node), "; ".join(exc.reasons), node.sourceline) from exc


def _owner_id(node: Any) -> str | None:
    while node is not None and node.get("id") is None:
        node = node.getparent()
    return None if node is None else node.get("id")


def _check_user_tasks(tasks: Iterable[UserTaskSpec], form_keys: set[str], lanes: set[str],
                      file_of: Callable[[str], str]) -> None:
    for task in tasks:
        if task.form_key not in form_keys:
            raise ModelInvalid(file_of(task.process_id), task.bpmn_id, f"unknown form key {task.form_key!r}")
        if task.lane not in lanes:
            raise ModelInvalid(file_of(task.process_id), task.bpmn_id, f"unknown lane {task.lane!r}")
