"""Engine forms whose valid values are engine data passed in: the administrator's catalogue item and
time-limit rule, the 多测合一 result, a reissue's changed rows, a grant's agent. Every wrong field is named at
once in the {field: [message]} shape of every form, with the messages the engine gave before."""

from __future__ import annotations

import datetime as dt

import pytest

from forms import FormInvalid
from forms.accounts import NewAccount, NewPassword
from forms.engine_forms import AgencyAuthorisation, CertificateChanges
from forms.office_rules import CatalogueItem, TimeLimitRule
from forms.registry import validate_with
from forms.surveys import SurveyResult

STAGES = {"land": ("stage_a", "stage_b"), "low_risk": ("stage_b",)}
ITEM = {"code": "traffic_review", "name": "占路施工审批", "department_code": "traffic_police", "category": "land",
        "stage": 3, "committed_days": 5, "role": "review"}
SURVEYS = [("cadastral", "地籍", ("宗地面积",)), ("green_space", "绿地", ("绿地面积", "绿地率"))]


def errors(schema, data) -> dict[str, list[str]]:
    with pytest.raises(FormInvalid) as caught:
        validate_with("form", schema, data)
    return dict(caught.value.errors)


def item_form() -> CatalogueItem:
    return CatalogueItem(departments={"traffic_police"}, stages_by_category={"land": {3, 4}, "low_risk": {4}})


def test_a_good_catalogue_item_passes_unchanged() -> None:
    assert validate_with("form", item_form(), ITEM) == ITEM


def test_a_catalogue_item_names_every_wrong_field_at_once() -> None:
    bad = {"code": "交通", "name": " ", "department_code": "nope", "category": "land", "stage": 1,
           "committed_days": 61, "role": "approve"}
    assert errors(item_form(), bad) == {
        "code": ["事项代码只能由小写英文字母、数字和下划线组成"], "name": ["请填写事项名称"],
        "department_code": ["未知的审批部门"], "stage": ["该类别项目不经过此审批阶段"],
        "committed_days": ["承诺时限应为1至60个工作日"], "role": ["事项角色只能是审查（review）或核发（issue）"]}


def test_an_unknown_category_is_named_instead_of_its_stage() -> None:
    assert errors(item_form(), {**ITEM, "category": "nope", "stage": 9}) == {"category": ["未知的项目类别"]}


def test_a_time_limit_rule_lists_the_categorys_stages_when_they_do_not_match() -> None:
    form = TimeLimitRule(stages_by_category=STAGES)
    assert errors(form, {"category": "land", "total_days": 0, "stage_days": {"stage_a": 5}}) == {
        "stage_days": ["应逐一列出该类别的审批阶段：stage_a、stage_b"], "total_days": ["总时限应为正数"]}


@pytest.mark.parametrize("stage_days", [{"stage_a": 5, "stage_b": 0}, {"stage_a": 15, "stage_b": 10}])
def test_stage_limits_are_positive_and_within_the_total(stage_days) -> None:
    form = TimeLimitRule(stages_by_category=STAGES)
    assert errors(form, {"category": "land", "total_days": 20, "stage_days": stage_days}) == {
        "stage_days": ["各阶段时限应为正数，且合计不超过总时限"]}


def test_a_rule_of_an_unknown_category_says_only_that() -> None:
    form = TimeLimitRule(stages_by_category=STAGES)
    assert errors(form, {"category": "nope", "total_days": 0, "stage_days": {}}) == {"category": ["未知的项目类别"]}


def test_a_survey_result_comes_back_as_text_figures_and_a_stripped_signature() -> None:
    data = {"surveyor": " 王测 ", "figures": {"cadastral": {"宗地面积": 25000}, "green_space": {
        "绿地面积": "8760.00", "绿地率": "35.0"}}}
    assert validate_with("form", SurveyResult(surveys=SURVEYS), data) == {"surveyor": "王测", "figures": {
        "cadastral": {"宗地面积": "25000"}, "green_space": {"绿地面积": "8760.00", "绿地率": "35.0"}}}


def test_a_survey_result_names_each_survey_to_correct() -> None:
    data = {"figures": {"cadastral": {"宗地面积": "-5"}, "green_space": {"绿地面积": True}, "roads": {}}}
    assert errors(SurveyResult(surveys=SURVEYS), data) == {
        "surveyor": ["须由注册测绘师签署"], "cadastral": ["地籍：宗地面积应为非负数"],
        "green_space": ["绿地：绿地面积、绿地率应为非负数"], "figures": ["未委托的测绘项目：roads"]}


def test_a_reissue_names_each_row_it_cannot_change() -> None:
    form = CertificateChanges(labels={"建设单位", "项目名称"})
    assert errors(form, {}) == {"changes": ["请至少变更一项内容"]}
    assert errors(form, {"建设单位": "新", "层数": "3", "项目名称": " "}) == {
        "层数": ["该证照没有此栏目"], "项目名称": ["变更后的内容不能为空"]}
    assert validate_with("form", form, {"建设单位": "新公司"}) == {"建设单位": "新公司"}


def test_a_grant_names_a_user_who_is_not_an_agent_with_the_other_fields() -> None:
    now = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    form = AgencyAuthorisation(stages=(1, 2), acts=("view",), now=now,
                               agent_problem=lambda name: None if name == "agent" else "该用户不是帮办代办员")
    data = {"agent_username": " owner ", "stages": [3], "acts": ["view"], "valid_from": now.isoformat(),
            "valid_to": (now + dt.timedelta(days=1)).isoformat()}
    assert errors(form, data) == {"agent_username": ["该用户不是帮办代办员"], "stages": ["取值无效：3（可选：1, 2）"]}
    assert validate_with("form", form, {**data, "agent_username": "agent", "stages": [2]})["agent_username"] == "agent"


def test_a_new_account_names_the_password_the_department_and_a_blank_name() -> None:
    form = NewAccount(minimum=10, department_roles=("examiner",))
    data = {"username": " ", "display_name": "张审批", "role": "examiner", "password": "short",
            "department_code": None, "organisation": None}
    assert errors(form, data) == {"password": ["密码至少10个字符"],
                                  "department_code": ["审批人员和部门负责人须指定所属部门"], "username": ["请填写此项"]}
    assert errors(NewPassword(minimum=10), {"password": "short"}) == {"password": ["密码至少10个字符"]}
    good = {**data, "username": "zhang", "password": "long enough", "department_code": "natural_resources"}
    assert validate_with("form", form, good)["username"] == "zhang"
