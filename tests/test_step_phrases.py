"""Every zh-CN step phrase is defined once: pytest-bdd keeps the last definition of a phrase it imports, so a
second module that reuses one (``页面提示"{message}"``) silently replaces the first one's step for every
feature, and scenarios fail far from the cause."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

STEPS = Path(__file__).resolve().parents[1] / "features" / "steps"
KINDS = {"given", "when", "then", "step"}


def _phrases(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in KINDS and node.args:
            found.append(ast.unparse(node.args[0]))  # the text, or parsers.parse/re(...) with its text
    return found


def test_no_step_phrase_is_defined_twice() -> None:
    counts = Counter(phrase for path in sorted(STEPS.glob("*.py")) for phrase in _phrases(path))
    assert counts, "no step definitions found"
    assert [phrase for phrase, n in counts.items() if n > 1] == []
