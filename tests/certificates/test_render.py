"""Every kind renders to a PDF whose text, QR code, font and bytes can be checked by a third party."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pypdf

from certificates import CertificateData, LicenceBlock, get_template, render_certificate
from certificates.layout import chinese_date
from tests.support.pdfs import qr_texts, squash

from .conftest import pdfplumber_text, pypdf_text, rendered, specimen

REPO = Path(__file__).resolve().parents[2]


def expected_strings(kind: str) -> list[str]:
    """What a reader must find on the certificate: title, number, every value, authority, date."""
    data = specimen(kind)
    strings = [data.template.title, data.number, data.holder, data.issuing_authority, chinese_date(data)]
    strings += [value for _, value in data.fields]
    for block in data.blocks:
        strings += [block.title, block.number, *(value for _, value in block.fields)]
    return strings


def test_pypdf_reads_every_value(kind: str) -> None:
    text = squash(pypdf_text(rendered(kind)))
    missing = [s for s in expected_strings(kind) if squash(s) not in text]
    assert not missing, f"pypdf text of {kind} lacks {missing}"


def test_pdfplumber_reads_every_value(kind: str) -> None:
    text = squash(pdfplumber_text(rendered(kind)))
    missing = [s for s in expected_strings(kind) if squash(s) not in text]
    assert not missing, f"pdfplumber text of {kind} lacks {missing}"


def test_text_has_no_notdef_characters(kind: str) -> None:
    pdf = rendered(kind)
    assert "\x00" not in pypdf_text(pdf)
    assert "\x00" not in pdfplumber_text(pdf)


def test_number_is_printed_with_the_kind_s_format(kind: str) -> None:
    data = specimen(kind)
    printed = data.template.number_format.format(number=data.number)
    assert squash(printed) in squash(pdfplumber_text(rendered(kind)))


def test_qr_code_decodes_to_the_verification_url(kind: str) -> None:
    assert qr_texts(rendered(kind)) == [specimen(kind).verification_url]


def test_font_is_an_embedded_truetype_subset(kind: str) -> None:
    for page in pypdf.PdfReader(io.BytesIO(rendered(kind))).pages:
        fonts = page["/Resources"]["/Font"]
        assert len(fonts) > 0
        for ref in fonts.values():
            font = ref.get_object()
            assert font["/Subtype"] == "/TrueType", font
            assert str(font["/BaseFont"])[7:8] == "+", f"not a subset: {font['/BaseFont']}"
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
            assert "STSong" not in str(font["/BaseFont"])


def test_same_data_gives_identical_bytes(kind: str) -> None:
    assert render_certificate(specimen(kind)) == render_certificate(specimen(kind)) == rendered(kind)


def test_bytes_are_identical_in_a_fresh_process() -> None:
    """The register stores a digest; re-rendering in another process must reproduce it."""
    kind = "comprehensive_construction_permit"
    code = (
        "import hashlib; from certificates import render_certificate; from certificates.samples import SAMPLES; "
        f"print(hashlib.sha256(render_certificate(SAMPLES['{kind}']())).hexdigest())"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == hashlib.sha256(rendered(kind)).hexdigest()


def test_metadata_title_is_certificate_title_and_number(kind: str) -> None:
    data = specimen(kind)
    metadata = pypdf.PdfReader(io.BytesIO(rendered(kind))).metadata
    assert metadata.title == f"{data.template.title} {data.number}"
    assert metadata.author == data.issuing_authority


def test_specimens_fit_one_a4_page_within_size_target(kind: str) -> None:
    reader = pypdf.PdfReader(io.BytesIO(rendered(kind)))
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)
    assert len(rendered(kind)) <= 300 * 1024


def test_notes_and_legal_sentence_are_printed(kind: str) -> None:
    template = get_template(kind)
    text = squash(pdfplumber_text(rendered(kind)))
    for sentence in (template.preamble, template.notes_heading, *template.notes):
        assert squash(sentence) in text


def test_status_note_is_printed_when_given() -> None:
    data = dataclasses.replace(specimen("construction_permit"), status_note="已作废")
    pdf = render_certificate(data)
    assert "已作废" in squash(pdfplumber_text(pdf))
    assert "已作废" not in squash(pdfplumber_text(rendered("construction_permit")))
    assert qr_texts(pdf) == [data.verification_url]


def test_many_licences_flow_onto_a_continuation_page() -> None:
    data = specimen("comprehensive_construction_permit")
    extra = tuple(
        LicenceBlock(
            f"临时占用城市道路许可{n}",
            f"QK-ZD-2026-{n:04d}",
            (("许可范围", f"汉西一路东侧人行道{n}号段"), ("有效期限", "2026年12月1日至2027年3月31日")),
        )
        for n in range(1, 9)
    )
    data = dataclasses.replace(data, blocks=data.blocks + extra, status_note="已被替代")
    pdf = render_certificate(data)
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) >= 2
    text = squash(pdfplumber_text(pdf))
    for block in data.blocks:
        assert squash(block.title) in text and block.number in text
    assert "续页" in text and "接下页" in text
    assert qr_texts(pdf) == [data.verification_url]


def test_markup_characters_and_line_breaks_in_values_are_kept() -> None:
    data = specimen("tolerance_acceptance_notice")
    fields = dict(data.fields)
    fields["容缺材料"] = "1. A&B <原件> 各一份；\n2. 建设资金证明"
    data = dataclasses.replace(data, fields=tuple(fields.items()))
    text = squash(pypdf_text(render_certificate(data)))
    assert squash("1. A&B <原件> 各一份；2. 建设资金证明") in text


def test_a_long_value_wraps_inside_its_cell_and_is_read_in_order() -> None:
    data = specimen("joint_acceptance_opinion")
    long_text = "各成员单位意见：" + "；".join(f"第{n}项检查内容符合要求" for n in range(1, 40))
    fields = {**dict(data.fields), "基本情况": long_text}
    pdf = render_certificate(dataclasses.replace(data, fields=tuple(fields.items())))
    assert squash(long_text) in squash(pypdf_text(pdf))
    assert squash(long_text) in squash(pdfplumber_text(pdf))


def without_page_furniture(pdf: bytes, data: CertificateData) -> str:
    """Squashed text of all pages minus the running header and the （接下页） marker between them."""
    number = data.template.number_format.format(number=data.number)
    texts = []
    for index, page in enumerate(pypdf.PdfReader(io.BytesIO(pdf)).pages, start=1):
        text = squash(page.extract_text()).replace("（接下页）", "")
        texts.append(text.replace(squash(f"{data.template.title}（续页）{number}第{index}页"), ""))
    return "".join(texts)


def test_a_value_longer_than_a_page_is_split_across_pages_without_loss() -> None:
    data = specimen("joint_acceptance_opinion")
    text = "".join(f"第{n}项检查内容符合要求；" for n in range(400))
    data = dataclasses.replace(data, fields=tuple({**dict(data.fields), "基本情况": text}.items()))
    pdf = render_certificate(data)
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) >= 3
    assert text in without_page_furniture(pdf, data)
    assert qr_texts(pdf) == [data.verification_url]


def test_a_licence_longer_than_a_page_keeps_its_heading_on_each_page() -> None:
    data = specimen("comprehensive_construction_permit")
    conditions = "".join(f"第{n}条施工条件须遵守；" for n in range(300))
    night = dataclasses.replace(data.blocks[1], fields=(*data.blocks[1].fields[:2], ("许可条件", conditions)))
    data = dataclasses.replace(data, blocks=(data.blocks[0], night, data.blocks[2]))
    pdf = render_certificate(data)
    pages = [squash(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    with_heading = [text.count("二、夜间施工许可") for text in pages]
    assert with_heading[:3] == [1, 1, 1] and sum(with_heading) >= 3
    flowing = without_page_furniture(pdf, data).replace(squash("二、夜间施工许可许可编号：QK-YJ-2026-0712"), "")
    assert conditions in flowing
