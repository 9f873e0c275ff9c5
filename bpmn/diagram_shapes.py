"""SVG drawing primitives for `bpmn.diagram`: text fitting, BPMN shapes, state badges, legend.

Kept apart from the DI reading in `diagram.py` so that each module stays small. Everything here
builds `xml.etree.ElementTree` elements, which escape all text and attribute values for us, and
formats numbers in one place, so the same input always yields the same SVG string.
"""

import itertools
import math
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import NamedTuple

Point = tuple[float, float]

FONT_FAMILY = "WenQuanYi Zen Hei, Noto Sans CJK SC, Microsoft YaHei, sans-serif"
LINE_HEIGHT = 1.25
TEXT_COLOUR = "#1f2328"
NO_LINE_START = frozenset("，。、；：！？）」』》〉”’,.;:!?)")

STATE_LABELS = {"completed": "已完成", "active": "进行中", "waiting": "等待中", "idle": "未开始"}


class Style(NamedTuple):
    """Fill and border of a flow node in one state; presentation attributes, so page CSS may override."""

    fill: str
    stroke: str
    width: float
    dash: str = ""


STYLES = {
    "idle": Style("#ffffff", "#4a4f55", 1.5),
    "completed": Style("#dbe7d9", "#5b7f58", 1.5),
    "active": Style("#e3eefd", "#1d5fc4", 3.0),
    "waiting": Style("#fdf5e1", "#b7791f", 2.0, "6 4"),
}
FLOW_IDLE, FLOW_TAKEN = ("#8a9097", 1.4), ("#1f2a1f", 2.6)
BADGE_DONE, BADGE_ACTIVE = "#3d7a3a", "#1d5fc4"


class Bounds(NamedTuple):
    """A `dc:Bounds` rectangle."""

    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class Shape:
    """What the drawing needs to know about one `BPMNShape` and its semantic element."""

    id: str
    kind: str
    name: str
    bounds: Bounds
    spoken: str  # the name, or the kind in Chinese for unnamed elements: for tooltips and the summary
    label: Bounds | None = None
    marker: str = ""  # event definition ("timer", "message", …) or XOR "x" / ""
    dashed: bool = False  # non-interrupting event


def fmt(value: float) -> str:
    """Numbers with at most two decimals and no trailing zeros: stable, short output."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def path_d(*parts: str | float) -> str:
    """Path data from commands and numbers: `path_d("M", x, y, "h", 5)` → "M x y h 5"."""
    return " ".join(part if isinstance(part, str) else fmt(part) for part in parts)


def points_attr(points: list[Point]) -> str:
    return " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)


def sub(parent: ET.Element, tag: str, text: str | None = None, /, **attrs: object) -> ET.Element:
    """Append an SVG element; `stroke_width=` becomes `stroke-width`, `class_=` becomes `class`."""
    node = ET.SubElement(parent, tag)
    for key, value in attrs.items():
        if value is None or value == "":
            continue
        shown = fmt(value) if isinstance(value, float | int) and not isinstance(value, bool) else str(value)
        node.set(key.rstrip("_").replace("_", "-"), shown)
    if text is not None:
        node.text = text
    return node


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in {"W", "F"}


def text_width(text: str, size: float) -> float:
    """Estimated advance: a CJK character is one em, anything else about 0.55 em."""
    return sum(size if _is_wide(char) else 0.55 * size for char in text)


def _char_class(char: str) -> str:
    return "space" if char.isspace() else "wide" if _is_wide(char) else "narrow"


def _tokens(paragraph: str, max_width: float, size: float) -> list[str]:
    """Break points: around every CJK character and space; inside a word only if it cannot fit a line."""
    tokens: list[str] = []
    for kind, chars in itertools.groupby(paragraph, key=_char_class):
        chunk = "".join(chars)
        fits = kind == "narrow" and text_width(chunk, size) <= max_width
        tokens.extend([chunk] if fits else chunk)
    return tokens


def wrap_text(text: str, max_width: float, size: float) -> list[str]:
    """Greedy wrap; CJK wraps per character and closing punctuation never starts a line."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for token in _tokens(paragraph, max_width, size):
            fits = text_width((line + token).rstrip(), size) <= max_width
            if line and not fits and token not in NO_LINE_START:
                lines.append(line.rstrip())
                line = token.lstrip()
            elif line or not token.isspace():
                line += token
        lines.append(line.rstrip())
    return lines


def balanced_wrap(text: str, max_width: float, size: float) -> list[str]:
    """Same number of lines as the greedy wrap, but evenly filled: no lone last character."""
    lines = wrap_text(text, max_width, size)
    narrow = text_width(text, size) / len(lines)
    while len(lines) > 1 and narrow < max_width:
        candidate = wrap_text(text, narrow, size)
        if len(candidate) <= len(lines):
            return candidate
        narrow += size / 2
    return lines


def fit_text(text: str, width: float, height: float, sizes: tuple[int, ...] = (12, 11, 10)
             ) -> tuple[int, list[str]]:
    """Largest font size whose wrapped lines fit the box; at the smallest, cut with an ellipsis."""
    for size in sizes:
        lines = balanced_wrap(text, width, size)
        if len(lines) * size * LINE_HEIGHT <= height:
            return size, lines
    size = sizes[-1]
    keep = max(1, int(height // (size * LINE_HEIGHT)))
    lines = wrap_text(text, width, size)[:keep]
    while lines[-1] and text_width(lines[-1] + "…", size) > width:
        lines[-1] = lines[-1][:-1]
    lines[-1] += "…"
    return size, lines


def text_block(parent: ET.Element, lines: list[str], cx: float, cy: float, size: float,
               line_height: float = LINE_HEIGHT, **attrs: object) -> None:
    """Centred lines around (cx, cy); baselines computed here rather than trusting dominant-baseline."""
    step = size * line_height
    first = cy - step * (len(lines) - 1) / 2 + 0.35 * size
    node = sub(parent, "text", x=cx, y=first, font_size=size, text_anchor="middle", fill=TEXT_COLOUR, **attrs)
    for index, line in enumerate(lines):
        sub(node, "tspan", line, x=cx, y=first + index * step)


def container(parent: ET.Element, shape: Shape, band_fill: str) -> None:
    """Pool or lane: border and a 30-unit left band holding the name."""
    b = shape.bounds
    band = Bounds(b.x, b.y, min(30.0, b.w), b.h)
    sub(parent, "rect", x=b.x, y=b.y, width=b.w, height=b.h, fill="none", stroke="#5f6670", stroke_width=1.2)
    _rect(parent, band, Style(band_fill, "#5f6670", 1), 1, 0)
    _band_name(parent, shape.name, band)


def _band_name(parent: ET.Element, name: str, band: Bounds) -> None:
    """Chinese names stacked upright, one character per line as on printed forms; others rotated.

    The font shrinks (down to 9) before anything is cut, so long department names stay whole.
    """
    upright = any(_is_wide(char) for char in name)
    length = len(name) * 1.1 if upright else text_width(name, 1)
    size = next((s for s in range(13, 9, -1) if length * s <= band.h - 8), 9)
    if upright:
        room = max(1, int((band.h - 8) // (size * 1.1)))
        chars = list(name) if len(name) <= room else [*name[: room - 1], "…"]
        text_block(parent, chars, band.cx, band.cy, size, line_height=1.1)
        return
    node = sub(parent, "text", fit_text(name, band.h - 8, size * 1.3, (size,))[1][0], x=band.cx,
               y=band.cy + 0.35 * size, font_size=size, text_anchor="middle", fill=TEXT_COLOUR)
    node.set("transform", f"rotate(-90 {fmt(band.cx)} {fmt(band.cy)})")


def task(parent: ET.Element, shape: Shape, style: Style) -> None:
    """Rounded rectangle (call activity: thick border); type icon top-left; name wrapped inside."""
    b = shape.bounds
    _rect(parent, b, style, 4.0 if shape.kind == "callActivity" else style.width, 10)
    _task_icon(parent, shape.kind, b.x + 6, b.y + 5)
    size, lines = fit_text(shape.name, b.w - 12, b.h - 20)
    text_block(parent, lines, b.cx, b.cy + 4, size)


def _rect(parent: ET.Element, b: Bounds, style: Style, width: float, radius: float) -> None:
    sub(parent, "rect", x=b.x, y=b.y, width=b.w, height=b.h, rx=radius, fill=style.fill,
        stroke=style.stroke, stroke_width=width, stroke_dasharray=style.dash)


def _task_icon(parent: ET.Element, kind: str, x: float, y: float) -> None:
    """User: a person; script: a sheet with lines. Other tasks: no icon."""
    ink = {"fill": "none", "stroke": "#3a3f45", "stroke_width": 1.1}
    if kind == "userTask":
        sub(parent, "circle", cx=x + 6, cy=y + 4, r=3.2, **ink)
        sub(parent, "path", d=path_d("M", x, y + 14, "a6 6 0 0 1 12 0z"), **ink)
    elif kind == "scriptTask":
        sub(parent, "rect", x=x, y=y, width=10, height=13, rx=1.5, **ink)
        for row in (3.5, 6.5, 9.5):
            sub(parent, "path", d=path_d("M", x + 2.5, y + row, "h5"), **ink)


def event(parent: ET.Element, shape: Shape, style: Style) -> None:
    """Start thin, end thick, intermediate and boundary double; a glyph for the event definition."""
    b = shape.bounds
    cx, cy, r = b.cx, b.cy, min(b.w, b.h) / 2
    width = 4.0 if shape.kind == "endEvent" else style.width
    dash = style.dash or ("4 2.5" if shape.dashed else "")
    sub(parent, "circle", cx=cx, cy=cy, r=r, fill=style.fill, stroke=style.stroke, stroke_width=width,
        stroke_dasharray=dash)
    if shape.kind in {"intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"}:
        sub(parent, "circle", cx=cx, cy=cy, r=r - 3, fill="none", stroke=style.stroke, stroke_width=1.2,
            stroke_dasharray=dash)
    _event_glyph(parent, shape.marker, cx, cy, r)


def _event_glyph(parent: ET.Element, marker: str, cx: float, cy: float, r: float) -> None:
    """Clock for timers (time limits are central here), envelope for messages, disc for terminate."""
    ink = {"fill": "none", "stroke": "#3a3f45", "stroke_width": 1.3}
    if marker == "timer":
        sub(parent, "circle", cx=cx, cy=cy, r=r * 0.55, **ink)
        sub(parent, "path", d=path_d("M", cx, cy - r * 0.4, "V", cy, "l", r * 0.3, r * 0.15), **ink)
    elif marker == "message":
        w, h = r * 0.9, r * 0.6
        sub(parent, "rect", x=cx - w / 2, y=cy - h / 2, width=w, height=h, **ink)
        sub(parent, "path", d=path_d("M", cx - w / 2, cy - h / 2, "l", w / 2, h / 2, w / 2, -h / 2), **ink)
    elif marker == "terminate":
        sub(parent, "circle", cx=cx, cy=cy, r=r * 0.6, fill="#3a3f45")


def gateway(parent: ET.Element, shape: Shape, style: Style) -> None:
    """Diamond; X for exclusive (unless DI hides it), + for parallel, O for inclusive; others bare."""
    b = shape.bounds
    cx, cy, d, e = b.cx, b.cy, b.w * 0.17, b.w * 0.24
    corners = [(cx, b.y), (b.x + b.w, cy), (cx, b.y + b.h), (b.x, cy)]
    sub(parent, "polygon", points=points_attr(corners), fill=style.fill, stroke=style.stroke,
        stroke_width=style.width, stroke_dasharray=style.dash)
    ink = {"fill": "none", "stroke": "#2d3238", "stroke_width": 3.2, "stroke_linecap": "round"}
    if shape.kind == "exclusiveGateway" and shape.marker == "x":
        sub(parent, "path", d=path_d("M", cx - d, cy - d, "l", 2 * d, 2 * d, "m", 0, -2 * d,
                                     "l", -2 * d, 2 * d), **ink)
    elif shape.kind == "parallelGateway":
        sub(parent, "path", d=path_d("M", cx - e, cy, "h", 2 * e, "M", cx, cy - e, "v", 2 * e), **ink)
    elif shape.kind == "inclusiveGateway":
        sub(parent, "circle", cx=cx, cy=cy, r=b.w * 0.22, **{**ink, "stroke_width": 2.6})


def plain(parent: ET.Element, shape: Shape, style: Style) -> None:
    """Anything we do not know how to draw: a rectangle with its name, so nothing disappears."""
    b = shape.bounds
    _rect(parent, b, style, style.width, 0)
    size, lines = fit_text(shape.name, max(b.w - 8, 12), max(b.h - 4, 12))
    text_block(parent, lines, b.cx, b.cy, size)


def badge(parent: ET.Element, state: str, b: Bounds) -> None:
    """A check mark disc for completed, a 进行中 pill for active, at the shape's top-right corner."""
    if state == "completed":
        cx, cy = b.x + b.w - 2, b.y + 2
        sub(parent, "circle", class_="badge", cx=cx, cy=cy, r=8, fill=BADGE_DONE, stroke="#ffffff")
        sub(parent, "path", d=path_d("M", cx - 4, cy, "l3 3 l5 -6"), fill="none", stroke="#ffffff",
            stroke_width=2)
    elif state == "active":
        x, y = b.x + b.w - 36, b.y - 10
        sub(parent, "rect", class_="badge", x=x, y=y, width=44, height=17, rx=8.5, fill=BADGE_ACTIVE)
        sub(parent, "text", STATE_LABELS["active"], x=x + 22, y=y + 12.5, font_size=11, text_anchor="middle",
            fill="#ffffff", font_weight="bold")


def polyline(parent: ET.Element, points: list[Point], colour: str, width: float, dash: str = "") -> None:
    """An open polyline with round joins, no fill."""
    sub(parent, "polyline", points=points_attr(points), fill="none", stroke=colour, stroke_width=width,
        stroke_linejoin="round", stroke_dasharray=dash)


def arrowhead(parent: ET.Element, tail: Point, tip: Point, colour: str, filled: bool = True) -> None:
    """A triangle on the last segment; a polygon rather than a <marker>, so no ids clash across SVGs."""
    ux, uy = _unit(tail, tip)
    bx, by = tip[0] - 11 * ux, tip[1] - 11 * uy
    corners = [tip, (bx - 4.5 * uy, by + 4.5 * ux), (bx + 4.5 * uy, by - 4.5 * ux)]
    sub(parent, "polygon", points=points_attr(corners),
        fill=colour if filled else "#ffffff", stroke=colour, stroke_width=1, stroke_linejoin="round")


def default_slash(parent: ET.Element, start: Point, towards: Point, colour: str) -> None:
    """The BPMN default-flow mark: a short slash across the first segment near its source."""
    ux, uy = _unit(start, towards)
    cx, cy = start[0] + 12 * ux, start[1] + 12 * uy
    dx, dy = (ux - uy) * 4.5, (uy + ux) * 4.5
    sub(parent, "path", d=path_d("M", cx - dx, cy - dy, "l", 2 * dx, 2 * dy), stroke=colour, stroke_width=1.5)


def _unit(a: Point, b: Point) -> Point:
    length = math.hypot(b[0] - a[0], b[1] - a[1]) or 1.0
    return (b[0] - a[0]) / length, (b[1] - a[1]) / length


def legend(parent: ET.Element, x: float, y: float, title: str) -> float:
    """Title and one swatch per state on one row; returns where the row ends, for the viewBox."""
    if title:
        sub(parent, "text", title, x=x, y=y + 14, font_size=16, font_weight="bold", fill=TEXT_COLOUR)
        x += text_width(title, 16) + 28
    group = sub(parent, "g", class_="legend")
    for state in ("completed", "active", "waiting", "idle"):
        style = STYLES[state]
        item = Bounds(x, y + 1, 30, 18)
        _rect(group, item, style, min(style.width, 2.0), 5)
        if state == "completed":
            badge(group, state, Bounds(item.x, item.y + 4, item.w - 6, item.h))
        sub(group, "text", STATE_LABELS[state], x=x + 38, y=y + 15, font_size=13, fill=TEXT_COLOUR)
        x += 38 + text_width(STATE_LABELS[state], 13) + 22
    return x
