"""Administrators' reading and changing of the office's reference data: departments, the item catalogue and the
time-limit rules, from what a person typed into a page (strings), checked here so every caller gets the same
rules and nothing is stored on an error.

May import: the engine's catalogue, organisation, time_limits and clocks packages. Changes go through
``catalogue.store`` and ``time_limits.rules`` (which keep versions in time: never edited in place).
"""

from .catalogue import CatalogueView, add_catalogue_item, catalogue_view, retire_catalogue_item
from .departments import (
    DepartmentOverview,
    add_department,
    department_names,
    department_of,
    department_rows,
    rename_department,
)
from .rules import RuleRow, add_rule_from_form, time_limit_rules

__all__ = [
    "CatalogueView",
    "DepartmentOverview",
    "RuleRow",
    "add_catalogue_item",
    "add_department",
    "add_rule_from_form",
    "catalogue_view",
    "department_names",
    "department_of",
    "department_rows",
    "rename_department",
    "retire_catalogue_item",
    "time_limit_rules",
]
