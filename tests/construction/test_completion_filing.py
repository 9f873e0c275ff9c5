"""竣工验收备案 falls due 15 days after the joint opinion: the owner and supervisors see it, the owner
files once; the joint acceptance timetable reads its 1/4/3/1 days as clocks."""

from __future__ import annotations

from datetime import timedelta

import pytest

from engine import InvalidState, NotAllowed, NotFound
from engine.completion_acceptance.filing import file_completion, open_filings, project_filing
from engine.completion_acceptance.timetable import TIMETABLE, acceptance_timetable
from tests.construction.support import snapshot


def test_the_filing_deadline_opens_with_the_opinion_and_is_filed_once(office, clock):
    code, _ = office.new_project()
    for _stage in range(3):
        office.finish_stage(code)
    with office.step(write=False) as s, pytest.raises(NotFound):
        project_filing(s, office.runtime, office.actor(s, "owner"), code)
    office.finish_stage(code)
    with office.step(write=False) as s:
        due = project_filing(s, office.runtime, office.actor(s, "owner"), code)
        assert (due.days_left, due.state) == (15, "待备案")
        assert open_filings(s, office.runtime, office.actor(s, "supervisor")) == [due]
        with pytest.raises(NotAllowed):
            open_filings(s, office.runtime, office.actor(s, "owner"))
    clock.advance(days=13)
    with office.step(write=False) as s:
        assert project_filing(s, office.runtime, office.actor(s, "owner"), code).state == "即将到期"
    clock.advance(days=3)
    with office.step(write=False) as s:
        late = project_filing(s, office.runtime, office.actor(s, "supervisor"), code)
        assert (late.days_left, late.state) == (-1, "已逾期")
    with office.step() as s:
        filed = file_completion(s, office.runtime, office.actor(s, "owner"), code)
    assert (filed.state, filed.filed_on) == ("逾期备案", due.opinion_issued_on + timedelta(days=16))
    before = snapshot(office)
    with pytest.raises(InvalidState), office.step() as s:
        file_completion(s, office.runtime, office.actor(s, "owner"), code)
    assert snapshot(office) == before
    with office.step(write=False) as s:
        assert open_filings(s, office.runtime, office.actor(s, "supervisor")) == []


def test_the_timetable_is_one_four_three_one_working_days(office):
    assert [(step.name, step.working_days) for step in TIMETABLE] == [
        ("统一受理", 1), ("资料审核", 4), ("联合现场验收", 3), ("出具联合验收意见", 1)]
    code, _ = office.new_project()
    for _stage in range(4):
        office.finish_stage(code)
    with office.step(write=False) as s:
        lines = acceptance_timetable(s, office.runtime, office.actor(s, "owner"), code)
    assert [(line.name, line.limit_days, line.running) for line in lines] == [
        ("统一受理", 1, False), ("资料审核", 4, False), ("出具联合验收意见", 1, False)]  # no site visit recorded
