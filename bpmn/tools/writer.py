"""The flow-node/sequence-flow model of one process and its BPMN 2.0 XML (semantics plus DI).

The XML follows docs/modelling.md: one ``bpmn:collaboration`` with one pool per file, lanes in a
``bpmn:laneSet``, ``incoming``/``outgoing`` children on every flow node, spiffworkflow properties on user
tasks, timer boundary events (``attachedToRef``, ``cancelActivity``, a ``timeDate`` expression), and a shape
or edge (with label bounds where there is a label) for every element.
"""

from dataclasses import dataclass, field

from lxml import etree

from bpmn.diagram_shapes import Bounds
from bpmn.tools.layout import Diagram, layout

NS = {
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
    "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
    "dc": "http://www.omg.org/spec/DD/20100524/DC",
    "di": "http://www.omg.org/spec/DD/20100524/DI",
    "spiffworkflow": "http://spiffworkflow.org/bpmn/schema/1.0/core",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


@dataclass
class Node:
    """A flow node: BPMN tag (``kind``), name, lane and grid position, plus the optional extras.

    ``dx`` shifts the node from its column's centre. A ``boundaryEvent`` sits on the bottom edge of the
    task it is ``attached_to`` (``dx`` from that task's centre) and waits for the ``timer`` expression
    (a ``timeDate``); ``interrupting=False`` lets the task go on when it fires.
    """

    id: str
    kind: str
    name: str
    lane: str
    col: int
    row: int = 0
    props: dict[str, str] = field(default_factory=dict)
    documentation: str = ""
    script: str = ""
    post_script: str = ""
    called: str = ""
    dx: float = 0
    attached_to: str = ""
    interrupting: bool = True
    timer: str = ""


@dataclass
class Flow:
    """A sequence flow; ``default`` marks the default flow of its (exclusive) source gateway."""

    source: str
    target: str
    condition: str = ""
    name: str = ""
    default: bool = False

    @property
    def id(self) -> str:
        return f"flow_{self.source}_{self.target}"


@dataclass
class Process:
    """One executable process: its lanes (name → element id, top to bottom), nodes and flows."""

    id: str
    name: str
    lanes: dict[str, str]
    nodes: list[Node]
    flows: list[Flow]


def el(parent: etree._Element, tag: str, text: str = "", /, **attrs: object) -> etree._Element:
    """Append ``prefix:name`` element with attributes (and text) to ``parent``."""
    prefix, name = tag.split(":")
    child = etree.SubElement(parent, f"{{{NS[prefix]}}}{name}", {k: str(v) for k, v in attrs.items()})
    if text:
        child.text = text
    return child


def add_extensions(parent: etree._Element, node: Node) -> None:
    """spiffworkflow:properties (formKey, item, resultVariable) and the postScript of a user task."""
    if not (node.props or node.post_script):
        return
    extensions = el(parent, "bpmn:extensionElements")
    if node.props:
        properties = el(extensions, "spiffworkflow:properties")
        for name, value in node.props.items():
            el(properties, "spiffworkflow:property", name=name, value=value)
    if node.post_script:
        el(extensions, "spiffworkflow:postScript", node.post_script)


def add_node(process: etree._Element, node: Node, flows: list[Flow]) -> None:
    """A flow node with its documentation, extensions, incoming/outgoing refs and script."""
    attrs = {"id": node.id, **({"name": node.name} if node.name else {})}
    default = [f.id for f in flows if f.source == node.id and f.default]
    attrs.update({"default": default[0]} if default else {})
    attrs.update({"calledElement": node.called} if node.called else {})
    if node.attached_to:
        attrs.update({"attachedToRef": node.attached_to, **({} if node.interrupting else {"cancelActivity": "false"})})
    element = el(process, f"bpmn:{node.kind}", **attrs)
    if node.documentation:
        el(element, "bpmn:documentation", node.documentation)
    add_extensions(element, node)
    for flow in flows:
        if flow.target == node.id:
            el(element, "bpmn:incoming", flow.id)
    for flow in flows:
        if flow.source == node.id:
            el(element, "bpmn:outgoing", flow.id)
    if node.script:
        element.set("scriptFormat", "python")
        el(element, "bpmn:script", node.script)
    if node.timer:
        definition = el(element, "bpmn:timerEventDefinition", id=f"{node.id}_timer")
        time_date = el(definition, "bpmn:timeDate", node.timer)
        time_date.set(f"{{{NS['xsi']}}}type", "bpmn:tFormalExpression")


def add_flow(process: etree._Element, flow: Flow) -> None:
    attrs = {"name": flow.name} if flow.name else {}
    element = el(process, "bpmn:sequenceFlow", id=flow.id, sourceRef=flow.source, targetRef=flow.target,
                 **attrs)
    if flow.condition:
        condition = el(element, "bpmn:conditionExpression", flow.condition)
        condition.set(f"{{{NS['xsi']}}}type", "bpmn:tFormalExpression")


def add_process(root: etree._Element, proc: Process) -> None:
    """The process element: its lane set, then the flow nodes, then the sequence flows."""
    process = el(root, "bpmn:process", id=proc.id, name=proc.name, isExecutable="true")
    lane_set = el(process, "bpmn:laneSet", id=f"lanes_{proc.id}")
    for lane, lane_id in proc.lanes.items():
        element = el(lane_set, "bpmn:lane", id=lane_id, name=lane)
        for node in proc.nodes:
            if node.lane == lane:
                el(element, "bpmn:flowNodeRef", node.id)
    for node in proc.nodes:
        add_node(process, node, proc.flows)
    for flow in proc.flows:
        add_flow(process, flow)


def add_bounds(shape: etree._Element, box: Bounds) -> None:
    el(shape, "dc:Bounds", x=round(box.x), y=round(box.y), width=round(box.w), height=round(box.h))


def add_shape(plane: etree._Element, element_id: str, box: Bounds, label: Bounds | None = None,
              **attrs: str) -> None:
    shape = el(plane, "bpmndi:BPMNShape", id=f"{element_id}_di", bpmnElement=element_id, **attrs)
    add_bounds(shape, box)
    if label is not None:
        add_bounds(el(shape, "bpmndi:BPMNLabel"), label)


def add_diagram(root: etree._Element, proc: Process, diagram: Diagram) -> None:
    """BPMN DI: the pool, its lanes, every node (with label bounds) and every flow's waypoints."""
    plane = el(el(root, "bpmndi:BPMNDiagram", id=f"diagram_{proc.id}"), "bpmndi:BPMNPlane",
               id=f"plane_{proc.id}", bpmnElement=f"collaboration_{proc.id}")
    add_shape(plane, f"pool_{proc.id}", diagram.pool, isHorizontal="true")
    for lane, box in diagram.lanes.items():
        add_shape(plane, proc.lanes[lane], box, isHorizontal="true")
    for node in proc.nodes:
        marker = {"isMarkerVisible": "true"} if node.kind == "exclusiveGateway" else {}
        add_shape(plane, node.id, diagram.shapes[node.id], diagram.labels.get(node.id), **marker)
    for flow in proc.flows:
        edge = el(plane, "bpmndi:BPMNEdge", id=f"{flow.id}_di", bpmnElement=flow.id)
        for x, y in diagram.edges[flow.id]:
            el(edge, "di:waypoint", x=round(x), y=round(y))
        if flow.id in diagram.labels:
            add_bounds(el(edge, "bpmndi:BPMNLabel"), diagram.labels[flow.id])


def to_xml(proc: Process) -> bytes:
    """The complete definitions document of one process."""
    root = etree.Element(f"{{{NS['bpmn']}}}definitions", nsmap=NS, id=f"definitions_{proc.id}",
                         targetNamespace="http://bpmn.io/schema/bpmn", exporter="bpmn.tools.generate_models",
                         exporterVersion="1")
    collaboration = el(root, "bpmn:collaboration", id=f"collaboration_{proc.id}")
    el(collaboration, "bpmn:participant", id=f"pool_{proc.id}", name=proc.name, processRef=proc.id)
    add_process(root, proc)
    add_diagram(root, proc, layout(proc.nodes, proc.flows, list(proc.lanes)))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
