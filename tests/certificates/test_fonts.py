"""The font is embedded from a configurable TrueType file, and characters it lacks are refused."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from certificates import (
    KINDS,
    FontMissing,
    MissingGlyph,
    certificate_font,
    get_template,
    render_certificate,
)
from certificates.fonts import DEFAULT_FONT_PATHS, register_font
from tests.support.pdfs import qr_texts, squash

from .conftest import pdfplumber_text, specimen

ZENHEI, MICROHEI, BUNDLED = DEFAULT_FONT_PATHS
RARE = "𠮷"  # U+20BB7, CJK Extension B: not in WenQuanYi Zen Hei


def test_default_font_is_wenquanyi_zen_hei(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CERT_FONT_PATH", raising=False)
    assert certificate_font().path == ZENHEI


def test_the_rare_character_really_is_missing_from_zen_hei() -> None:
    assert ord(RARE) not in register_font(ZENHEI).code_points
    assert ord("喆") in register_font(ZENHEI).code_points


def test_a_missing_glyph_in_a_name_is_refused_naming_the_field() -> None:
    data = specimen("construction_permit")
    fields = tuple(
        (label, "吉" + RARE) if label == "施工单位项目负责人" else (label, value) for label, value in data.fields
    )
    with pytest.raises(MissingGlyph) as caught:
        render_certificate(dataclasses.replace(data, fields=fields))
    assert caught.value.field == "施工单位项目负责人"
    assert caught.value.characters == RARE
    assert "施工单位项目负责人" in str(caught.value) and "U+20BB7" in str(caught.value)


def test_missing_glyphs_in_holder_and_licence_blocks_are_all_reported() -> None:
    data = specimen("comprehensive_construction_permit")
    block = dataclasses.replace(data.blocks[1], fields=(*data.blocks[1].fields, ("联系人", "张" + RARE)))
    data = dataclasses.replace(data, holder=RARE + "公司", blocks=(data.blocks[0], block))
    with pytest.raises(MissingGlyph) as caught:
        render_certificate(data)
    assert caught.value.problems == (("建设单位", RARE), ("夜间施工许可·联系人", RARE))


def test_whitespace_is_layout_not_a_missing_glyph() -> None:
    data = specimen("tolerance_acceptance_notice")
    fields = {**dict(data.fields), "补正方式": "窗口提交\t或\u3000网上上传\r\n（任选其一）"}
    pdf = render_certificate(dataclasses.replace(data, fields=tuple(fields.items())))
    assert squash("窗口提交或网上上传（任选其一）") in squash(pdfplumber_text(pdf))


def test_a_bad_font_path_names_the_package_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CERT_FONT_PATH", "/nonexistent/wqy-zenhei.ttc")
    with pytest.raises(FontMissing, match="fonts-wqy-zenhei") as caught:
        render_certificate(specimen("construction_permit"))
    assert caught.value.path == "/nonexistent/wqy-zenhei.ttc"


def test_a_file_that_is_not_a_truetype_font_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.ttf"
    bogus.write_bytes(b"not a font at all" * 10)
    monkeypatch.setenv("CERT_FONT_PATH", str(bogus))
    with pytest.raises(FontMissing, match="fonts-wqy-zenhei"):
        render_certificate(specimen("construction_permit"))


def test_micro_hei_can_be_chosen_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CERT_FONT_PATH", MICROHEI)
    data = specimen("land_preexam_site_opinion")
    pdf = render_certificate(data)
    assert b"MicroHei" in pdf and b"ZenHei" not in pdf
    assert squash(data.holder) in squash(pdfplumber_text(pdf))
    assert qr_texts(pdf) == [data.verification_url]


def test_fonts_are_registered_once_per_file() -> None:
    assert register_font(ZENHEI) is register_font(ZENHEI)


@pytest.mark.parametrize("path", DEFAULT_FONT_PATHS)
def test_both_fonts_cover_all_template_text(path: str) -> None:
    font = register_font(path)
    for kind in KINDS:
        for field, text in get_template(kind).static_texts():
            assert not font.missing(text), (path, field, font.missing(text))


def test_the_bundled_font_covers_certificate_text():
    """A machine without fonts-wqy-* still issues certificates, from the copy shipped in the package."""
    from certificates.fonts import BUNDLED_FONT

    font = register_font(BUNDLED_FONT)
    assert font.missing("建筑工程施工许可证汉江湾示范住宅小区") == ""
