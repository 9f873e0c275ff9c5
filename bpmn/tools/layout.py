"""Left-to-right diagram layout for the generated BPMN models.

Nodes are placed on a grid: ``col`` gives the column (left to right), ``lane`` the horizontal band and
``row`` the slot inside that band.  Sequence flows become orthogonal polylines:

* same height: one straight segment;
* out of a gateway: leave through its top/bottom corner, then run horizontally into the target;
* into a gateway: run horizontally, then enter through its bottom/top corner;
* between two tasks in different lanes: a Z through the middle of the gap;
* out of a boundary event (on its task's bottom edge): down, then horizontally into the target;
* backwards (a loop): up into the lane's channel above the shapes, left, then down into the target.

A node's ``dx`` shifts it from its column's centre; a boundary event is placed on the bottom edge of the
task it is attached to, ``dx`` from that task's centre, and its label goes beside the flow leaving it
(left of it when ``dx < 0``, right when ``dx > 0``, left and lower when ``dx == 0``).

Everything here is plain geometry; nodes and flows only need ``id``/``kind``/``lane``/``col``/``row``/
``dx``/``attached_to`` and ``source``/``target``/``name`` attributes.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from bpmn.diagram_shapes import Bounds

Points = list[tuple[float, float]]

COLUMN_GAP = 50  # horizontal gap between neighbouring columns
ROW_HEIGHT = 110  # height of one row inside a lane
LANE_PAD = 25  # free band above and below the rows of a lane (the top one carries loop edges)
CHANNEL = 20  # distance of a loop edge below the top of its lane
POOL_HEADER = 30  # the pool's vertical name band
LANE_INSET = 40  # space between the lane's left edge and the first column
ORIGIN = (160, 80)
LABEL_HEIGHT = 14


@dataclass
class Diagram:
    """Computed geometry of one process: shapes, lane bands, edge waypoints and label boxes."""

    pool: Bounds
    lanes: dict[str, Bounds]
    shapes: dict[str, Bounds]
    edges: dict[str, list[tuple[float, float]]]
    labels: dict[str, Bounds]


class LayoutNode(Protocol):
    """What the layout reads of a flow node (``bpmn.tools.writer.Node`` has it)."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def lane(self) -> str: ...
    @property
    def col(self) -> int: ...
    @property
    def row(self) -> int: ...
    @property
    def dx(self) -> float: ...
    @property
    def attached_to(self) -> str: ...


class LayoutFlow(Protocol):
    """What the layout reads of a sequence flow (``bpmn.tools.writer.Flow`` has it)."""

    @property
    def id(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def name(self) -> str: ...


Bands = dict[str, tuple[float, float]]


def shape_size(kind: str) -> tuple[int, int]:
    """Width and height of a node of the given BPMN tag."""
    if kind.endswith("Gateway"):
        return 50, 50
    if kind.endswith("Event"):
        return 36, 36
    return 100, 80


def label_box(text: str, x: float, y: float, *, centred: bool = False) -> Bounds:
    """A label's bounds: about 14 px per Chinese character, 7 per other character."""
    width = sum(14 if ord(ch) > 0x2E7F else 7 for ch in text) + 4
    return Bounds(x - width / 2 if centred else x, y, width, LABEL_HEIGHT)


def column_centres(nodes: Sequence[LayoutNode], left: float) -> tuple[dict[int, float], float]:
    """x centre of every column (columns are as wide as their widest node) and the right edge."""
    widths: dict[int, int] = {}
    for node in nodes:
        widths[node.col] = max(widths.get(node.col, 0), shape_size(node.kind)[0])
    centres: dict[int, float] = {}
    x = left
    for col in range(max(widths) + 1):
        centres[col] = x + widths.get(col, 0) / 2
        x += widths.get(col, 0) + COLUMN_GAP
    return centres, x - COLUMN_GAP


def lane_bands(nodes: Sequence[LayoutNode], lanes: list[str], top: float) -> Bands:
    """(y, height) of every lane, stacked in the given order; a lane is as tall as its rows need."""
    bands: Bands = {}
    y = top
    for lane in lanes:
        rows = 1 + max((n.row for n in nodes if n.lane == lane), default=0)
        bands[lane] = (y, rows * ROW_HEIGHT + 2 * LANE_PAD)
        y += bands[lane][1]
    return bands


def place_nodes(nodes: Sequence[LayoutNode], centres: dict[int, float], bands: Bands) -> dict[str, Bounds]:
    """Bounds of every node, centred in its column (shifted by ``dx``) and in its row of its lane;
    boundary events centred on the bottom edge of their task."""
    shapes: dict[str, Bounds] = {}
    for node in nodes:
        w, h = shape_size(node.kind)
        cy = bands[node.lane][0] + LANE_PAD + (node.row + 0.5) * ROW_HEIGHT
        shapes[node.id] = Bounds(centres[node.col] + node.dx - w / 2, cy - h / 2, w, h)
    for node in nodes:
        if node.kind == "boundaryEvent":
            task, (w, h) = shapes[node.attached_to], shape_size(node.kind)
            shapes[node.id] = Bounds(task.cx + node.dx - w / 2, task.bottom - h / 2, w, h)
    return shapes


def route(src: Bounds, tgt: Bounds, src_kind: str, tgt_kind: str, channel_y: float) -> list[tuple[float, float]]:
    """Orthogonal waypoints from ``src`` to ``tgt`` (see the module docstring for the rules)."""
    if tgt.cx < src.cx:
        return [(src.cx, src.y), (src.cx, channel_y), (tgt.cx, channel_y), (tgt.cx, tgt.y)]
    if src.cy == tgt.cy:
        return [(src.right, src.cy), (tgt.x, tgt.cy)]
    up = tgt.cy < src.cy
    if src.cx == tgt.cx:
        return [(src.cx, src.y if up else src.bottom), (tgt.cx, tgt.bottom if up else tgt.y)]
    if src_kind.endswith("Gateway"):
        return [(src.cx, src.y if up else src.bottom), (src.cx, tgt.cy), (tgt.x, tgt.cy)]
    if tgt_kind.endswith("Gateway"):
        return [(src.right, src.cy), (tgt.cx, src.cy), (tgt.cx, tgt.bottom if up else tgt.y)]
    mid = (src.right + tgt.x) / 2
    return [(src.right, src.cy), (mid, src.cy), (mid, tgt.cy), (tgt.x, tgt.cy)]


def route_from_boundary(src: Bounds, tgt: Bounds) -> list[tuple[float, float]]:
    """Down from a boundary event's bottom, then horizontally into the target (straight down if below)."""
    if src.cx == tgt.cx:
        return [(src.cx, src.bottom), (tgt.cx, tgt.y)]
    return [(src.cx, src.bottom), (src.cx, tgt.cy), (tgt.x if tgt.cx > src.cx else tgt.right, tgt.cy)]


def flow_label(text: str, points: list[tuple[float, float]]) -> Bounds:
    """Label of a sequence flow.

    A flow that starts vertically gets its label beside that segment, at its far end (the bend, or the
    target); any other flow gets it above its last segment, just before the target.
    """
    (x0, y0), (x1, y1) = points[0], points[1]
    if x0 == x1:
        return label_box(text, x1 + 6, y1 + 4 if y1 < y0 else y1 - LABEL_HEIGHT - 4)
    xe, ye = points[-1]
    width = label_box(text, 0, 0).w
    return label_box(text, xe - width - 4, ye - LABEL_HEIGHT - 4)


def node_label(node: LayoutNode, box: Bounds, edges_at: set[str]) -> Bounds:
    """Label of an event or gateway: below it, else above it, else to its right (whichever is free).

    A boundary event's top half is on its task, so its label goes beside the flow leaving its bottom.
    """
    if node.kind == "boundaryEvent":
        width = label_box(node.name, 0, 0).w
        x = box.cx + 4 if node.dx > 0 else box.cx - 4 - width
        return label_box(node.name, x, box.bottom + (2 if node.dx else 2 + LABEL_HEIGHT + 2))
    if "bottom" not in edges_at:
        return label_box(node.name, box.cx, box.bottom + 5, centred=True)
    if "top" not in edges_at:
        return label_box(node.name, box.cx, box.y - LABEL_HEIGHT - 5, centred=True)
    return label_box(node.name, box.right + 4, box.cy - LABEL_HEIGHT / 2)


def attached_sides(box: Bounds, edges: Iterable[Points]) -> set[str]:
    """Which of a shape's top and bottom corners have an edge attached."""
    sides: set[str] = set()
    for points in edges:
        for x, y in (points[0], points[-1]):
            if x == box.cx and y == box.y:
                sides.add("top")
            if x == box.cx and y == box.bottom:
                sides.add("bottom")
    return sides


def layout(nodes: Sequence[LayoutNode], flows: Sequence[LayoutFlow], lanes: list[str]) -> Diagram:
    """Compute the whole diagram of one process (one pool, stacked lanes)."""
    left, top = ORIGIN[0] + POOL_HEADER + LANE_INSET, ORIGIN[1]
    centres, right = column_centres(nodes, left)
    bands = lane_bands(nodes, lanes, top)
    shapes = place_nodes(nodes, centres, bands)
    width = right + LANE_INSET - ORIGIN[0] - POOL_HEADER
    lane_boxes = {lane: Bounds(ORIGIN[0] + POOL_HEADER, y, width, h) for lane, (y, h) in bands.items()}
    bottom = max(box.bottom for box in lane_boxes.values())
    pool = Bounds(ORIGIN[0], top, width + POOL_HEADER, bottom - top)
    edges, labels = route_flows(nodes, flows, shapes, bands)
    for node in nodes:
        if node.name and not node.kind.endswith("Task") and node.kind != "callActivity":
            sides = attached_sides(shapes[node.id], edges.values())
            labels[node.id] = node_label(node, shapes[node.id], sides)
    return Diagram(pool, lane_boxes, shapes, edges, labels)


def route_flows(nodes: Sequence[LayoutNode], flows: Sequence[LayoutFlow], shapes: dict[str, Bounds],
                bands: Bands) -> tuple[dict[str, Points], dict[str, Bounds]]:
    """Waypoints of every flow, and the label boxes of the named ones."""
    by_id = {node.id: node for node in nodes}
    edges: dict[str, Points] = {}
    labels: dict[str, Bounds] = {}
    for flow in flows:
        src, tgt = by_id[flow.source], by_id[flow.target]
        channel_y = bands[src.lane][0] + CHANNEL
        if src.kind == "boundaryEvent":
            edges[flow.id] = route_from_boundary(shapes[src.id], shapes[tgt.id])
        else:
            edges[flow.id] = route(shapes[src.id], shapes[tgt.id], src.kind, tgt.kind, channel_y)
        if flow.name:
            labels[flow.id] = flow_label(flow.name, edges[flow.id])
    return edges, labels
