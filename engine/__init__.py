"""The approval office's rules and use cases, and their persistence.

May import: ``bpmn``, ``forms``, ``certificates``, SQLAlchemy. Never Flask, never SpiffWorkflow
(go through ``bpmn``), never reportlab (go through ``certificates``).
Every use case takes the caller's SQLAlchemy session and never commits: the caller owns the
transaction (one per request, CLI command or test step).
"""
