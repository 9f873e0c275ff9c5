"""Tests of the BPMN process models."""
