"""Approval models generated from a plan: which stages a project category runs, which items each stage
reviews (in parallel within a phase, phase after phase) and which items it issues.

The plan is plain data built by the engine from its item catalogue (so adding an item to the catalogue
adds a parallel review to the next application, with no change to code or model files); this package
turns it into BPMN 2.0 XML with full DI, following docs/modelling.md. Imports only ``bpmn.tools`` (the
XML writer and layout) and the standard library.
"""

from .generate import COMPREHENSIVE_ROUTE, START_DATA, approval_models, main_process, stage_process
from .plan import OWNER_LANE, WINDOW_LANE, ApprovalPlan, ItemPlan, Lane, StagePlan

__all__ = [
    "COMPREHENSIVE_ROUTE",
    "OWNER_LANE",
    "START_DATA",
    "WINDOW_LANE",
    "ApprovalPlan",
    "ItemPlan",
    "Lane",
    "StagePlan",
    "approval_models",
    "main_process",
    "stage_process",
]
