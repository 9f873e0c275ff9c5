"""Steps about working-day clocks, read back from the project's clocks API."""

from __future__ import annotations

import re

from pytest_bdd import parsers, then


def _clock(browser, project: dict, name: str) -> dict:
    clocks = browser("owner").get(f"/api/projects/{project['code']}/clocks").json
    lines = [c for c in clocks if c["label"] in (name, name.removesuffix("阶段"))]
    assert len(lines) == 1, f"no single clock {name!r} in {[c['label'] for c in clocks]}"
    return lines[0]


@then(parsers.parse('{name}的时限为{days:d}个工作日，办理期限为"{deadline}"'))
def limit_and_deadline(browser, project: dict, name: str, days: int, deadline: str) -> None:
    line = _clock(browser, project, name)
    assert (line["limit_days"], line["deadline"]) == (days, deadline)


@then(parsers.parse('{name}的时限处于暂停，暂停原因为"{reason}"'))
def paused(browser, project: dict, name: str, reason: str) -> None:
    line = _clock(browser, project, name)
    assert (line["paused"], line["pause_reason"]) == (True, reason)


@then(parsers.parse('{name}已用{used:d}个工作日、剩余{left:d}个工作日，办理期限为"{deadline}"'))
def used_and_left(browser, project: dict, name: str, used: int, left: int, deadline: str) -> None:
    line = _clock(browser, project, name)
    assert (line["used_days"], line["remaining_days"], line["deadline"], line["paused"]) == (
        used, left, deadline, False)


@then(parsers.parse('{name}的时限为{days:d}个工作日，办理期限为"{deadline}"（暂定）'))
def limit_and_provisional_deadline(browser, project: dict, name: str, days: int, deadline: str) -> None:
    line = _clock(browser, project, name)
    assert (line["limit_days"], line["deadline"], line["provisional"]) == (days, deadline, True)
    _marked_on_the_owner_page(browser, project, deadline)


@then(parsers.parse('{name}已用{used:d}个工作日、剩余{left:d}个工作日，办理期限为"{deadline}"（暂定）'))
def used_left_and_provisional_deadline(browser, project: dict, name: str, used: int, left: int, deadline: str) -> None:
    line = _clock(browser, project, name)
    assert (line["used_days"], line["remaining_days"], line["deadline"], line["paused"], line["provisional"]) == (
        used, left, deadline, False, True)
    _marked_on_the_owner_page(browser, project, deadline)


def _marked_on_the_owner_page(browser, project: dict, deadline: str) -> None:
    page = re.sub(r"<[^>]+>", "", browser("owner").get(f"/projects/{project['code']}").get_data(as_text=True))
    assert f"{deadline}（暂定）" in page and "公布后自动调整" in page
