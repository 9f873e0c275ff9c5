"""The item catalogue (审批事项目录) and the project categories: which stages a category runs, which items
each stage reviews and issues, their departments and committed working days — data, not code. From them
the approval models of a category are generated (``plans``), so a new item needs no code change.

May import: ``bpmn`` (the plan types and generator), the engine's organisation; never
projects (which builds on the catalogue).
"""

from .categories import Category, categories, stages_of
from .models import CatalogueItem
from .plans import approval_files, approval_plan, main_process_id
from .store import ItemEntry, add_item, ensure_catalogue, items_in_force, retire_item, seed_entries


def category_names() -> dict[str, str]:
    """Category code → Chinese name, in catalogue order."""
    return {code: cat.name for code, cat in categories().items()}


__all__ = [
    "CatalogueItem",
    "Category",
    "ItemEntry",
    "add_item",
    "approval_files",
    "approval_plan",
    "categories",
    "category_names",
    "ensure_catalogue",
    "items_in_force",
    "main_process_id",
    "retire_item",
    "seed_entries",
    "stages_of",
]
