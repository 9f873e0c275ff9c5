"""A project as its owner and the office read it: progress through the stages and the stage diagrams.

These read models combine projects, process instances, work items, clocks, the audit trail and time
adjustments, so they live above all of them (like ``engine.task_view``), never inside ``projects``.
"""
