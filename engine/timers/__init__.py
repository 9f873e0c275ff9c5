"""Timers the process instances wait on, indexed by due time so sweepers find them cheaply."""
