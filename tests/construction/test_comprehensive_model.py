"""The comprehensive_construction_permit model: generated, valid BPMN 2.0 with full DI, readable in bpmn.io,
and one review per menu licence in its department's lane."""

from __future__ import annotations

from lxml import etree
from SpiffWorkflow.spiff.parser import VALIDATOR, SpiffBpmnParser

from bpmn import PROCESSES_DIR
from bpmn.tools.comprehensive_permit import PROCESS, write

NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL", "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
      "di": "http://www.omg.org/spec/DD/20100524/DI"}
PATH = PROCESSES_DIR / f"{PROCESS[0]}.bpmn"
NODES = ("startEvent", "endEvent", "userTask", "scriptTask", "exclusiveGateway", "inclusiveGateway", "boundaryEvent")


def test_the_file_is_the_generators_output(tmp_path):
    assert write(tmp_path).read_bytes() == PATH.read_bytes()


def test_the_file_validates_and_parses():
    parser = SpiffBpmnParser(validator=VALIDATOR)
    parser.add_bpmn_file(str(PATH))
    assert parser.get_spec(PROCESS[0]).name == PROCESS[0]


def test_every_node_and_flow_has_di_and_sits_in_one_lane():
    root = etree.parse(str(PATH)).getroot()
    nodes = [n for kind in NODES for n in root.xpath(f"//bpmn:process/bpmn:{kind}", namespaces=NS)]
    lanes = root.xpath("//bpmn:lane/bpmn:flowNodeRef/text()", namespaces=NS)
    assert sorted(lanes) == sorted(n.get("id") for n in nodes)
    for node in nodes:
        assert root.xpath(f"//bpmndi:BPMNShape[@bpmnElement='{node.get('id')}']", namespaces=NS)
        for child, ref in (("incoming", "targetRef"), ("outgoing", "sourceRef")):
            flows = root.xpath(f"//bpmn:sequenceFlow[@{ref}='{node.get('id')}']/@id", namespaces=NS)
            assert node.xpath(f"bpmn:{child}/text()", namespaces=NS) == flows
    for flow in root.xpath("//bpmn:sequenceFlow/@id", namespaces=NS):
        edge = root.xpath(f"//bpmndi:BPMNEdge[@bpmnElement='{flow}']/di:waypoint", namespaces=NS)
        assert len(edge) >= 2
    for gateway in root.xpath("//bpmn:exclusiveGateway", namespaces=NS):
        assert gateway.get("default") in gateway.xpath("bpmn:outgoing/text()", namespaces=NS)
