"""Root pytest configuration shared by ``tests/`` and ``features/``.

A skipped test is a defect here (a test that silently does not run proves nothing), so any skip
fails the run.
"""

import os

import pytest

# Tests only: a cheap password hash (the product defaults to a strong Argon2id cost; engine/organisation/passwords.py).
os.environ.setdefault("APPROVAL_PASSWORD_COST", "fast")

pytest_plugins = ["tests.support.fixtures"]

_skipped: list[str] = []


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    from tests.support.fixtures import parametrise_nows

    parametrise_nows(metafunc)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _skipped and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if _skipped:
        terminalreporter.write_line(f"FAILED: {len(_skipped)} test(s) skipped — skips are not allowed:", red=True)
        for nodeid in _skipped:
            terminalreporter.write_line(f"  {nodeid}", red=True)
