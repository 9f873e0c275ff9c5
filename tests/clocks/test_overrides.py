"""The administrator's schedule file: accepted as typed, refused with the line to fix."""

import datetime as dt

import pytest

from engine.clocks import OverrideFileError, parse_override_entries, parse_override_file

D = dt.date


def test_reads_holidays_and_make_up_working_days():
    text = (
        "\ufeff# 2027 年部分节假日安排\n"
        "\n"
        "date,kind,note\n"
        "2027-02-06,holiday,春节\n"
        "2027-02-14, Workday ,春节调休\n"
    )
    assert parse_override_file(text) == (2027, {D(2027, 2, 6): False, D(2027, 2, 14): True})


def test_keeps_notes_and_line_numbers_and_allows_commas_in_notes():
    entries = parse_override_entries("2027-10-01,holiday,国庆节, 中秋节\n2027-10-09,workday\n")
    assert [(e.line, e.day, e.is_working_day, e.note) for e in entries] == [
        (1, D(2027, 10, 1), False, "国庆节, 中秋节"),
        (2, D(2027, 10, 9), True, ""),
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("2027-02-06,holiday\n2027/02/07,holiday\n", 2, "YYYY-MM-DD"),
        ("2027-02-06,holiday\n20270207,holiday\n", 2, "YYYY-MM-DD"),
        ("2027-02-30,holiday\n", 1, "no such date"),
        ("# header comment\n2027-02-06,vacation,春节\n", 2, "`holiday` or `workday`"),
        ("2027-02-06\n", 1, "date,kind,note"),
        ("2027-02-06，holiday，春节\n", 1, "ASCII commas"),
        ("2027-02-06,holiday\n2028-01-01,holiday\n", 2, "2028 but the file is for 2027"),
        ("2027-02-06,holiday\n2027-02-07,holiday\n2027-02-06,workday\n", 3, "listed twice (first on line 1)"),
    ],
)
def test_a_bad_line_is_refused_with_its_number(text, line, message):
    with pytest.raises(OverrideFileError) as raised:
        parse_override_file(text)
    assert raised.value.line == line
    assert str(raised.value).startswith(f"line {line}: ")
    assert message in str(raised.value)


def test_a_header_after_data_is_a_bad_line():
    with pytest.raises(OverrideFileError) as raised:
        parse_override_file("2027-02-06,holiday\ndate,kind,note\n")
    assert raised.value.line == 2


@pytest.mark.parametrize("text", ["", "# nothing yet\n\ndate,kind,note\n"])
def test_a_file_without_dates_is_refused(text):
    with pytest.raises(OverrideFileError, match="lists no dates") as raised:
        parse_override_file(text)
    assert raised.value.line is None
