"""CertificateData refuses incomplete or inconsistent data where it is built, naming what is wrong."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from certificates import (
    KINDS,
    TEMPLATES,
    CertificateData,
    CertificateError,
    IncompleteCertificate,
    LicenceBlock,
    UnknownKind,
)
from certificates.layout import chinese_date, field_rows

from .conftest import specimen


def without(data: CertificateData, *labels: str) -> tuple[tuple[str, str], ...]:
    return tuple((label, value) for label, value in data.fields if label not in labels)


def test_every_kind_has_a_template_and_a_specimen() -> None:
    assert (
        set(KINDS)
        == set(TEMPLATES)
        == {
            "construction_permit",
            "works_planning_permit",
            "land_use_planning_permit",
            "land_preexam_site_opinion",
            "joint_acceptance_opinion",
            "tolerance_acceptance_notice",
            "supplement_notice",
            "comprehensive_construction_permit",
            "phased_construction_permit",
            "commitment_approval",
            "construction_pre_permit",
            "night_work_permit",
            "construction_waste_disposal_licence",
        }
    )
    for kind in KINDS:
        assert specimen(kind).kind == kind


def test_a_missing_required_field_is_named(kind: str) -> None:
    data = specimen(kind)
    label = next(
        spec.label for spec in data.template.fields if spec.required and spec.label != data.template.holder_label
    )
    with pytest.raises(IncompleteCertificate) as caught:
        dataclasses.replace(data, fields=without(data, label))
    assert caught.value.missing == (label,)
    assert caught.value.kind == kind and caught.value.field == label
    assert label in str(caught.value)


def test_all_missing_labels_are_listed_in_print_order() -> None:
    data = specimen("construction_permit")
    with pytest.raises(IncompleteCertificate) as caught:
        dataclasses.replace(data, fields=without(data, "备注", "监理单位", "合同工期"))
    assert caught.value.missing == ("监理单位", "合同工期", "备注")


def test_blank_values_count_as_missing() -> None:
    data = specimen("construction_permit")
    fields = (*without(data, "施工单位"), ("施工单位", "  "))
    with pytest.raises(IncompleteCertificate, match="施工单位"):
        dataclasses.replace(data, fields=fields, holder="", issuing_authority="")
    with pytest.raises(IncompleteCertificate) as caught:
        dataclasses.replace(data, holder=" ", number="")
    assert caught.value.missing == ("编号", "建设单位")


def test_phased_permit_requires_phase_and_scope() -> None:
    data = specimen("phased_construction_permit")
    with pytest.raises(IncompleteCertificate) as caught:
        dataclasses.replace(data, fields=without(data, "施工阶段", "施工范围"))
    assert caught.value.missing == ("施工阶段", "施工范围")
    plain = specimen("construction_permit")
    assert "施工范围" not in dict(plain.fields)  # optional on the ordinary permit


def test_holder_given_twice_must_agree() -> None:
    data = specimen("construction_permit")
    dataclasses.replace(data, fields=(*data.fields, ("建设单位", data.holder)))
    with pytest.raises(CertificateError, match="建设单位") as caught:
        dataclasses.replace(data, fields=(*data.fields, ("建设单位", "另一家公司")))
    assert caught.value.field == "建设单位"


def test_comprehensive_permit_needs_licence_blocks_with_scope_and_validity() -> None:
    data = specimen("comprehensive_construction_permit")
    with pytest.raises(IncompleteCertificate) as caught:
        dataclasses.replace(data, blocks=())
    assert caught.value.missing == ("许可信息",)
    bad = LicenceBlock("夜间施工许可", "", (("许可范围", "混凝土浇筑"),))
    with pytest.raises(IncompleteCertificate) as caught:
        dataclasses.replace(data, blocks=(*data.blocks, bad))
    assert caught.value.missing == ("夜间施工许可·许可编号", "夜间施工许可·有效期限")


def test_blocks_are_refused_on_kinds_without_them() -> None:
    data = specimen("construction_permit")
    block = specimen("comprehensive_construction_permit").blocks[0]
    with pytest.raises(CertificateError, match="takes no licence blocks"):
        dataclasses.replace(data, blocks=(block,))


def test_unknown_kind_lists_known_kinds() -> None:
    with pytest.raises(UnknownKind, match="construction_permit") as caught:
        dataclasses.replace(specimen("construction_permit"), kind="driving_licence")
    assert caught.value.kind == "driving_licence"


def test_duplicate_labels_and_malformed_fields_are_refused() -> None:
    data = specimen("construction_permit")
    with pytest.raises(CertificateError, match="given twice"):
        dataclasses.replace(data, fields=(*data.fields, ("备注", "again")))
    with pytest.raises(CertificateError, match="pairs"):
        dataclasses.replace(data, fields=("工程名称",))
    with pytest.raises(CertificateError, match="must be str"):
        dataclasses.replace(data, fields=(*data.fields, ("层数", 32)))


def test_issue_date_must_be_a_date() -> None:
    with pytest.raises(CertificateError, match="issue_date"):
        dataclasses.replace(specimen("construction_permit"), issue_date="2026-11-22")


def test_fields_may_be_given_as_a_mapping_and_are_stored_as_a_tuple() -> None:
    data = specimen("works_planning_permit")
    again = dataclasses.replace(data, fields=dict(data.fields))
    assert again == data and isinstance(again.fields, tuple)
    assert hash(again) == hash(data)


def test_chinese_date_format() -> None:
    data = dataclasses.replace(specimen("construction_permit"), issue_date=datetime.date(2027, 1, 5))
    assert chinese_date(data) == "2027年1月5日"


def test_short_half_fields_share_a_row_and_long_ones_do_not() -> None:
    data = specimen("joint_acceptance_opinion")
    rows = field_rows(data, fits=lambda value: len(value) <= 20)
    paired = [tuple(label for label, _ in row) for row in rows if len(row) == 2]
    assert ("结构形式", "层数") in paired and ("开工日期", "竣工日期") in paired
    rows = field_rows(data, fits=lambda value: value != "框架剪力墙结构")
    assert (("结构形式", "框架剪力墙结构"),) in rows
    assert all(len(row) == 1 for row in field_rows(data, fits=lambda value: False))


def test_extra_labels_are_printed_after_the_template_fields() -> None:
    data = specimen("works_planning_permit")
    data = dataclasses.replace(data, fields=(("具体建设内容", "住宅5栋"), ("城市自定义栏", "示例"), *data.fields))
    labels = [row[0][0] for row in field_rows(data)]
    assert labels[-1] == "城市自定义栏"
    assert labels.index("具体建设内容") == labels.index("建设规模") + 1
