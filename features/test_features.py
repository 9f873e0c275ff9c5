"""Binds every feature file of this folder (steps live in features/steps)."""

from pytest_bdd import scenarios

scenarios(".")
