"""Bad input is refused and changes nothing: the one check every "refused" test makes."""

from __future__ import annotations

from collections.abc import Callable

import pytest


def refused_unchanged(snapshot: Callable[[], object], error: type[Exception], act: Callable[[], object]) -> Exception:
    """Run ``act``, expect ``error``, and check that ``snapshot()`` reads the same before and after."""
    before = snapshot()
    with pytest.raises(error) as caught:
        act()
    assert snapshot() == before
    return caught.value
