"""Server-side SVG of a BPMN model, drawn from its diagram interchange (DI), with run state marked.

Owners follow their project on a page that must work without JavaScript (DESIGN §8), so the diagram is
drawn here rather than by bpmn-js in the browser. Pure on purpose: lxml and the standard library only,
no SpiffWorkflow, so the web layer can call it with element states it got from the engine. Drawing
primitives live in `diagram_shapes`.
"""

import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from bpmn import diagram_shapes as draw
from bpmn.diagram_shapes import Bounds, Shape

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
SVG = "http://www.w3.org/2000/svg"

# Element kinds we draw specially, with the Chinese word used in tooltips and the summary.
ACTIVITIES = {"task": "任务", "userTask": "用户任务", "scriptTask": "脚本任务", "serviceTask": "服务任务",
              "sendTask": "发送任务", "receiveTask": "接收任务", "manualTask": "人工任务",
              "businessRuleTask": "业务规则任务", "callActivity": "调用活动", "subProcess": "子流程",
              "adHocSubProcess": "自由子流程", "transaction": "事务"}
EVENTS = {"startEvent": "开始事件", "endEvent": "结束事件", "intermediateCatchEvent": "中间捕获事件",
          "intermediateThrowEvent": "中间抛出事件", "boundaryEvent": "边界事件"}
GATEWAYS = {"exclusiveGateway": "排他网关", "parallelGateway": "并行网关", "inclusiveGateway": "包容网关",
            "eventBasedGateway": "事件网关", "complexGateway": "复杂网关"}
FLOW_NODES = {**ACTIVITIES, **EVENTS, **GATEWAYS}
CONTAINERS = {"participant": "泳池", "lane": "泳道"}
KIND_LABELS = {**FLOW_NODES, **CONTAINERS, "sequenceFlow": "顺序流", "messageFlow": "消息流",
               "association": "关联"}
STATES = frozenset(draw.STATE_LABELS)
REACHED = frozenset({"completed", "active", "waiting"})  # "waiting": reached, blocked on a join, timer, owner
MARGIN = 24.0
LEGEND_HEIGHT = 44.0


@dataclass(frozen=True)
class Edge:
    """What the drawing needs to know about one `BPMNEdge` and its semantic flow."""

    id: str
    kind: str
    name: str
    points: tuple[draw.Point, ...]
    label: Bounds | None
    source: str
    target: str
    is_default: bool


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _parse(bpmn_xml: bytes | str) -> etree._Element:
    """Parse without entity expansion or network access: model files may come from outside."""
    if isinstance(bpmn_xml, str):
        bpmn_xml = re.sub(r"^\s*<\?xml[^>]*\?>", "", bpmn_xml).encode("utf-8")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True)
    return etree.fromstring(bpmn_xml, parser)


def _semantic(root: etree._Element) -> dict[str, etree._Element]:
    """Every BPMN model element by id, in document order."""
    return {key: el for el in root.iter(f"{{{MODEL}}}*") if (key := el.get("id"))}


def _name(element: etree._Element | None) -> str:
    if element is None:
        return ""
    if _local(element) == "textAnnotation":
        return element.findtext(f"{{{MODEL}}}text", "").strip()
    return (element.get("name") or "").strip()


def _spoken(element: etree._Element) -> str:
    """What a person reads for an element: its name, else its kind in Chinese ("并行网关"), else its id."""
    return _name(element) or KIND_LABELS.get(_local(element), element.get("id", ""))


def element_names(bpmn_xml: bytes | str) -> dict[str, str]:
    """Id → name of every named element (processes, pools, lanes, nodes, flows) for the text view."""
    return dict(_outline(bpmn_xml)[0])


def flow_node_ids(bpmn_xml: bytes | str) -> list[str]:
    """Ids of all tasks, events and gateways of all processes, in document order."""
    return list(_outline(bpmn_xml)[1])


@functools.lru_cache(maxsize=64)
def _outline(bpmn_xml: bytes | str) -> tuple[dict[str, str], tuple[str, ...]]:
    """Names and flow nodes of a model, parsed once per model text (a progress page asks ten times)."""
    semantic = _semantic(_parse(bpmn_xml))
    return ({key: _name(el) for key, el in semantic.items() if _name(el)},
            tuple(key for key, el in semantic.items() if _local(el) in FLOW_NODES))


def _bounds(parent: etree._Element | None) -> Bounds | None:
    found = None if parent is None else parent.find(f"{{{DC}}}Bounds")
    if found is None:
        return None
    try:
        return Bounds(*(float(found.get(key, "")) for key in ("x", "y", "width", "height")))
    except ValueError:
        return None


def _label(di_element: etree._Element) -> Bounds | None:
    return _bounds(di_element.find(f"{{{BPMNDI}}}BPMNLabel"))


def _marker(element: etree._Element, di_element: etree._Element) -> str:
    """Event definition kind for events; "x" for exclusive gateways unless DI hides the marker."""
    if _local(element) == "exclusiveGateway":
        return "" if di_element.get("isMarkerVisible") == "false" else "x"
    for child in element:
        if _local(child).endswith("EventDefinition"):
            return _local(child).removesuffix("EventDefinition")
    return ""


def _shape(di_element: etree._Element, element: etree._Element | None, bounds: Bounds) -> Shape:
    """Join a BPMNShape with its semantic element; a dangling reference becomes an "unknown" box."""
    key = di_element.get("bpmnElement", "")
    if element is None:
        return Shape(key, "unknown", key, bounds, key, _label(di_element))
    dashed = element.get("cancelActivity") == "false" or element.get("isInterrupting") == "false"
    return Shape(key, _local(element), _name(element), bounds, _spoken(element), _label(di_element),
                 _marker(element, di_element), dashed)


def _edge(di_element: etree._Element, element: etree._Element | None, semantic: dict[str, etree._Element]) -> Edge:
    """Join a BPMNEdge with its flow; unparsable waypoints leave it pointless, and it is skipped."""
    key = di_element.get("bpmnElement", "")
    waypoints = di_element.iter(f"{{{DI}}}waypoint")
    try:
        points = tuple((float(p.get("x", "")), float(p.get("y", ""))) for p in waypoints)
    except ValueError:
        points = ()
    if element is None:
        return Edge(key, "unknown", "", points, _label(di_element), "", "", False)
    source = element.get("sourceRef", "")
    is_default = source in semantic and semantic[source].get("default") == key
    return Edge(key, _local(element), _name(element), points, _label(di_element), source,
                element.get("targetRef", ""), is_default)


def _read_diagram(root: etree._Element, semantic: dict[str, etree._Element]) -> tuple[list[Shape], list[Edge]]:
    """Shapes and edges of the first BPMNDiagram (later ones are drill-down planes of sub-processes)."""
    plane = root.find(f"{{{BPMNDI}}}BPMNDiagram/{{{BPMNDI}}}BPMNPlane")
    shapes: list[Shape] = []
    edges: list[Edge] = []
    for di_element in [] if plane is None else plane:
        element = semantic.get(di_element.get("bpmnElement", ""))
        bounds = _bounds(di_element)
        if _local(di_element) == "BPMNShape" and bounds is not None:
            shapes.append(_shape(di_element, element, bounds))
        elif _local(di_element) == "BPMNEdge":
            edge = _edge(di_element, element, semantic)
            if len(edge.points) >= 2:
                edges.append(edge)
    return shapes, edges


def _state(states: Mapping[str, str], key: str) -> str:
    """The element's state; an unknown value is the caller's bug, so it raises instead of showing idle."""
    state = states.get(key, "idle")
    if state not in STATES:
        raise ValueError(f"unknown state {state!r} for element {key!r}; expected one of {sorted(STATES)}")
    return state


def _extent(shapes: list[Shape], edges: list[Edge]) -> Bounds:
    """Smallest rectangle holding every shape, label and waypoint."""
    labels = [s.label for s in shapes] + [e.label for e in edges]
    boxes = [s.bounds for s in shapes] + [b for b in labels if b]
    xs = [b.x for b in boxes] + [b.x + b.w for b in boxes] + [x for e in edges for x, _ in e.points]
    ys = [b.y for b in boxes] + [b.y + b.h for b in boxes] + [y for e in edges for _, y in e.points]
    if not xs:
        return Bounds(0, 0, 0, 0)
    return Bounds(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def _default_title(root: etree._Element) -> str:
    """Pool names (what a modeller sees as the diagram's heading), else process names."""
    names = [_name(el) for el in root.iter(f"{{{MODEL}}}participant")] or [
        _name(el) for el in root.iter(f"{{{MODEL}}}process")]
    return "、".join(name for name in names if name) or "BPMN 流程图"


def _summary(title: str, shapes: list[Shape], states: Mapping[str, str]) -> str:
    """One sentence for screen readers: how many steps are done and which are under way or waiting."""
    def spoken(state: str) -> str:
        return "、".join(s.spoken for s in shapes if s.kind in FLOW_NODES and _state(states, s.id) == state)
    steps = [s for s in shapes if s.kind in ACTIVITIES]
    done = sum(_state(states, s.id) == "completed" for s in steps)
    return (f"{title}：共 {len(steps)} 个办理环节，已完成 {done} 个；进行中：{spoken('active') or '无'}；"
            f"等待中：{spoken('waiting') or '无'}。")


def _group(parent: ET.Element, key: str, classes: str, tooltip: str, state: str = "") -> ET.Element:
    group = draw.sub(parent, "g", class_=classes, data_element_id=key, data_state=state)
    draw.sub(group, "title", tooltip)
    return group


def _draw_container(layer: ET.Element, shape: Shape) -> None:
    """Pool or lane: no state of its own, only a tooltip with its name."""
    tooltip = f"{shape.name}（{KIND_LABELS[shape.kind]}）" if shape.name else shape.spoken
    group = _group(layer, shape.id, f"bpmn-{shape.kind}", tooltip)
    draw.container(group, shape, "#eef1f4" if shape.kind == "participant" else "#f7f8fa")


def _draw_node(layer: ET.Element, shape: Shape, state: str) -> None:
    """One group per flow node: shape, name, state badge, tooltip with name, type and state."""
    kind = f"（{KIND_LABELS[shape.kind]}）" if shape.name and shape.kind in KIND_LABELS else ""
    tooltip = f"{shape.spoken}{kind}：{draw.STATE_LABELS[state]}"
    role = "bpmn-node" if shape.kind in FLOW_NODES else "bpmn-other"
    group = _group(layer, shape.id, f"{role} bpmn-{shape.kind} state-{state}", tooltip, state)
    style = draw.STYLES[state]
    if shape.kind in ACTIVITIES:
        draw.task(group, shape, style)
    elif shape.kind in EVENTS | GATEWAYS:
        (draw.event if shape.kind in EVENTS else draw.gateway)(group, shape, style)
        _outside_label(group, shape)
    else:
        draw.plain(group, shape, style)
    draw.badge(group, state, shape.bounds)


def _outside_label(group: ET.Element, shape: Shape) -> None:
    """Event and gateway names at their BPMNLabel bounds, else centred under the shape.

    Labels are wrapped a little wider than their bounds: the modeller measured them with its own font.
    """
    if not shape.name:
        return
    b = shape.bounds
    box = shape.label or Bounds(b.cx - 50, b.y + b.h + 4, 100, 0)
    size, lines = draw.fit_text(shape.name, max(box.w * 1.15, 90), 80, (12,))
    draw.text_block(group, lines, box.cx, box.y + len(lines) * size * draw.LINE_HEIGHT / 2, size, class_="label")


def _flow_tooltip(edge: Edge, spoken: Mapping[str, str], taken: bool) -> str:
    """"顺序流「受理」：是否受理? → 设计方案审查（已走过）"."""
    name = f"「{edge.name}」" if edge.name else ""
    ends = f"{spoken.get(edge.source, edge.source)} → {spoken.get(edge.target, edge.target)}"
    return f"{KIND_LABELS.get(edge.kind, '连线')}{name}：{ends}{'（已走过）' if taken else ''}"


def _taken(edge: Edge, states: Mapping[str, str]) -> bool:
    """A sequence flow from a completed element to a reached one is part of the path taken."""
    return edge.kind == "sequenceFlow" and _state(states, edge.source) == "completed" and (
        _state(states, edge.target) in REACHED)


def _draw_edge(layer: ET.Element, edge: Edge, spoken: Mapping[str, str], taken: bool) -> None:
    """Polyline, arrowhead on the last segment, default slash, and the flow's name at its label."""
    colour, width = draw.FLOW_TAKEN if taken else draw.FLOW_IDLE
    classes = f"bpmn-flow bpmn-{edge.kind}" + (" flow-taken" if taken else "")
    group = _group(layer, edge.id, classes, _flow_tooltip(edge, spoken, taken))
    points = list(edge.points)
    dash = {"messageFlow": "7 4", "association": "2 3"}.get(edge.kind, "")
    draw.polyline(group, points, colour, width, dash)
    if edge.kind != "association":
        draw.arrowhead(group, points[-2], points[-1], colour, filled=edge.kind != "messageFlow")
    if edge.is_default:
        draw.default_slash(group, points[0], points[1], colour)
    if edge.name:
        _edge_label(group, edge)


def _edge_label(group: ET.Element, edge: Edge) -> None:
    """Name at the label bounds, else beside the middle of the longest segment; white halo for contrast."""
    size, lines = draw.fit_text(edge.name, max(edge.label.w * 1.15, 60) if edge.label else 90, 60, (11,))
    if edge.label:
        cx, cy = edge.label.cx, edge.label.cy
    else:
        a, b = max(zip(edge.points, edge.points[1:], strict=False),
                   key=lambda seg: abs(seg[1][0] - seg[0][0]) + abs(seg[1][1] - seg[0][1]))
        cx, cy = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
        if abs(b[0] - a[0]) >= abs(b[1] - a[1]):
            cy -= len(lines) * size * draw.LINE_HEIGHT / 2 + 3
        else:
            cx += draw.text_width(max(lines, key=len), size) / 2 + 6
    draw.text_block(group, lines, cx, cy, size, class_="label", stroke="#ffffff", stroke_width=3,
                    paint_order="stroke", stroke_linejoin="round")


def _paint_order(shape: Shape) -> int:
    """Pools and lanes, then nodes in DI order, then boundary events over the tasks they sit on."""
    return 0 if shape.kind in CONTAINERS else 2 if shape.kind == "boundaryEvent" else 1


def _svg_root(extent: Bounds, title: str) -> ET.Element:
    """Root element with title and legend above the diagram; the viewBox is the DI extent plus margins."""
    left, top = extent.x - MARGIN, extent.y - MARGIN - LEGEND_HEIGHT
    svg = ET.Element("svg", {"xmlns": SVG, "role": "img", "aria-labelledby": "t d", "class": "bpmn-diagram"})
    draw.sub(svg, "title", title, id="t")
    legend_end = draw.legend(draw.sub(svg, "g", class_="heading"), left + 8, top + 12, title)
    width = max(extent.w + 2 * MARGIN, legend_end - left + MARGIN)
    height = extent.h + 2 * MARGIN + LEGEND_HEIGHT
    svg.set("viewBox", " ".join(draw.fmt(v) for v in (left, top, width, height)))
    svg.set("width", draw.fmt(width))
    svg.set("height", draw.fmt(height))
    svg.set("font-family", draw.FONT_FAMILY)
    svg.set("style", "max-width:100%;height:auto")
    return svg


def render_svg(bpmn_xml: bytes | str, states: Mapping[str, str] | None = None, *, title: str = "") -> str:
    """The whole diagram as one standalone SVG string.

    `states` maps element ids to 'completed', 'active' or 'waiting'; an absent id is 'idle', any other
    value raises ValueError (a typo must not silently show a task as not started).

    Drawing is pure and costs tens of milliseconds, while many projects stand at the same point of
    the same model: the last ``RENDER_CACHE_SIZE`` drawings are kept (a progress view draws five).
    """
    return _render_cached(bpmn_xml, tuple(sorted((states or {}).items())), title)


RENDER_CACHE_SIZE = 512


@functools.lru_cache(maxsize=RENDER_CACHE_SIZE)
def _render_cached(bpmn_xml: bytes | str, state_items: tuple[tuple[str, str], ...], title: str) -> str:
    states = dict(state_items)
    semantic, shapes, edges, default_title = _geometry(bpmn_xml)
    title = title or default_title
    svg = _svg_root(_extent(shapes, edges), title)
    svg.insert(1, ET.Element("desc", id="d"))
    svg[1].text = _summary(title, shapes, states)
    _draw_body(draw.sub(svg, "g", class_="diagram"), shapes, edges, semantic, states)
    return ET.tostring(svg, encoding="unicode")


@functools.lru_cache(maxsize=64)
def _geometry(bpmn_xml: bytes | str) -> tuple[dict[str, etree._Element], list[Shape], list[Edge], str]:
    """The parsed model and its shapes in paint order, once per model text: a drawing for a new
    combination of states then costs the drawing only. Read-only once built (shared by threads)."""
    root = _parse(bpmn_xml)
    semantic = _semantic(root)
    shapes, edges = _read_diagram(root, semantic)
    shapes.sort(key=_paint_order)
    return semantic, shapes, edges, _default_title(root)


def _draw_body(body: ET.Element, shapes: list[Shape], edges: list[Edge], semantic: dict[str, etree._Element],
               states: Mapping[str, str]) -> None:
    """Shapes in paint order, then flows, so arrowheads sit on top of the borders they point at."""
    for shape in shapes:
        if shape.kind in CONTAINERS:
            _draw_container(body, shape)
        else:
            _draw_node(body, shape, _state(states, shape.id))
    spoken = {key: _spoken(element) for key, element in semantic.items()}
    for edge in sorted(edges, key=lambda e: _taken(e, states)):  # taken path on top of shared segments
        _draw_edge(body, edge, spoken, _taken(edge, states))
