"""电子监察 figures for supervisors, read from the stored clocks (``engine.time_limits``' clock events).

What it answers: which items are in 预警/逾期 per department; net working days (pauses excluded) per
department and per stage; the parallel-approval rate (REQ-S0-04); the average total working days per project
category against its limit. Sums are aggregated in SQL (per local day), the working calendar is applied to
the few day groups that come back, and ``engine.clocks.evaluate`` reads exactly the clocks a supervisor sees
listed, so every figure agrees with the clock a project owner reads.

May import: SQLAlchemy and the engine's own packages. Never commits; read-only.
"""
