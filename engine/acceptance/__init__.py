"""Acceptance modes (issue #4): 容缺受理, 告知承诺制 with post-verification, 先建后验 pre-permits, the published
lists and the bad-credit list, and the one-time-notice rule for a second correction round.

May import: the rest of ``engine`` (work items, issuance, processes, audit, clocks), ``forms``. Deliberately
imports nothing here: ``work_items.completion`` and ``timers.sweeper`` call ``guards`` and ``timers``, and
this package's use cases call ``complete_task``, so eager imports would make a cycle.
"""
