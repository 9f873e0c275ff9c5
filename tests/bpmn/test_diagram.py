"""The SVG diagram drawn from BPMN DI: structure, states, escaping, extent, determinism, real models."""

import re
import xml.etree.ElementTree as ET

import pytest

from bpmn.diagram import element_names, flow_node_ids, render_svg
from tests.support.models import every_model

SVG = "{http://www.w3.org/2000/svg}"

# A drawing fixture, not an executable model: an exclusive split joined by a parallel gateway would
# deadlock in an engine, but it puts every kind of shape the renderer must know into one small file.
FIXTURE = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
    xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="defs" targetNamespace="http://example.org/bpmn">
  <bpmn:collaboration id="collab">
    <bpmn:participant id="pool" name="测试阶段" processRef="proc"/>
  </bpmn:collaboration>
  <bpmn:process id="proc" name="测试阶段" isExecutable="true">
    <bpmn:laneSet id="lanes">
      <bpmn:lane id="lane_owner" name="建设单位">
        <bpmn:flowNodeRef>start</bpmn:flowNodeRef><bpmn:flowNodeRef>apply</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>gw_accept</bpmn:flowNodeRef><bpmn:flowNodeRef>review</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>gw_join</bpmn:flowNodeRef><bpmn:flowNodeRef>end</bpmn:flowNodeRef>
      </bpmn:lane>
      <bpmn:lane id="lane_window" name="综合窗口"><bpmn:flowNodeRef>record</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="start" name="开始"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="apply" name="提交阶段申请">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:exclusiveGateway id="gw_accept" name="是否受理?" default="f4">
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing><bpmn:outgoing>f4</bpmn:outgoing>
    </bpmn:exclusiveGateway>
    <bpmn:userTask id="review" name="审查 &lt;&amp;&gt; 设计方案">
      <bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:scriptTask id="record" name="记录退回原因">
      <bpmn:incoming>f4</bpmn:incoming><bpmn:outgoing>f6</bpmn:outgoing>
      <bpmn:script>stage_outcome = "returned"</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:parallelGateway id="gw_join">
      <bpmn:incoming>f5</bpmn:incoming><bpmn:incoming>f6</bpmn:incoming><bpmn:outgoing>f7</bpmn:outgoing>
    </bpmn:parallelGateway>
    <bpmn:endEvent id="end" name="阶段办结"><bpmn:incoming>f7</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="apply"/>
    <bpmn:sequenceFlow id="f2" sourceRef="apply" targetRef="gw_accept"/>
    <bpmn:sequenceFlow id="f3" name="受理" sourceRef="gw_accept" targetRef="review">
      <bpmn:conditionExpression>decision == "accept"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f4" name="不予受理" sourceRef="gw_accept" targetRef="record"/>
    <bpmn:sequenceFlow id="f5" sourceRef="review" targetRef="gw_join"/>
    <bpmn:sequenceFlow id="f6" sourceRef="record" targetRef="gw_join"/>
    <bpmn:sequenceFlow id="f7" sourceRef="gw_join" targetRef="end"/>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="collab">
      <bpmndi:BPMNShape id="pool_di" bpmnElement="pool" isHorizontal="true">
        <dc:Bounds x="100" y="60" width="760" height="300"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="lane_owner_di" bpmnElement="lane_owner" isHorizontal="true">
        <dc:Bounds x="130" y="60" width="730" height="150"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="lane_window_di" bpmnElement="lane_window" isHorizontal="true">
        <dc:Bounds x="130" y="210" width="730" height="150"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="180" y="117" width="36" height="36"/>
        <bpmndi:BPMNLabel>
          <dc:Bounds x="186" y="160" width="24" height="14"/></bpmndi:BPMNLabel></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="apply_di" bpmnElement="apply"><dc:Bounds x="260" y="95" width="100" height="80"/>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="gw_accept_di" bpmnElement="gw_accept" isMarkerVisible="true">
        <dc:Bounds x="410" y="110" width="50" height="50"/>
        <bpmndi:BPMNLabel>
          <dc:Bounds x="408" y="80" width="54" height="14"/></bpmndi:BPMNLabel></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="review_di" bpmnElement="review">
        <dc:Bounds x="510" y="95" width="100" height="80"/>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="record_di" bpmnElement="record">
        <dc:Bounds x="510" y="245" width="100" height="80"/>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="gw_join_di" bpmnElement="gw_join">
        <dc:Bounds x="660" y="110" width="50" height="50"/>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="760" y="117" width="36" height="36"/>
        <bpmndi:BPMNLabel>
          <dc:Bounds x="754" y="160" width="48" height="14"/></bpmndi:BPMNLabel></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1">
        <di:waypoint x="216" y="135"/><di:waypoint x="260" y="135"/>
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2">
        <di:waypoint x="360" y="135"/><di:waypoint x="410" y="135"/>
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3">
        <di:waypoint x="460" y="135"/><di:waypoint x="510" y="135"/>
        <bpmndi:BPMNLabel>
          <dc:Bounds x="468" y="114" width="24" height="14"/></bpmndi:BPMNLabel></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f4_di" bpmnElement="f4">
        <di:waypoint x="435" y="160"/><di:waypoint x="435" y="285"/>
        <di:waypoint x="510" y="285"/></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f5_di" bpmnElement="f5">
        <di:waypoint x="610" y="135"/><di:waypoint x="660" y="135"/>
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f6_di" bpmnElement="f6">
        <di:waypoint x="610" y="285"/><di:waypoint x="685" y="285"/>
        <di:waypoint x="685" y="160"/></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f7_di" bpmnElement="f7">
        <di:waypoint x="710" y="135"/><di:waypoint x="760" y="135"/>
      </bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
"""
NODES = ["start", "apply", "gw_accept", "review", "record", "gw_join", "end"]
STATES = {"start": "completed", "apply": "completed", "gw_accept": "completed", "review": "active",
          "record": "waiting"}


def _svg(bpmn_xml: str = FIXTURE, states: dict[str, str] | None = None) -> ET.Element:
    return ET.fromstring(render_svg(bpmn_xml, states, title="测试阶段进度"))


def _groups(svg: ET.Element, css_class: str) -> dict[str, ET.Element]:
    """Groups carrying `css_class`, by their data-element-id."""
    groups = svg.iter(f"{SVG}g")
    return {g.get("data-element-id"): g for g in groups if css_class in g.get("class", "").split()}


def test_svg_is_accessible_xml_with_title_and_summary():
    svg = _svg(states=STATES)
    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "t d"
    assert svg.find(f"{SVG}title").text == "测试阶段进度"
    assert "进行中：审查 <&> 设计方案" in svg.find(f"{SVG}desc").text
    assert "WenQuanYi Zen Hei" in svg.get("font-family")


def test_one_group_per_flow_node_with_its_id_and_a_tooltip():
    groups = _groups(_svg(), "bpmn-node")
    assert list(groups) == flow_node_ids(FIXTURE) == NODES
    assert groups["apply"].find(f"{SVG}title").text == "提交阶段申请（用户任务）：未开始"
    assert "bpmn-exclusiveGateway" in groups["gw_accept"].get("class")
    assert list(_groups(_svg(), "bpmn-participant")) == ["pool"]
    assert list(_groups(_svg(), "bpmn-lane")) == ["lane_owner", "lane_window"]


def test_unnamed_elements_are_spoken_by_kind():
    svg = _svg(states=STATES)
    assert _groups(svg, "bpmn-node")["gw_join"].find(f"{SVG}title").text == "并行网关：未开始"
    assert _groups(svg, "bpmn-flow")["f5"].find(f"{SVG}title").text == "顺序流：审查 <&> 设计方案 → 并行网关"
    summary = svg.find(f"{SVG}desc").text
    assert summary == "测试阶段进度：共 3 个办理环节，已完成 1 个；进行中：审查 <&> 设计方案；等待中：记录退回原因。"


def test_states_become_classes_badges_and_dashes():
    groups = _groups(_svg(states=STATES), "bpmn-node")
    expected = {**dict.fromkeys(NODES, "idle"), **STATES}
    assert {key: g.get("data-state") for key, g in groups.items()} == expected
    completed = {key for key, g in groups.items() if "state-completed" in g.get("class")}
    assert completed == {"start", "apply", "gw_accept"}
    assert "state-active" in groups["review"].get("class")
    assert "进行中" in "".join(groups["review"].itertext())
    assert groups["record"].find(f"{SVG}rect").get("stroke-dasharray")
    assert groups["apply"].find(f"{SVG}title").text.endswith("已完成")


def test_flows_between_reached_elements_are_marked_taken():
    flows = _groups(_svg(states=STATES), "bpmn-flow")
    taken = {key for key, g in flows.items() if "flow-taken" in g.get("class")}
    assert taken == {"f1", "f2", "f3", "f4"}
    assert {key for key, g in _groups(_svg(), "bpmn-flow").items() if "flow-taken" in g.get("class")} == set()


def test_unknown_state_is_an_error():
    with pytest.raises(ValueError, match="finished"):
        render_svg(FIXTURE, {"apply": "finished"})


def test_legend_names_all_four_states():
    legend = next(g for g in _svg().iter(f"{SVG}g") if g.get("class") == "legend")
    assert [t.text for t in legend.iter(f"{SVG}text")] == ["已完成", "进行中", "等待中", "未开始"]


def test_text_is_escaped():
    text = render_svg(FIXTURE)
    assert "审查 &lt;&amp;&gt; 设计方案" in text
    assert "<&>" not in text
    assert "审查 <&> 设计方案" in "".join(_groups(_svg(), "bpmn-node")["review"].itertext())


def test_flow_labels_are_drawn():
    flows = _groups(_svg(), "bpmn-flow")
    assert "受理" in "".join(flows["f3"].find(f"{SVG}text").itertext())
    assert "不予受理" in "".join(flows["f4"].find(f"{SVG}text").itertext())


def test_view_box_covers_every_bound_and_waypoint():
    x, y, width, height = (float(v) for v in _svg().get("viewBox").split())
    coordinates = re.findall(r'x="([\d.]+)" y="([\d.]+)"(?: width="([\d.]+)" height="([\d.]+)")?', FIXTURE)
    for bx, by, bw, bh in coordinates:
        right, bottom = float(bx) + float(bw or 0), float(by) + float(bh or 0)
        assert x <= float(bx) and right <= x + width
        assert y <= float(by) and bottom <= y + height


def test_output_is_deterministic():
    assert render_svg(FIXTURE, STATES) == render_svg(FIXTURE, dict(reversed(STATES.items())))
    assert render_svg(FIXTURE.encode("utf-8")) == render_svg(FIXTURE)


def test_element_names():
    names = element_names(FIXTURE)
    assert names["review"] == "审查 <&> 设计方案"
    assert names["f4"] == "不予受理"
    assert names["lane_window"] == "综合窗口"
    assert "f1" not in names


TWO_POOLS = """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
    xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="defs2" targetNamespace="http://example.org/bpmn">
  <collaboration id="collab">
    <participant id="p_main" name="主流程" processRef="main"/>
    <participant id="p_check" name="告知承诺核查" processRef="check"/>
    <messageFlow id="m1" name="核查通知" sourceRef="a_end" targetRef="b_start"/>
  </collaboration>
  <process id="main"><startEvent id="a_start"/><endEvent id="a_end"><messageEventDefinition/></endEvent>
    <sequenceFlow id="a_flow" sourceRef="a_start" targetRef="a_end"/>
      <dataStoreReference id="store" name="档案库"/>
  </process>
  <process id="check"><startEvent id="b_start"><messageEventDefinition/></startEvent>
    <boundaryEvent id="b_timer" attachedToRef="b_task" cancelActivity="false">
      <timerEventDefinition/></boundaryEvent>
    <callActivity id="b_task" name="核查" calledElement="x"/></process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="pl" bpmnElement="collab">
    <bpmndi:BPMNShape id="s1" bpmnElement="p_main">
      <dc:Bounds x="0" y="0" width="400" height="120"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="s2" bpmnElement="a_start">
      <dc:Bounds x="60" y="42" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="s3" bpmnElement="a_end">
      <dc:Bounds x="300" y="42" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="s4" bpmnElement="store">
      <dc:Bounds x="160" y="35" width="50" height="50"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="s5" bpmnElement="p_check">
      <dc:Bounds x="0" y="180" width="400" height="140"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="s6" bpmnElement="b_start"><dc:Bounds x="300" y="232" width="36" height="36"/>
      </bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="s7" bpmnElement="b_task"><dc:Bounds x="120" y="210" width="100" height="80"/>
      </bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="s8" bpmnElement="b_timer"><dc:Bounds x="182" y="272" width="36" height="36"/>
      </bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="s9" bpmnElement="no_such_element"><dc:Bounds x="420" y="0" width="40" height="30"/>
      </bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="e1" bpmnElement="a_flow"><di:waypoint x="96" y="60"/><di:waypoint x="300" y="60"/>
      </bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="e2" bpmnElement="m1"><di:waypoint x="318" y="78"/><di:waypoint x="318" y="232"/>
      </bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</definitions>
"""


def test_several_processes_in_one_collaboration_and_unknown_shapes():
    svg = _svg(TWO_POOLS, {"a_start": "completed", "b_task": "active"})
    assert set(_groups(svg, "bpmn-participant")) == {"p_main", "p_check"}
    assert list(_groups(svg, "bpmn-node")) == ["a_start", "a_end", "b_start", "b_task", "b_timer"]
    others = _groups(svg, "bpmn-other")
    assert set(others) == {"store", "no_such_element"}
    assert others["store"].find(f"{SVG}rect") is not None
    assert "核查通知" in "".join(_groups(svg, "bpmn-flow")["m1"].itertext())
    assert flow_node_ids(TWO_POOLS) == ["a_start", "a_end", "b_start", "b_timer", "b_task"]


def test_every_process_model_renders_with_every_flow_node():
    models = every_model()
    assert len(models) >= 17, "every category's generated models and the shipped ones"
    for name, xml in models.items():
        data = xml.encode()
        ids = flow_node_ids(data)
        svg = ET.fromstring(render_svg(data, {ids[0]: "completed", ids[1]: "active"}))
        assert set(_groups(svg, "bpmn-node")) == set(ids), name
