"""The web application: pages for people and a JSON API.

May import ``engine`` (and ``forms`` to render field lists). Never SpiffWorkflow, never reportlab.
A view parses the request, calls one engine function, renders or serialises. Engine errors become
HTTP responses in exactly one place (``webapp.errors``).
"""
