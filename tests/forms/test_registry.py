"""The registry: the contract with the form keys written in the BPMN models."""

from __future__ import annotations

import ast
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

import forms
from forms import FORM_KEYS, FormError, FormInvalid, UnknownForm, schema_for, title_for, validate
from forms.base import FormSchema

TITLES = {
    "project_registration": "项目登记表",
    "stage_1_application": "立项用地规划许可阶段申请表",
    "stage_2_application": "工程建设许可阶段申请表",
    "stage_3_application": "施工许可阶段申请表",
    "stage_23_application": "工程建设许可（含施工许可）阶段申请表",
    "stage_4_application": "竣工验收阶段申请表",
    "acceptance_decision": "综合窗口受理",
    "review_decision": "部门审查意见",
    "issuance": "核发",
    "resubmission_decision": "退回后处理",
    "supplement_submission": "补正材料提交",
    "tolerance_commitment": "容缺受理承诺书",
    "tolerance_acceptance": "容缺受理",
    "tolerance_supply": "容缺材料补正",
    "tolerance_check": "容缺材料核验",
    "commitment_application": "告知承诺书",
    "commitment_verification": "告知承诺事后核查",
    "pre_permit_application": "建筑工程施工预许可申请（告知承诺）",
    "phase_permit_application": "分阶段施工许可申请表",
    "phase_permit_issuance": "分阶段施工许可核发",
    "comprehensive_permit_application": "建筑工程综合许可证申请表",
    "joint_site_inspection": "联合踏勘记录",
    "comprehensive_issuance": "建筑工程综合许可证核发",
    "night_work_application": "夜间施工申请表",
    "night_work_decision": "夜间施工审查意见",
    "waste_disposal_application": "建筑垃圾处置核准申请表",
    "waste_disposal_review": "建筑垃圾处置核准审查意见",
    "utility_connection_application": "水电气联动报装申请表",
    "utility_connection_acceptance": "水电气联动报装受理",
    "utility_joint_survey": "联合踏勘记录",
    "utility_service_survey": "受理勘查",
    "utility_service_connection": "验收开通",
    "utility_offsite_verification": "外线工程许可核查",
    "special_procedure_start": "启动特别程序",
    "special_procedure_end": "记录特别程序结果",
    "extension_request": "申请延期",
    "extension_decision": "延期审批",
    "document_check_completion": "资料审核完成，组织联合现场验收",
}


def test_form_keys_are_the_modelled_ones() -> None:
    assert isinstance(FORM_KEYS, frozenset)
    assert set(TITLES) == FORM_KEYS


@pytest.mark.parametrize(("form_key", "title"), sorted(TITLES.items()))
def test_title_for_gives_the_chinese_title(form_key: str, title: str) -> None:
    assert title_for(form_key) == title


@pytest.mark.parametrize("form_key", sorted(TITLES))
def test_schema_for_gives_a_fresh_form_schema(form_key: str) -> None:
    first, second = schema_for(form_key), schema_for(form_key)
    assert isinstance(first, FormSchema)
    assert first is not second


@pytest.mark.parametrize("lookup", [schema_for, title_for, lambda key: validate(key, {})])
@pytest.mark.parametrize("form_key", ["stage_5_application", "", "Review_Decision"])
def test_unknown_form_keys_raise(lookup: Callable[[str], object], form_key: str) -> None:
    with pytest.raises(UnknownForm) as caught:
        lookup(form_key)
    assert caught.value.form_key == form_key
    assert isinstance(caught.value, FormError)
    assert str(caught.value) == f"未知表单：{form_key!r}"


def test_unknown_form_is_a_lookup_error() -> None:
    with pytest.raises(LookupError):
        schema_for("nothing")


def test_validate_returns_a_new_dict_of_loaded_values() -> None:
    data = {"decision": "supplement", "opinion": " 缺图 ", "missing_materials": ["总平面图"]}
    cleaned = validate("review_decision", data)
    assert cleaned == {
        "decision": "supplement",
        "opinion": "缺图",
        "missing_materials": ["总平面图"],
        "supplement_days": None,
        "conditions": None,
    }
    assert cleaned["missing_materials"] is not data["missing_materials"]


def test_form_invalid_carries_key_and_errors_and_reads_well() -> None:
    with pytest.raises(FormInvalid) as caught:
        validate("review_decision", {"decision": "supplement", "typename": "x"})
    error = caught.value
    assert error.form_key == "review_decision"
    assert error.errors == {
        "typename": ["未知字段"],
        "opinion": ["不予受理、不同意或要求补正时必须填写意见"],
        "missing_materials": ["要求补正时必须列明所缺材料"],
    }
    assert str(error) == (
        "表单 review_decision 填写有误：missing_materials：要求补正时必须列明所缺材料；"
        "opinion：不予受理、不同意或要求补正时必须填写意见；typename：未知字段"
    )
    assert isinstance(error, FormError)


def test_form_invalid_survives_pickling() -> None:
    error = FormInvalid("issuance", {"validity_months": ["不得大于36"]})
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.form_key, copy.errors, str(copy)) == (error.form_key, error.errors, str(error))


def test_form_invalid_keeps_its_own_copy_of_the_errors() -> None:
    errors = {"note": ["不得包含控制字符"]}
    error = FormInvalid("resubmission_decision", errors)
    errors["note"].append("later")
    assert error.errors == {"note": ["不得包含控制字符"]}


def test_non_string_keys_are_reported_as_strings() -> None:
    with pytest.raises(FormInvalid) as caught:
        validate("acceptance_decision", {"decision": "accept", 7: "x"})
    assert caught.value.errors == {"7": ["未知字段"]}


def test_package_exports_the_public_api() -> None:
    assert set(forms.__all__) == {
        "FORM_KEYS",
        "FormError",
        "FormInvalid",
        "UnknownForm",
        "schema_for",
        "title_for",
        "validate",
    }
    assert forms.__doc__ is not None
    assert forms.__doc__.startswith("Schemas of every form a person fills in")


def test_forms_imports_nothing_else_of_the_repo() -> None:
    package = Path(forms.__file__).parent
    allowed = {
        "forms",
        "marshmallow",
        "__future__",
        "collections",
        "datetime",
        "decimal",
        "re",
        "types",
        "typing",
        "unicodedata",
    }
    for module in package.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert {name.split(".")[0] for name in names} <= allowed, (module.name, names)
