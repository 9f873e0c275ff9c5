"""What a When step that tries something the office must refuse hands to its Then steps: the response, and the
data as they were just before the request, so the Then can check that nothing changed."""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.test import TestResponse


@dataclass(frozen=True)
class Attempt:
    """A request made through the app and a snapshot taken right before it (each step file takes its own)."""

    before: object
    response: TestResponse
