"""受理回执: the comprehensive window's acceptance receipt of a stage application, as deterministic A4 PDF.

What it states follows the 一网通办 receipts: receipt number, the project and applicant, the stage and the
items accepted with their departments, the materials received, the acceptance time, the time limit and its
deadline in working days, and where to follow the progress. Same data, same bytes (reportlab invariant).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .flowables import para
from .fonts import certificate_font, check_glyphs


@dataclass(frozen=True)
class ReceiptData:
    number: str
    office: str  # 受理机关 (the comprehensive window's office)
    project_name: str
    project_code: str
    applicant: str
    stage_name: str
    submitted_at: str
    accepted_at: str
    clerk: str
    limit_days: int | None
    deadline: str  # the stage's deadline as people read it ("2027-01-05"), or "" when none is set
    items: tuple[tuple[str, str], ...]  # (item, department)
    materials: tuple[str, ...]
    follow_up: str  # where the applicant follows the progress

    def texts(self) -> list[str]:
        return [self.number, self.office, self.project_name, self.project_code, self.applicant, self.stage_name,
                self.submitted_at, self.accepted_at, self.clerk, self.deadline, self.follow_up,
                *(t for pair in self.items for t in pair), *self.materials]


def render_receipt(data: ReceiptData) -> bytes:
    """PDF bytes of the receipt. :raise FontMissing, MissingGlyph: as for certificates."""
    font = certificate_font()
    check_glyphs(font, "acceptance_receipt", (("", text) for text in data.texts()))
    body = ParagraphStyle("receipt", fontName=font.name, bulletFontName=font.name, fontSize=10.5, leading=16,
                          wordWrap="CJK")
    title = ParagraphStyle("receipt-title", parent=body, fontSize=18, leading=26, alignment=TA_CENTER)
    right = ParagraphStyle("receipt-right", parent=body, alignment=TA_RIGHT)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=f"受理回执 {data.number}", author=data.office,
                            creator="certificates", invariant=1)
    limit = f"{data.limit_days} 个工作日" if data.limit_days else "按各事项承诺时限"
    facts = [("回执编号", data.number), ("项目名称", data.project_name), ("项目代码", data.project_code),
             ("申请人", data.applicant), ("申报阶段", data.stage_name), ("提交时间", data.submitted_at),
             ("受理时间", data.accepted_at), ("审批时限", limit),
             *([("承诺办结日期", f"{data.deadline} 前办结")] if data.deadline else []), ("受理人", data.clerk)]
    items = [("审批事项", "审批部门"), *data.items] if data.items else [("审批事项", "—")]
    story = [Paragraph("工程建设项目审批受理回执", title), Spacer(1, 4 * mm),
             para(f"{data.applicant}：", body),
             para(f"您于{data.submitted_at}提交的{data.project_name}（项目代码 {data.project_code}）"
                  f"{data.stage_name}阶段申请，经综合窗口审核，申请材料齐全、符合法定形式，现予受理。"
                  "审批时限自受理之日起按工作日计算，补正、特别程序期间不计入。", body), Spacer(1, 3 * mm),
             _table(facts, body, (32 * mm, 138 * mm)), Spacer(1, 4 * mm),
             _table(items, body, (95 * mm, 75 * mm), header=True), Spacer(1, 4 * mm),
             para("已收材料：" + ("、".join(data.materials) if data.materials else "以申请表所列为准"), body),
             Spacer(1, 2 * mm), para(f"办理进度查询：{data.follow_up}", body), Spacer(1, 10 * mm),
             para(f"{data.office}（受理专用章）", right), para(data.accepted_at[:10], right)]
    doc.build(story, canvasmaker=_canvas_with(font.name))
    return buffer.getvalue()


def _table(rows: list[tuple[str, str]], style: ParagraphStyle, widths: tuple[float, float],
           header: bool = False) -> Table:
    table = Table([[para(a, style), para(b, style)] for a, b in rows], colWidths=list(widths))
    commands: list[tuple[Any, ...]] = [("GRID", (0, 0), (-1, -1), 0.6, "#333333"),
                                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                       ("FONTNAME", (0, 0), (-1, -1), style.fontName)]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), "#e8edf3"))
    table.setStyle(TableStyle(commands))
    return table


def _canvas_with(font_name: str) -> type[Canvas]:
    """A canvas whose initial font is ours, so that no unembedded Helvetica resource enters the file."""

    class _Canvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = font_name
            super().__init__(*args, **kwargs)

    return _Canvas
