"""Rules every form obeys, checked field by field for every form key."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from forms import FORM_KEYS, FormInvalid, schema_for, validate
from forms.fields import MaterialList, Text
from tests.forms.samples import form_keys, valid

SCRIPT = "<script>alert(1)</script>"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _pairs(keep: Any) -> list[tuple[str, str]]:
    return [
        (key, name) for key in form_keys() for name, field in schema_for(key).fields.items() if keep(field)
    ]


ALL_FIELDS = _pairs(lambda field: True)
REQUIRED = _pairs(lambda field: field.required)
OPTIONAL = _pairs(lambda field: not field.required)
TEXTS = _pairs(lambda field: isinstance(field, Text))
LISTS = _pairs(lambda field: isinstance(field, MaterialList))


def errors_of(form_key: str, data: Any) -> dict[str, list[str]]:
    with pytest.raises(FormInvalid) as caught:
        validate(form_key, data)
    assert caught.value.form_key == form_key
    return caught.value.errors


def test_samples_cover_every_form_key() -> None:
    assert set(form_keys()) == FORM_KEYS


@pytest.mark.parametrize("form_key", form_keys())
def test_valid_data_loads(form_key: str) -> None:
    cleaned = validate(form_key, valid(form_key))
    assert set(cleaned) == set(schema_for(form_key).fields)


@pytest.mark.parametrize("form_key", form_keys())
def test_unknown_field_is_refused_by_name(form_key: str) -> None:
    data = valid(form_key) | {"applicant_age": 30}
    assert errors_of(form_key, data) == {"applicant_age": ["未知字段"]}


@pytest.mark.parametrize("form_key", form_keys())
def test_typename_is_just_an_unknown_field(form_key: str) -> None:
    """SpiffWorkflow's serializer reads ``typename`` as a class marker, so it must never reach task data."""
    assert "typename" not in schema_for(form_key).fields
    data = valid(form_key) | {"typename": "BpmnWorkflow"}
    assert errors_of(form_key, data) == {"typename": ["未知字段"]}


@pytest.mark.parametrize(("form_key", "name"), ALL_FIELDS)
def test_wrong_type_is_reported_on_the_field(form_key: str, name: str) -> None:
    data = valid(form_key) | {name: {"value": 1}}
    errors = errors_of(form_key, data)
    assert list(errors) == [name]
    assert errors[name][0].startswith("类型不正确")


@pytest.mark.parametrize(("form_key", "name"), REQUIRED)
@pytest.mark.parametrize("empty", ["", "   ", None])
def test_empty_required_field_is_refused(form_key: str, name: str, empty: str | None) -> None:
    data = valid(form_key) | {name: empty}
    blank = schema_for(form_key).fields[name].error_messages["null"]  # says what to do: 请填写/请选择…
    assert blank.startswith("请") and errors_of(form_key, data) == {name: [blank]}


@pytest.mark.parametrize(("form_key", "name"), REQUIRED)
def test_missing_required_field_is_refused(form_key: str, name: str) -> None:
    data = valid(form_key)
    data.pop(name, None)
    assert errors_of(form_key, data) == {name: ["该字段为必填项"]}


@pytest.mark.parametrize(("form_key", "name"), OPTIONAL)
@pytest.mark.parametrize("empty", ["", "  ", None, "absent"])
def test_empty_optional_field_loads_as_nothing(form_key: str, name: str, empty: str | None) -> None:
    data = valid(form_key)
    if empty == "absent":
        data.pop(name, None)
    else:
        data[name] = empty
    if form_key == "review_decision" and name == "opinion":
        data["decision"] = "approve"
    if form_key == "utility_connection_acceptance" and name == "survey_date":  # a date only when accepting
        data.update(decision="return", opinion="缺少用电负荷计算书")
    expected = [] if isinstance(schema_for(form_key).fields[name], MaterialList) else None
    assert validate(form_key, data)[name] == expected


@pytest.mark.parametrize(("form_key", "name"), TEXTS)
def test_markup_in_text_is_refused(form_key: str, name: str) -> None:
    data = valid(form_key) | {name: SCRIPT}
    assert errors_of(form_key, data) == {name: ["不得包含尖括号等标记字符"]}


@pytest.mark.parametrize(("form_key", "name"), LISTS)
def test_markup_in_material_names_is_refused(form_key: str, name: str) -> None:
    data = valid(form_key) | {name: ["施工合同", SCRIPT]}
    if "decision" in schema_for(form_key).fields:  # a decision form lists materials only with a 补正
        data.pop("conditions", None)  # conditions go with an approval only
        data |= {"decision": "supplement", "opinion": "材料不全"}
    assert errors_of(form_key, data) == {name: ["第2项：不得包含尖括号等标记字符"]}


@pytest.mark.parametrize("form_key", form_keys())
def test_validate_never_mutates_its_input(form_key: str) -> None:
    data = valid(form_key)
    data |= {name: f"  {value}  " for name, value in data.items() if isinstance(value, str)}
    before = copy.deepcopy(data)
    cleaned = validate(form_key, data)
    assert data == before
    assert cleaned is not data


@pytest.mark.parametrize("form_key", form_keys())
def test_failed_validate_never_mutates_its_input(form_key: str) -> None:
    data = dict.fromkeys(schema_for(form_key).fields, SCRIPT) | {"typename": "x"}
    before = copy.deepcopy(data)
    errors_of(form_key, data)
    assert data == before


@pytest.mark.parametrize("form_key", form_keys())
def test_every_message_a_field_can_give_is_chinese(form_key: str) -> None:
    schema = schema_for(form_key)
    messages = list(schema.error_messages.values())
    for field in schema.fields.values():
        messages += field.error_messages.values()
        if isinstance(field, MaterialList):
            messages += field.inner.error_messages.values()
    assert all(CJK.search(message) for message in messages), messages


@pytest.mark.parametrize("form_key", form_keys())
def test_every_field_has_a_chinese_label(form_key: str) -> None:
    for field in schema_for(form_key).fields.values():
        assert CJK.search(field.metadata["label"])


@pytest.mark.parametrize("form_key", form_keys())
def test_input_that_is_not_an_object_is_a_form_level_error(form_key: str) -> None:
    assert errors_of(form_key, ["not", "a", "dict"]) == {"_schema": ["类型不正确，表单数据应为键值对象"]}
