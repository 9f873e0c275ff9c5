"""限时办结 persisted: the administrator's holiday schedules and the clock ledgers of stages and items.

The arithmetic is ``engine.clocks`` (pure); this package stores its inputs and reads clocks for people.
"""
