"""The shared field types, one behaviour per test."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from marshmallow import ValidationError

from forms.base import ChineseField
from forms.fields import (
    Area,
    Choice,
    Count,
    Flag,
    IsoDate,
    Length,
    MaterialList,
    Money,
    Phone,
    ProjectCode,
    Text,
    china_today,
)


def refusal(field: ChineseField, value: Any) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        field.deserialize(value)
    messages = caught.value.messages
    assert isinstance(messages, list)
    return messages


class TestText:
    def test_strips_surrounding_whitespace(self) -> None:
        assert Text().deserialize("  汉口滨江  ") == "汉口滨江"

    @pytest.mark.parametrize("value", ["<b>粗体</b>", "a < b", "x>y", "<script>alert(1)</script>"])
    def test_refuses_ascii_angle_brackets(self, value: str) -> None:
        assert refusal(Text(), value) == ["不得包含尖括号等标记字符"]

    def test_accepts_full_width_angle_brackets(self) -> None:
        assert Text().deserialize("《施工合同》＜附件＞") == "《施工合同》＜附件＞"

    @pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\u202e", "\ud800"])
    def test_refuses_control_characters(self, char: str) -> None:
        assert refusal(Text(multiline=True), f"项目{char}名称") == ["不得包含控制字符"]

    def test_single_line_text_refuses_line_breaks(self) -> None:
        assert refusal(Text(), "第一行\n第二行") == ["不得包含控制字符"]

    def test_multiline_text_keeps_line_breaks_and_tabs(self) -> None:
        assert Text(multiline=True).deserialize("第一行\r\n\t第二行") == "第一行\r\n\t第二行"

    def test_refuses_text_longer_than_its_maximum(self) -> None:
        assert Text(max_length=5).deserialize("一二三四五") == "一二三四五"
        assert refusal(Text(max_length=5), "一二三四五六") == ["不得超过5个字符"]

    def test_length_is_counted_after_stripping(self) -> None:
        assert Text(max_length=2).deserialize("  一二  ") == "一二"

    @pytest.mark.parametrize("value", [12, 1.5, True, ["a"], b"bytes"])
    def test_refuses_values_that_are_not_text(self, value: Any) -> None:
        assert refusal(Text(), value) == ["类型不正确，应为文本"]

    def test_required_text_refuses_blank(self) -> None:
        assert refusal(Text(required=True), "   ") == ["请填写此项"]

    def test_label_is_kept_in_metadata(self) -> None:
        assert Text(label="项目名称").metadata == {"label": "项目名称"}


class TestProjectCode:
    def test_accepts_the_platform_format(self) -> None:
        assert ProjectCode().deserialize(" 2026-420104-47-03-000123 ") == "2026-420104-47-03-000123"

    @pytest.mark.parametrize(
        "value",
        [
            "2026420104470300012",
            "2026-420104-47-03-00012",
            "2026-42010-47-03-000123",
            "2026_420104_47_03_000123",
            "2026-420104-47-03-000123-1",
            "２０２６-420104-47-03-000123",  # full-width digits
            "2026－420104－47－03－000123",  # full-width hyphens
            "项目代码",
        ],
    )
    def test_refuses_other_shapes(self, value: str) -> None:
        assert refusal(ProjectCode(), value) == [
            "格式不正确，应为 YYYY-XXXXXX-XX-XX-XXXXXX（如 2026-420104-47-03-000123）"
        ]

    def test_refuses_a_year_before_the_platform(self) -> None:
        assert refusal(ProjectCode(), "2014-420104-47-03-000123") == ["项目代码中的年份 2014 不合理"]

    def test_accepts_the_first_year(self) -> None:
        assert ProjectCode().deserialize("2015-420104-47-03-000123")

    def test_refuses_a_year_in_the_future(self) -> None:
        year = china_today().year + 1
        assert refusal(ProjectCode(), f"{year}-420104-47-03-000123") == [f"项目代码中的年份 {year} 不合理"]


class TestPhone:
    @pytest.mark.parametrize(
        "value",
        ["13807150123", "19912345678", "027-88886666", "02788886666", "0710-3456789", "010-66668888-801"],
    )
    def test_accepts_mobiles_and_landlines_with_area_code(self, value: str) -> None:
        assert Phone().deserialize(value) == value

    @pytest.mark.parametrize(
        "value",
        ["12807150123", "1380715012", "138071501234", "88886666", "027-08886666", "+8613807150123", "电话"],
    )
    def test_refuses_other_numbers(self, value: str) -> None:
        assert refusal(Phone(), value) == [
            "格式不正确，应为11位手机号码或带区号的固定电话（如 027-88886666）"
        ]


class TestChoice:
    def test_accepts_a_listed_code(self) -> None:
        assert Choice({"accept": "受理"}).deserialize("accept") == "accept"

    def test_message_lists_codes_with_their_chinese_names(self) -> None:
        field = Choice({"accept": "受理", "reject": "不予受理"})
        assert refusal(field, "approve") == ["取值无效，应为以下之一：accept（受理）、reject（不予受理）"]

    def test_codes_are_case_sensitive(self) -> None:
        assert refusal(Choice({"accept": "受理"}), "ACCEPT")


class TestMaterialList:
    def test_strips_each_name(self) -> None:
        assert MaterialList().deserialize([" 施工合同 ", "中标通知书"]) == ["施工合同", "中标通知书"]

    @pytest.mark.parametrize("value", [None, "", "  ", []])
    def test_nothing_is_an_empty_list(self, value: Any) -> None:
        assert MaterialList().deserialize(value) == []

    @pytest.mark.parametrize("value", [None, "", []])
    def test_required_list_refuses_nothing(self, value: Any) -> None:
        assert refusal(MaterialList(required=True), value) == ["请至少选择一项"]

    def test_refuses_blank_names_by_position(self) -> None:
        assert refusal(MaterialList(), ["施工合同", " ", None]) == ["第2项：请填写此项", "第3项：请填写此项"]

    def test_refuses_duplicates_after_stripping(self) -> None:
        assert refusal(MaterialList(), ["施工合同", "中标通知书", " 施工合同"]) == [
            "第3项与第1项重复：施工合同"
        ]

    def test_refuses_too_many_items(self) -> None:
        names = [f"材料{number}" for number in range(4)]
        assert refusal(MaterialList(max_items=3), names) == ["最多填写3项"]

    def test_refuses_names_longer_than_item_length(self) -> None:
        assert refusal(MaterialList(item_length=4), ["一二三四五"]) == ["第1项：不得超过4个字符"]

    @pytest.mark.parametrize("value", ["施工合同", {"name": "施工合同"}, 3])
    def test_refuses_what_is_not_a_list(self, value: Any) -> None:
        assert refusal(MaterialList(), value) == ["类型不正确，应为材料名称列表"]

    def test_refuses_names_that_are_not_text(self) -> None:
        assert refusal(MaterialList(), [1]) == ["第1项：类型不正确，应为文本"]


class TestQuantities:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("12.5", "12.50"),
            (" 3 ", "3.00"),
            (7, "7.00"),
            (0.1, "0.10"),
            (Decimal("1.2"), "1.20"),
            ("1e3", "1000.00"),
        ],
    )
    def test_money_is_a_two_place_decimal(self, value: Any, expected: str) -> None:
        amount = Money().deserialize(value)
        assert isinstance(amount, Decimal)
        assert str(amount) == expected

    @pytest.mark.parametrize("value", [0, "0", "-0", "0.00"])
    def test_money_may_be_zero(self, value: Any) -> None:
        assert str(Money().deserialize(value)) == "0.00"

    def test_money_is_never_negative(self) -> None:
        assert refusal(Money(), "-0.01") == ["不得为负数"]

    def test_more_than_two_places_is_refused_not_rounded(self) -> None:
        assert refusal(Money(), "12.345") == ["最多保留两位小数"]
        assert str(Money().deserialize("12.340")) == "12.34"

    @pytest.mark.parametrize("value", ["abc", "1,200", "12元"])
    def test_refuses_badly_written_numbers(self, value: str) -> None:
        assert refusal(Money(), value) == ["格式不正确，应为数字"]

    @pytest.mark.parametrize("value", ["NaN", "Infinity", float("inf"), "sNaN"])
    def test_refuses_nan_and_infinity(self, value: Any) -> None:
        assert refusal(Money(), value) == ["格式不正确，应为有限的数字"]

    @pytest.mark.parametrize("value", [True, [1], {"a": 1}])
    def test_refuses_values_that_are_not_numbers(self, value: Any) -> None:
        assert refusal(Money(), value) == ["类型不正确，应为数字"]

    def test_refuses_absurdly_large_amounts(self) -> None:
        assert refusal(Money(), "1e20") == ["数值过大"]

    @pytest.mark.parametrize("field", [Area(), Length()])
    @pytest.mark.parametrize("value", [0, "-5"])
    def test_area_and_length_must_be_positive(self, field: ChineseField, value: Any) -> None:
        assert refusal(field, value) == ["必须大于0"]

    def test_area_may_allow_zero(self) -> None:
        assert str(Area(allow_zero=True).deserialize("0")) == "0.00"
        assert refusal(Area(allow_zero=True), "-1") == ["不得为负数"]


class TestCount:
    @pytest.mark.parametrize(
        ("value", "expected"), [(3, 3), ("3", 3), (" 12 ", 12), (3.0, 3), (Decimal("4"), 4)]
    )
    def test_accepts_whole_numbers(self, value: Any, expected: int) -> None:
        assert Count(minimum=0, maximum=100).deserialize(value) == expected

    @pytest.mark.parametrize("value", [3.5, "3.5", "三", "1e2", float("nan")])
    def test_refuses_fractions_instead_of_truncating(self, value: Any) -> None:
        assert refusal(Count(minimum=0, maximum=100), value) == ["格式不正确，应为整数"]

    @pytest.mark.parametrize("value", [True, False, [1], {"n": 1}])
    def test_refuses_values_that_are_not_numbers(self, value: Any) -> None:
        assert refusal(Count(minimum=0, maximum=100), value) == ["类型不正确，应为整数"]

    def test_enforces_its_range(self) -> None:
        assert refusal(Count(minimum=1, maximum=36), 0) == ["不得小于1"]
        assert refusal(Count(minimum=1, maximum=36), 37) == ["不得大于36"]


class TestFlag:
    @pytest.mark.parametrize(("value", "expected"), [(True, True), ("true", True), ("on", True), (0, False)])
    def test_accepts_booleans_and_form_spellings(self, value: Any, expected: bool) -> None:
        assert Flag().deserialize(value) is expected

    @pytest.mark.parametrize("value", ["maybe", [True], {"a": 1}])
    def test_refuses_anything_else(self, value: Any) -> None:
        assert refusal(Flag(), value) == ["类型不正确，应为是或否"]


class TestIsoDate:
    def test_reads_iso_dates(self) -> None:
        assert IsoDate().deserialize(" 2026-03-01 ") == dt.date(2026, 3, 1)

    def test_passes_dates_through(self) -> None:
        assert IsoDate().deserialize(dt.date(2026, 3, 1)) == dt.date(2026, 3, 1)

    @pytest.mark.parametrize("value", ["2026/03/01", "20260301", "2026-02-30", "2026-W09-7", "三月一日"])
    def test_refuses_other_spellings_and_impossible_dates(self, value: str) -> None:
        assert refusal(IsoDate(), value) == ["格式不正确，应为 YYYY-MM-DD 格式的日期"]

    @pytest.mark.parametrize("value", [dt.datetime(2026, 3, 1, 9, 0), 20260301, ["2026-03-01"]])
    def test_refuses_values_that_are_not_dates(self, value: Any) -> None:
        assert refusal(IsoDate(), value) == ["类型不正确，应为日期"]


def test_china_today_is_beijing_time() -> None:
    beijing = dt.timezone(dt.timedelta(hours=8))
    before = dt.datetime.now(beijing).date()
    today = china_today()
    assert today in {before, dt.datetime.now(beijing).date()}  # midnight may pass in between
