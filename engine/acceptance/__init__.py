"""Acceptance modes (issue #4): 容缺受理, 告知承诺制 with post-verification, 先建后验 pre-permits, the published
lists and the bad-credit list. Hooked into the core by ``hooks`` (guards on task completion, what its
timers' firings mean), registered by ``engine.wiring``.

May import: the core of ``engine`` (work items, processes, audit, clocks), ``issuance``, ``forms``; the core
never imports this package. Deliberately imports nothing here, so importing one module stays cheap.
"""
