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

# The longest tests (node-id prefixes, longest first), measured with ``--durations``: they start first, so that
# under ``--dist worksteal`` no worker is left with a minute-long test while the other has nothing to do (the
# other worker steals the short tests from the end of the queue instead). A test missing here only runs later.
SLOW_FIRST = (
    "tests/browser/test_full_journey.py",
    "tests/engine/test_concurrency.py::test_two_workers_complete_two_parallel_reviews",
    "tests/webapp/test_openapi_contract.py::test_every_documented_endpoint_answers_as_documented",
    "tests/webapp/test_scale_out.py",
    "tests/webapp/test_authorisation_matrix.py::test_every_role_gets_the_expected_answer_on_every_route",
    "tests/engine/test_timer_sweeper.py::test_two_sweepers_fire_each_of_200_due_timers_exactly_once",
    "tests/engine/test_demo_under_faketime.py",
    "tests/browser/",
    "features/test_features.py::test_投递进程在投递途中被强行终止消息不丢失也不重复发送",
    "features/test_features.py::test_项目依次通过四个阶段并留下完整的审批轨迹",
    "tests/engine/test_approval_flow.py::test_full_run_completes_all_four_stages",
    "tests/engine/test_categories.py::test_each_category_runs_its_stages_to_the_end",
    "tests/engine/test_issuance.py",
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    from tests.support.fixtures import parametrise_nows

    parametrise_nows(metafunc)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Known long tests first (``SLOW_FIRST``); the rest keep their order. Every worker sorts the same way."""

    def rank(item: pytest.Item) -> int:
        return next((i for i, prefix in enumerate(SLOW_FIRST) if item.nodeid.startswith(prefix)), len(SLOW_FIRST))

    items.sort(key=rank)  # stable


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
