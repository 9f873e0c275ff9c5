"""The approval models generated from the shipped catalogue, for tests that read model files."""

from __future__ import annotations

from functools import cache

from bpmn import PROCESSES_DIR, approval_models
from engine.catalogue import categories, seed_entries
from engine.catalogue.plans import plan_for


@cache
def generated_files(category: str = "social_investment_project") -> dict[str, str]:
    """File name → XML of a category's models, generated from the shipped catalogue."""
    return approval_models(plan_for(category, [e for e in seed_entries() if e.category == category]))


def every_model() -> dict[str, str]:
    """Every category's generated models (keyed ``category/file``) plus the models shipped on disk."""
    files = {f"{cat}/{name}": xml for cat in categories() for name, xml in generated_files(cat).items()}
    files.update({p.name: p.read_text(encoding="utf-8") for p in PROCESSES_DIR.glob("*.bpmn")})
    return files
