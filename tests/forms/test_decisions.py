"""Decision forms: each decision carries what the applicant needs to act on it."""

from __future__ import annotations

from typing import Any

import pytest

from forms import FormInvalid, validate


def errors_of(form_key: str, data: dict[str, Any]) -> dict[str, list[str]]:
    with pytest.raises(FormInvalid) as caught:
        validate(form_key, data)
    return caught.value.errors


NEEDS_OPINION = ["不予受理、不同意或要求补正时必须填写意见"]
NEEDS_MATERIALS = ["要求补正时必须列明所缺材料"]
NO_MATERIALS = ["仅在要求补正时填写所缺材料"]


class TestAcceptance:
    def test_accept_needs_nothing_else(self) -> None:
        assert validate("acceptance_decision", {"decision": "accept"}) == {
            "decision": "accept",
            "opinion": None,
            "missing_materials": [],
            "supplement_days": None,
        }

    def test_supplement_lists_the_missing_materials(self) -> None:
        data = {
            "decision": "supplement",
            "opinion": "材料不全",
            "missing_materials": [" 施工合同 ", "中标通知书"],
        }
        assert validate("acceptance_decision", data)["missing_materials"] == ["施工合同", "中标通知书"]

    def test_supplement_without_materials_or_opinion_is_told_both_at_once(self) -> None:
        assert errors_of("acceptance_decision", {"decision": "supplement", "missing_materials": []}) == {
            "opinion": NEEDS_OPINION,
            "missing_materials": NEEDS_MATERIALS,
        }

    def test_reject_needs_an_opinion(self) -> None:
        assert errors_of("acceptance_decision", {"decision": "reject", "opinion": "  "}) == {
            "opinion": NEEDS_OPINION
        }

    @pytest.mark.parametrize("decision", ["accept", "reject"])
    def test_materials_only_go_with_a_supplement(self, decision: str) -> None:
        data = {"decision": decision, "opinion": "见附件", "missing_materials": ["施工合同"]}
        assert errors_of("acceptance_decision", data) == {"missing_materials": NO_MATERIALS}

    def test_review_values_are_not_acceptance_values(self) -> None:
        assert errors_of("acceptance_decision", {"decision": "approve"}) == {
            "decision": ["取值无效，应为以下之一：accept（受理）、reject（不予受理）、supplement（补正）"]
        }

    def test_a_bad_material_name_is_not_also_reported_as_missing(self) -> None:
        data = {"decision": "supplement", "opinion": "材料不全", "missing_materials": ["施工合同", ""]}
        assert errors_of("acceptance_decision", data) == {"missing_materials": ["第2项：请填写此项"]}


class TestSupplementPeriod:
    def test_a_correction_notice_may_set_its_period(self) -> None:
        data = {"decision": "supplement", "opinion": "缺图", "missing_materials": ["总平面图"], "supplement_days": "3"}
        assert validate("review_decision", data)["supplement_days"] == 3

    @pytest.mark.parametrize("days", ["0", "-1", "31", "2.5"])
    def test_the_period_is_1_to_30_working_days(self, days: str) -> None:
        data = {"decision": "supplement", "opinion": "缺图", "missing_materials": ["总平面图"], "supplement_days": days}
        with pytest.raises(FormInvalid) as caught:
            validate("acceptance_decision", data)
        assert list(caught.value.errors) == ["supplement_days"]

    def test_a_period_belongs_to_a_correction_notice_only(self) -> None:
        with pytest.raises(FormInvalid) as caught:
            validate("review_decision", {"decision": "approve", "supplement_days": 5})
        assert caught.value.errors == {"supplement_days": ["仅在要求补正时填写补正期限"]}


class TestReview:
    def test_approve_needs_no_opinion(self) -> None:
        cleaned = validate("review_decision", {"decision": "approve"})
        assert cleaned == {
            "decision": "approve",
            "opinion": None,
            "missing_materials": [],
            "supplement_days": None,
            "conditions": None,
        }

    def test_approve_may_carry_conditions(self) -> None:
        data = {"decision": "approve", "conditions": "开工前完成交通组织方案备案\n竣工前完成绿化"}
        assert validate("review_decision", data)["conditions"] == "开工前完成交通组织方案备案\n竣工前完成绿化"

    def test_reject_needs_an_opinion(self) -> None:
        assert errors_of("review_decision", {"decision": "reject"}) == {"opinion": NEEDS_OPINION}

    def test_supplement_needs_an_opinion_and_materials(self) -> None:
        assert errors_of("review_decision", {"decision": "supplement"}) == {
            "opinion": NEEDS_OPINION,
            "missing_materials": NEEDS_MATERIALS,
        }

    def test_supplement_with_both_loads(self) -> None:
        data = {"decision": "supplement", "opinion": "缺少日照分析", "missing_materials": ["日照分析报告"]}
        assert validate("review_decision", data)["missing_materials"] == ["日照分析报告"]

    def test_approve_with_materials_is_refused(self) -> None:
        data = {"decision": "approve", "missing_materials": ["日照分析报告"]}
        assert errors_of("review_decision", data) == {"missing_materials": NO_MATERIALS}

    @pytest.mark.parametrize("decision", ["reject", "supplement"])
    def test_conditions_only_go_with_an_approval(self, decision: str) -> None:
        data = {"decision": decision, "opinion": "不符合规划条件", "conditions": "限高 24 米"}
        if decision == "supplement":
            data["missing_materials"] = ["日照分析报告"]
        assert errors_of("review_decision", data) == {"conditions": ["审查附加条件仅在审查同意时填写"]}

    def test_an_invalid_decision_triggers_no_cross_field_rule(self) -> None:
        data = {"decision": "return", "missing_materials": ["日照分析报告"], "conditions": "限高"}
        assert list(errors_of("review_decision", data)) == ["decision"]


class TestIssuance:
    def test_everything_is_optional(self) -> None:
        assert validate("issuance", {}) == {"certificate_remarks": None, "validity_months": None}

    def test_validity_is_read_as_whole_months(self) -> None:
        assert validate("issuance", {"validity_months": "36"})["validity_months"] == 36

    @pytest.mark.parametrize(
        ("months", "message"), [(0, "不得小于1"), (37, "不得大于36"), (6.5, "格式不正确，应为整数")]
    )
    def test_validity_is_one_to_thirty_six_months(self, months: Any, message: str) -> None:
        assert errors_of("issuance", {"validity_months": months}) == {"validity_months": [message]}


class TestResubmission:
    @pytest.mark.parametrize("decision", ["resubmit", "withdraw"])
    def test_either_decision_loads(self, decision: str) -> None:
        assert validate("resubmission_decision", {"decision": decision}) == {
            "decision": decision,
            "note": None,
        }

    def test_other_decisions_are_refused(self) -> None:
        assert errors_of("resubmission_decision", {"decision": "appeal"}) == {
            "decision": ["取值无效，应为以下之一：resubmit（重新提交）、withdraw（撤回申请）"]
        }


class TestSupplementSubmission:
    def test_names_the_supplied_materials(self) -> None:
        data = {"materials": ["日照分析报告"], "note": "已补充"}
        assert validate("supplement_submission", data) == {"materials": ["日照分析报告"], "note": "已补充"}

    def test_an_empty_list_is_refused(self) -> None:
        assert errors_of("supplement_submission", {"materials": []}) == {"materials": ["请至少选择一项"]}

    def test_a_name_twice_is_refused(self) -> None:
        data = {"materials": ["日照分析报告", "日照分析报告"]}
        assert errors_of("supplement_submission", data) == {"materials": ["第2项与第1项重复：日照分析报告"]}
