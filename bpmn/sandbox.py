"""The restricted environment in which model scripts, gateway conditions and timer expressions run.

SpiffWorkflow's default environment is plain ``exec``/``eval`` with full builtins: a model could
``__import__('os')``. Here every source is compiled with RestrictedPython (no imports, no names or
attributes starting with ``_``), and runs with an explicit whitelist of builtins plus the functions
the application injects (for example ``add_working_days``). Nothing else is reachable.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Callable, Mapping
from functools import lru_cache
from types import CodeType, ModuleType
from typing import Any

from RestrictedPython import RestrictingNodeTransformer, compile_restricted_eval, compile_restricted_exec
from RestrictedPython.Guards import guarded_iter_unpack_sequence, guarded_unpack_sequence, safer_getattr
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.script_engine.python_environment import BasePythonScriptEngineEnvironment

from .errors import ScriptRejected

_BUILTIN_NAMES = (
    "abs", "all", "any", "bool", "dict", "enumerate", "float", "int", "isinstance", "len", "list",
    "max", "min", "range", "round", "set", "sorted", "str", "sum", "tuple", "zip",
)
_BUILTINS: dict[str, Any] = {name: getattr(builtins, name) for name in _BUILTIN_NAMES}


class _NoImports(RestrictingNodeTransformer):
    """RestrictedPython would let ``import`` compile and fail at run time; refuse it at load time."""

    def visit_Import(self, node: ast.Import) -> ast.AST:  # noqa: N802 - ast.NodeVisitor naming
        self.error(node, "import statements are not allowed")
        return node

    def visit_ImportFrom(self, node: ast.ImportFrom) -> ast.AST:  # noqa: N802 - ast.NodeVisitor naming
        self.error(node, "import statements are not allowed")
        return node


@lru_cache(maxsize=4096)
def compile_expression(source: str) -> CodeType:
    """Compile a condition or timer expression; raise ScriptRejected if the sandbox refuses it."""
    result = compile_restricted_eval(source.strip(), "<expression>", policy=_NoImports)
    return _code_or_raise(source, result)


@lru_cache(maxsize=1024)
def compile_script(source: str) -> CodeType:
    """Compile a script task body; raise ScriptRejected if the sandbox refuses it."""
    result = compile_restricted_exec(source, "<script>", policy=_NoImports)
    return _code_or_raise(source, result)


def _code_or_raise(source: str, result: Any) -> CodeType:
    # RestrictedPython reports SyntaxErrors without a line number, which crashes Spiff's error
    # formatter; turning every refusal into our own exception keeps the message readable.
    if result.errors or result.code is None:
        raise ScriptRejected(source, list(result.errors) or ["does not compile"])
    code: CodeType = result.code
    return code


def _guarded_write(obj: Any) -> Any:
    # Scripts may update dicts and lists held in task data; attribute writes on other objects are
    # blocked by RestrictedPython's transformer already (no setattr in the whitelist).
    return obj


def _base_globals(functions: Mapping[str, Callable[..., Any]]) -> dict[str, Any]:
    return {
        "__builtins__": dict(_BUILTINS),
        "_getattr_": safer_getattr,
        "_getitem_": lambda obj, key: obj[key],
        "_getiter_": iter,
        "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
        "_unpack_sequence_": guarded_unpack_sequence,
        "_write_": _guarded_write,
        **functions,
    }


class RestrictedEnvironment(BasePythonScriptEngineEnvironment):  # type: ignore[misc]  # SpiffWorkflow is untyped
    """A SpiffWorkflow script environment that only runs sandbox-compiled code."""

    def __init__(self, functions: Mapping[str, Callable[..., Any]] | None = None):
        super().__init__(dict(functions or {}))
        self._base = _base_globals(self.globals)

    def evaluate(self, expression: str, context: dict[str, Any], external_context: dict[str, Any] | None = None) -> Any:
        scope = {**self._base, **(external_context or {}), **context}
        return eval(compile_expression(expression), scope)  # noqa: S307 - sandbox-compiled code

    def execute(self, script: str, context: dict[str, Any], external_context: dict[str, Any] | None = None) -> bool:
        self._refuse_overwrites(context)
        scope = {**self._base, **(external_context or {}), **context}
        exec(compile_script(script), scope)  # noqa: S102 - sandbox-compiled code
        self._copy_back(scope, context, external_context or {})
        return True

    def call_service(self, context: dict[str, Any], **kwargs: Any) -> Any:
        raise ScriptRejected("service task", ["service tasks are not enabled"])

    def _refuse_overwrites(self, context: dict[str, Any]) -> None:
        clash = set(self.globals) & set(context)
        if clash:
            raise ScriptRejected(", ".join(sorted(clash)), ["task data shadows a whitelisted function"])

    def _copy_back(self, scope: dict[str, Any], context: dict[str, Any], external: dict[str, Any]) -> None:
        # Only plain data assigned by the script goes back into task data: no functions, no modules
        # (a module in task data makes the next subprocess's deepcopy crash).
        for key in [k for k in context if k not in scope]:
            del context[key]
        for key, value in scope.items():
            if key in self._base or key in external or callable(value) or isinstance(value, ModuleType):
                continue
            context[key] = value


def make_script_engine(functions: Mapping[str, Callable[..., Any]] | None = None) -> PythonScriptEngine:
    """A script engine for running workflows with the given whitelisted functions."""
    return PythonScriptEngine(environment=RestrictedEnvironment(functions))
