"""The engine-side forms: the same {field: [message]} shape as every form, with the engine's messages."""

from __future__ import annotations

import datetime as dt

import pytest

from forms import FormInvalid
from forms.engine_forms import (
    AgencyAuthorisation,
    AgencyRevocation,
    FollowUpClosure,
    ServiceRating,
    SupervisionFilter,
)
from forms.registry import validate_with

NOW = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def errors(schema, data) -> dict[str, list[str]]:
    with pytest.raises(FormInvalid) as caught:
        validate_with("engine_form", schema, data)
    return dict(caught.value.errors)


def rating() -> ServiceRating:
    return ServiceRating(stages={"stage_1"}, levels={"good": "满意", "bad": "不满意"}, comment_max=5)


def test_a_rating_keeps_a_blank_or_missing_comment_as_no_comment() -> None:
    assert validate_with("r", rating(), {"stage": "stage_1", "level": "good", "comment": " "})["comment"] is None
    assert validate_with("r", rating(), {"stage": "stage_1", "level": "good"})["comment"] == ""


def test_a_rating_names_every_wrong_field_at_once() -> None:
    assert errors(rating(), {"stage": "x", "level": "great", "comment": "长" * 6, "score": 5}) == {
        "stage": ["请选择要评价的审批阶段"], "level": ["请选择评价等级（满意、不满意）"],
        "comment": ["不得超过5字"], "score": ["未知字段"]}


def test_a_comment_is_kept_verbatim_markup_included() -> None:
    clean = validate_with("r", rating(), {"stage": "stage_1", "level": "bad", "comment": "<b>"})
    assert clean["comment"] == "<b>"


def test_a_follow_up_needs_a_reply() -> None:
    assert errors(FollowUpClosure(reply_max=10), {"reply": "  "}) == {"reply": ["请填写整改情况和回访结果"]}


def test_the_filter_checks_dates_their_order_and_the_category() -> None:
    schema = SupervisionFilter(categories={"general"})
    assert errors(schema, {"date_from": "2026-13-01", "category": "x"}) == {
        "date_from": ["日期格式应为 YYYY-MM-DD"], "category": ["没有这个项目类别"]}
    assert errors(SupervisionFilter(categories=()), {"date_from": "2026-12-02", "date_to": "2026-12-01"}) == {
        "date_to": ["结束日期不能早于开始日期"]}


def grant(**change: object) -> dict[str, object]:
    return {"agent_username": "agent", "stages": [2, 1], "acts": ["view"], "valid_from": NOW.isoformat(),
            "valid_to": (NOW + dt.timedelta(days=1)).isoformat(), **change}


def authorisation() -> AgencyAuthorisation:
    return AgencyAuthorisation(stages=(1, 2, 3, 4), acts=("apply", "view"), now=NOW)


def test_a_grant_returns_choices_in_their_own_order_and_aware_moments() -> None:
    clean = validate_with("g", authorisation(), grant())
    assert clean["stages"] == [1, 2] and clean["valid_from"] == NOW


def test_a_grant_names_every_wrong_field_at_once() -> None:
    assert errors(authorisation(), grant(stages=[1, 1], acts=["fly"], valid_from="2026-12-07T09:00:00",
                                         valid_to="tomorrow")) == {
        "stages": ["不得重复"], "acts": ["取值无效：fly（可选：apply, view）"],
        "valid_from": ["须为带时区的日期时间（如 2026-11-02T09:30:00+08:00）"],
        "valid_to": ["日期时间格式不正确（如 2026-11-02T09:30:00+08:00）"]}


def test_a_grant_period_ends_after_its_start_and_after_now() -> None:
    earlier = (NOW - dt.timedelta(hours=1)).isoformat()
    assert errors(authorisation(), grant(valid_to=earlier)) == {"valid_to": ["截止时间须晚于起始时间"]}
    assert errors(authorisation(), grant(valid_from=(NOW - dt.timedelta(days=2)).isoformat(), valid_to=earlier)) == {
        "valid_to": ["截止时间须晚于当前时间"]}


def test_a_revocation_reason_is_optional_and_bounded() -> None:
    assert validate_with("v", AgencyRevocation(reason_max=3), {})["reason"] == ""
    assert errors(AgencyRevocation(reason_max=3), {"reason": "四个字呀"}) == {"reason": ["不得超过3字"]}
