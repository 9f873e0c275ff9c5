"""Stage application forms: what is cleaned, and the rules that tie fields together."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from forms import FormInvalid, validate
from forms.fields import china_today
from tests.forms.samples import valid


def errors_of(form_key: str, data: dict[str, Any]) -> dict[str, list[str]]:
    with pytest.raises(FormInvalid) as caught:
        validate(form_key, data)
    return caught.value.errors


class TestStage1:
    def test_cleans_numbers_and_text(self) -> None:
        data = valid("stage_1_application") | {"project_name": "  滨江办公楼 "}
        cleaned = validate("stage_1_application", data)
        assert cleaned["project_name"] == "滨江办公楼"
        assert cleaned["land_area"] == Decimal("12500.50")
        assert cleaned["building_area"] == Decimal("86000.00")
        assert cleaned["total_investment"] == Decimal("45800.00")

    @pytest.mark.parametrize("category", ["government_investment_project", "low_risk_social_project"])
    def test_accepts_each_category(self, category: str) -> None:
        assert validate("stage_1_application", valid("stage_1_application") | {"category": category})

    def test_unknown_category_lists_the_allowed_ones(self) -> None:
        errors = errors_of("stage_1_application", valid("stage_1_application") | {"category": "public"})
        assert errors["category"][0].startswith(
            "取值无效，应为以下之一：government_investment_project（政府投资项目）"
        )

    def test_land_route_names_the_four_routes(self) -> None:
        errors = errors_of("stage_1_application", valid("stage_1_application") | {"land_route": "lease"})
        assert errors == {
            "land_route": [
                "取值无效，应为以下之一：allocation（划拨）、transfer（出让）、"
                "transfer_with_scheme（带方案出让）、existing_land（既有用地）"
            ]
        }

    def test_land_sold_with_scheme_needs_that_land_route(self) -> None:
        data = valid("stage_1_application") | {"category": "land_sold_with_scheme", "land_route": "transfer"}
        assert errors_of("stage_1_application", data) == {
            "land_route": ["带方案出让土地项目的供地方式应为带方案出让"]
        }
        data["land_route"] = "transfer_with_scheme"
        assert validate("stage_1_application", data)["land_route"] == "transfer_with_scheme"

    def test_reports_every_wrong_field_at_once(self) -> None:
        data = valid("stage_1_application") | {
            "project_code": "2026-1",
            "land_area": "0",
            "contact_phone": "110",
        }
        assert set(errors_of("stage_1_application", data)) == {"project_code", "land_area", "contact_phone"}


class TestStage2:
    def test_building_without_basement(self) -> None:
        data = valid("stage_2_application") | {
            "floors_below": 0,
            "underground_area": "0",
            "civil_defence_basement_required": False,
        }
        cleaned = validate("stage_2_application", data)
        assert cleaned["underground_area"] == Decimal("0.00")
        assert cleaned["civil_defence_basement_required"] is False

    def test_no_underground_floors_means_no_underground_area(self) -> None:
        data = valid("stage_2_application") | {"floors_below": 0, "civil_defence_basement_required": False}
        assert errors_of("stage_2_application", data) == {"underground_area": ["无地下层时地下建筑面积应为0"]}

    def test_underground_floors_need_underground_area(self) -> None:
        data = valid("stage_2_application") | {"underground_area": 0}
        assert errors_of("stage_2_application", data) == {
            "underground_area": ["有地下层时地下建筑面积应大于0"]
        }

    def test_civil_defence_basement_needs_an_underground_floor(self) -> None:
        data = valid("stage_2_application") | {"floors_below": 0, "underground_area": 0}
        assert errors_of("stage_2_application", data) == {
            "floors_below": ["应建防空地下室的项目地下层数不得为0"]
        }

    def test_floor_counts_are_whole_numbers_in_range(self) -> None:
        data = valid("stage_2_application") | {"floors_above": 0, "floors_below": "2.5"}
        assert errors_of("stage_2_application", data) == {
            "floors_above": ["不得小于1"],
            "floors_below": ["格式不正确，应为整数"],
        }


class TestStage3:
    def test_cleans_contract_terms(self) -> None:
        cleaned = validate("stage_3_application", valid("stage_3_application"))
        assert cleaned["contract_price"] == Decimal("38650.25")
        assert cleaned["contract_duration_days"] == 900
        assert cleaned["funds_commitment"] is True

    @pytest.mark.parametrize("refused", [False, "false", 0])
    def test_funds_commitment_must_be_given(self, refused: Any) -> None:
        data = valid("stage_3_application") | {"funds_commitment": refused}
        assert errors_of("stage_3_application", data) == {"funds_commitment": ["必须承诺建设资金已落实"]}

    def test_contract_duration_must_be_positive(self) -> None:
        data = valid("stage_3_application") | {"contract_duration_days": 0}
        assert errors_of("stage_3_application", data) == {"contract_duration_days": ["不得小于1"]}


class TestStage4:
    def test_cleans_dates(self) -> None:
        cleaned = validate("stage_4_application", valid("stage_4_application"))
        assert cleaned["construction_start_date"] == dt.date(2026, 3, 1)
        assert cleaned["completion_date"] == dt.date(2026, 10, 30)

    def test_start_may_equal_completion(self) -> None:
        data = valid("stage_4_application") | {"construction_start_date": "2026-10-30"}
        assert validate("stage_4_application", data)["construction_start_date"] == dt.date(2026, 10, 30)

    def test_start_must_not_follow_completion(self) -> None:
        data = valid("stage_4_application") | {"construction_start_date": "2026-10-31"}
        assert errors_of("stage_4_application", data) == {
            "construction_start_date": ["开工日期不得晚于竣工日期"]
        }

    def test_completion_may_be_today(self) -> None:
        today = china_today()
        data = valid("stage_4_application") | {"completion_date": today.isoformat()}
        assert validate("stage_4_application", data)["completion_date"] == today

    def test_completion_cannot_lie_ahead(self) -> None:
        tomorrow = china_today() + dt.timedelta(days=1)
        data = valid("stage_4_application") | {"completion_date": tomorrow.isoformat()}
        assert errors_of("stage_4_application", data) == {"completion_date": ["竣工日期不得晚于今天"]}

    def test_survey_result_is_optional(self) -> None:
        data = valid("stage_4_application")
        del data["survey_result_ref"]
        assert validate("stage_4_application", data)["survey_result_ref"] is None
