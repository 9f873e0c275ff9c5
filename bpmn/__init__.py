"""BPMN process models and the SpiffWorkflow adapter.

The only package that imports SpiffWorkflow. Imports nothing else of ours. Knows nothing of
databases, HTTP or people: it parses and validates models, runs instances, and turns state into
JSON and back.
"""
