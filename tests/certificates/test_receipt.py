"""The 受理回执 PDF: deterministic bytes, every fact printed, our font only (no unembedded Helvetica)."""

from __future__ import annotations

import pytest

from certificates import MissingGlyph, ReceiptData, render_receipt
from tests.support.pdfs import pdf_text

RECEIPT = ReceiptData("SL20261208-000001", "工程建设项目审批综合服务窗口", "汉江湾住宅小区",
                      "2026-420104-70-03-000001", "汉江湾置业有限公司", "立项用地规划许可", "2026-12-08 10:00",
                      "2026-12-08 11:30", "综合窗口 王晓", 15, "",
                      (("建设项目用地预审与选址意见书", "自然资源和规划局"),), ("项目备案信息登记表",),
                      "登录系统查看办理进度")


def test_the_receipt_prints_every_fact_the_same_way_each_time() -> None:
    pdf = render_receipt(RECEIPT)
    assert pdf == render_receipt(RECEIPT) and b"Helvetica" not in pdf
    text = pdf_text(pdf)
    for words in ("工程建设项目审批受理回执", "SL20261208-000001", "2026-420104-70-03-000001", "现予受理",
                  "15个工作日", "建设项目用地预审与选址意见书", "自然资源和规划局", "项目备案信息登记表", "受理专用章"):
        assert words in text, words


def test_a_character_the_font_lacks_is_refused() -> None:
    with pytest.raises(MissingGlyph):
        render_receipt(ReceiptData(**{**RECEIPT.__dict__, "applicant": "\U0001F600公司"}))


def test_the_promised_date_has_its_own_line_and_none_is_printed_without_one() -> None:
    promised = pdf_text(render_receipt(ReceiptData(**{**RECEIPT.__dict__, "deadline": "2026-12-29"})))
    assert "承诺办结日期" in promised and "2026-12-29" in promised
    assert "承诺办结日期" not in pdf_text(render_receipt(RECEIPT))
