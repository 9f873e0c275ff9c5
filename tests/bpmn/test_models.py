"""The approval models generated from the shipped catalogue against the contract in docs/modelling.md.

Every category's models get the static checks; the 社会投资一般项目 models, whose items docs/modelling.md lists,
also the item-by-item checks and the runs.

Static checks: XSD validation through SpiffWorkflow's parser, DI coverage, bpmn.io semantics, user-task
properties and lanes, deadline timers.  Dynamic checks: the models run in memory with raw SpiffWorkflow, with
the routing variables set the way the engine sets them (``decision`` on acceptance/resubmission, the review's
``resultVariable`` on reviews), and ``item_due`` answering fixed instants so time can be made to pass.
"""

from datetime import UTC, datetime, time, timedelta, timezone
from itertools import pairwise
from pathlib import Path

import pytest
from lxml import etree
from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.spiff.parser import VALIDATOR, SpiffBpmnParser
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.util.task import TaskState

from bpmn import clock
from bpmn.approval import START_DATA
from engine.catalogue import categories, seed_entries
from tests.support.models import generated_files

MAIN = "social_investment_project"
NS = {
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
    "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
    "dc": "http://www.omg.org/spec/DD/20100524/DC",
    "di": "http://www.omg.org/spec/DD/20100524/DI",
    "spiffworkflow": "http://spiffworkflow.org/bpmn/schema/1.0/core",
}
OWNER, WINDOW = "建设单位", "综合窗口"
NRP, HOUSING, CIVIL_DEFENCE = "自然资源和规划局", "住房和城乡建设局", "人民防空办公室"
LANES = {OWNER, WINDOW, "发展和改革局", NRP, HOUSING, CIVIL_DEFENCE, "生态环境局", "城市管理局",
         "人力资源和社会保障局", "水务局", "公安交通管理局", "园林绿化局", "行政审批局"}
FORM_KEYS = {*(f"stage_{n}_application" for n in (1, 2, 3, 4, 23)), "acceptance_decision", "review_decision",
             "issuance", "resubmission_decision"}

# docs/modelling.md "Items per stage": process id → (reviews {item: (name, lane)}, (issuance item, lane))
STAGES = {
    "stage_project_land_planning": ({
        "enterprise_project_filing": ("企业投资项目核准/备案", "发展和改革局"),
        "land_preexam_site_opinion": ("建设项目用地预审与选址意见书", NRP),
        "environmental_impact_assessment": ("环境影响评价审批", "生态环境局"),
        "flood_impact_assessment": ("洪水影响评价审批", "水务局"),
    }, ("land_use_planning_permit", NRP)),
    "stage_engineering_permit": ({
        "design_scheme_review": ("设计方案审查", NRP),
        "civil_defence_basement_approval": ("应建防空地下室的民用建筑项目报建审批", CIVIL_DEFENCE),
        "fire_design_review": ("特殊建设工程消防设计审查", HOUSING),
    }, ("works_planning_permit", NRP)),
    "stage_construction_permit": ({
        "drawing_review": ("施工图设计文件审查", HOUSING),
        "civil_defence_quality_supervision": ("人防工程质量监督", CIVIL_DEFENCE),
        "work_injury_insurance": ("建筑业工伤保险", "人力资源和社会保障局"),
        "construction_waste_disposal_approval": ("城市建筑垃圾处置核准", "城市管理局"),
    }, ("construction_permit", HOUSING)),
    "stage_completion_acceptance": ({
        "planning_compliance_verification": ("规划条件核实", NRP),
        "fire_acceptance": ("特殊建设工程消防验收", HOUSING),
        "civil_defence_completion_filing": ("人防工程竣工验收备案", CIVIL_DEFENCE),
        "archive_acceptance": ("城建档案验收", HOUSING),
    }, ("joint_acceptance_opinion", HOUSING)),
}
STAGE_IDS = list(STAGES)
PROCESS_IDS = [MAIN, *STAGE_IDS]
FLOW_NODES = ("startEvent", "endEvent", "userTask", "scriptTask", "exclusiveGateway", "parallelGateway",
              "callActivity", "boundaryEvent")
# 方案联审 and 联合审图: the joint reviews where a silent department is deemed to consent (超时默许)
JOINT_REVIEWS = {"stage_engineering_permit": "review_design_scheme_review",
                 "stage_construction_permit": "review_drawing_review"}


def generated(category: str) -> dict[str, bytes]:
    """Process id → XML of a category's models, generated from the shipped catalogue."""
    return {name.removesuffix(".bpmn"): xml.encode() for name, xml in generated_files(category).items()}


MODELS = {category: generated(category) for category in categories()}
SEED_DAYS = {e.code: e.committed_days for e in seed_entries() if e.category == MAIN}
SOCIAL = MODELS[MAIN]
ALL_MODELS = [(category, pid) for category, files in MODELS.items() for pid in files]


def bpmn_path(tmp_path: Path, category: str, process_id: str) -> Path:
    path = tmp_path / f"{process_id}.bpmn"
    path.write_bytes(MODELS[category][process_id])
    return path


def load(process_id: str, category: str = MAIN):
    return etree.fromstring(MODELS[category][process_id])


def xp(node, path: str):
    return node.xpath(path, namespaces=NS)


def flow_nodes(root):
    return [n for tag in FLOW_NODES for n in xp(root, f"//bpmn:process/bpmn:{tag}")]


def properties(task) -> dict[str, str]:
    props = xp(task, "bpmn:extensionElements/spiffworkflow:properties/spiffworkflow:property")
    return {p.get("name"): p.get("value") for p in props}


def lane_of(root, node_id: str) -> str:
    (lane,) = xp(root, f"//bpmn:lane[bpmn:flowNodeRef='{node_id}']")
    return lane.get("name")


def expected_lane(process_id: str, bpmn_id: str) -> str:
    """The documented lane of a user task (by process and element id)."""
    reviews, (_, lead) = STAGES[process_id]
    if bpmn_id in ("apply", "resubmit"):
        return OWNER
    if bpmn_id == "accept":
        return WINDOW
    if bpmn_id == "issue":
        return lead
    return reviews[bpmn_id.removeprefix("review_")][1]


# ---------------------------------------------------------------- static checks


def test_one_file_per_documented_process():
    assert sorted(SOCIAL) == sorted(PROCESS_IDS)


@pytest.mark.parametrize(("category", "process_id"), ALL_MODELS)
def test_file_validates_and_parses(tmp_path, category, process_id):
    parser = SpiffBpmnParser(validator=VALIDATOR)
    parser.add_bpmn_file(str(bpmn_path(tmp_path, category, process_id)))
    assert parser.get_spec(process_id).name == process_id


@pytest.mark.parametrize(("category", "process_id"), ALL_MODELS)
def test_every_element_has_di(category, process_id):
    root = load(process_id, category)
    elements = [*flow_nodes(root), *xp(root, "//bpmn:lane | //bpmn:participant")]
    shapes = {s.get("bpmnElement"): s for s in xp(root, "//bpmndi:BPMNShape")}
    for element in elements:
        assert xp(shapes[element.get("id")], "dc:Bounds"), element.get("id")
    edges = {e.get("bpmnElement"): e for e in xp(root, "//bpmndi:BPMNEdge")}
    for flow in xp(root, "//bpmn:sequenceFlow"):
        assert len(xp(edges[flow.get("id")], "di:waypoint")) >= 2, flow.get("id")


@pytest.mark.parametrize(("category", "process_id"), ALL_MODELS)
def test_edges_are_orthogonal_and_touch_their_shapes(category, process_id):
    root = load(process_id, category)
    bounds = {s.get("bpmnElement"): [float(v) for v in xp(s, "dc:Bounds")[0].xpath("@x|@y|@width|@height")]
              for s in xp(root, "//bpmndi:BPMNShape")}
    for flow in xp(root, "//bpmn:sequenceFlow"):
        (edge,) = xp(root, f"//bpmndi:BPMNEdge[@bpmnElement='{flow.get('id')}']")
        points = [(float(w.get("x")), float(w.get("y"))) for w in xp(edge, "di:waypoint")]
        assert all(a[0] == b[0] or a[1] == b[1] for a, b in pairwise(points))
        for (x, y), ref in ((points[0], "sourceRef"), (points[-1], "targetRef")):
            bx, by, bw, bh = bounds[flow.get(ref)]
            assert (x in (bx, bx + bw) and by <= y <= by + bh) or (y in (by, by + bh) and bx <= x <= bx + bw)


@pytest.mark.parametrize(("category", "process_id"), ALL_MODELS)
def test_shapes_do_not_overlap(category, process_id):
    """No two shapes overlap, except a boundary event with the task it sits on (on its bottom edge)."""
    root = load(process_id, category)
    node_ids = {n.get("id") for n in flow_nodes(root)}
    attached = {(b.get("id"), b.get("attachedToRef")) for b in xp(root, "//bpmn:boundaryEvent")}
    boxes = [(s.get("bpmnElement"), [float(v) for v in xp(s, "dc:Bounds")[0].xpath("@x|@y|@width|@height")])
             for s in xp(root, "//bpmndi:BPMNShape") if s.get("bpmnElement") in node_ids]
    for i, (a, (x, y, w, h)) in enumerate(boxes):
        for b, (x2, y2, w2, h2) in boxes[i + 1:]:
            if (a, b) in attached or (b, a) in attached:
                assert y < y2 + h2 / 2 == y + h or y2 < y + h / 2 == y2 + h2, f"{a}/{b} not on the bottom edge"
                continue
            assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y, f"{a} overlaps {b}"


@pytest.mark.parametrize(("category", "process_id"), ALL_MODELS)
def test_bpmn_io_semantics(category, process_id):
    """One pool with its lanes; each node in exactly one lane of its own process; ids unique;
    incoming/outgoing children match the sequence flows; labels on gateways and events."""
    root = load(process_id, category)
    (participant,) = xp(root, "//bpmn:collaboration/bpmn:participant")
    (process,) = xp(root, "//bpmn:process")
    assert participant.get("processRef") == process.get("id") == process_id
    assert process.get("isExecutable") == "true"
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    node_ids = sorted(n.get("id") for n in flow_nodes(root))
    assert sorted(xp(process, "bpmn:laneSet/bpmn:lane/bpmn:flowNodeRef/text()")) == node_ids
    for node in flow_nodes(root):
        node_id = node.get("id")
        for child, ref in (("incoming", "targetRef"), ("outgoing", "sourceRef")):
            flows = xp(root, f"//bpmn:sequenceFlow[@{ref}='{node_id}']/@id")
            assert xp(node, f"bpmn:{child}/text()") == flows
        if node.get("name") and ("Event" in node.tag or "Gateway" in node.tag):
            assert xp(root, f"//bpmndi:BPMNShape[@bpmnElement='{node_id}']/bpmndi:BPMNLabel/dc:Bounds")


@pytest.mark.parametrize(("category", "process_id"), ALL_MODELS)
def test_exclusive_gateways_have_a_default_and_conditions(category, process_id):
    root = load(process_id, category)
    for gateway in xp(root, "//bpmn:exclusiveGateway"):
        (shape,) = xp(root, f"//bpmndi:BPMNShape[@bpmnElement='{gateway.get('id')}']")
        assert shape.get("isMarkerVisible") == "true"
        outgoing = xp(gateway, "bpmn:outgoing/text()")
        assert gateway.get("default") in outgoing
        for flow_id in outgoing:
            (flow,) = xp(root, f"//bpmn:sequenceFlow[@id='{flow_id}']")
            assert bool(xp(flow, "bpmn:conditionExpression")) == (flow_id != gateway.get("default"))


@pytest.mark.parametrize(("category", "process_id"), ALL_MODELS)
def test_user_tasks_have_documented_form_keys_and_lanes(category, process_id):
    root = load(process_id, category)
    for task in xp(root, "//bpmn:userTask"):
        assert properties(task)["formKey"] in FORM_KEYS
        assert lane_of(root, task.get("id")) in LANES


@pytest.mark.parametrize("process_id", STAGE_IDS)
def test_stage_elements_match_the_contract(process_id):
    root = load(process_id)
    reviews, (issued_item, lead) = STAGES[process_id]
    number = STAGE_IDS.index(process_id) + 1
    tasks = {t.get("id"): t for t in xp(root, "//bpmn:userTask")}
    assert set(tasks) == {"apply", "accept", "issue", "resubmit", *(f"review_{item}" for item in reviews)}
    assert properties(tasks["apply"]) == {"formKey": f"stage_{number}_application"}
    assert properties(tasks["accept"]) == {"formKey": "acceptance_decision"}
    assert properties(tasks["resubmit"]) == {"formKey": "resubmission_decision"}
    assert properties(tasks["issue"]) == {"formKey": "issuance", "item": issued_item,
                                          "days": str(SEED_DAYS[issued_item])}
    for item, (name, lane) in reviews.items():
        task = tasks[f"review_{item}"]
        expected = {"formKey": "review_decision", "item": item, "resultVariable": f"review_{item}",
                    "days": str(SEED_DAYS[item])}
        assert properties(task) == expected
        assert name in task.findtext(f"{{{NS['bpmn']}}}documentation") and lane in task.findtext(
            f"{{{NS['bpmn']}}}documentation")
    for task_id in tasks:
        assert lane_of(root, task_id) == expected_lane(process_id, task_id)
    for script in xp(root, "//bpmn:scriptTask"):
        review = script.get("id").removeprefix("deemed_script_")
        assert lane_of(root, script.get("id")) == (lead if review == script.get("id") else lane_of(root, review))


def target_of(root, source: str) -> str:
    (flow,) = xp(root, f"//bpmn:sequenceFlow[@sourceRef='{source}']")
    return flow.get("targetRef")


@pytest.mark.parametrize("process_id", STAGE_IDS)
def test_every_review_has_deadline_timers_and_the_joint_review_deemed_consent(process_id):
    """时限预警 and 时限逾期 on every review (non-interrupting, each to its own end event in the review's lane);
    超时默许 only on the joint review: it interrupts, records approval, and merges before the join."""
    root = load(process_id)
    reviews, _ = STAGES[process_id]
    boundaries = {b.get("id"): b for b in xp(root, "//bpmn:boundaryEvent")}
    joint = JOINT_REVIEWS.get(process_id)
    expected = {f"{kind}_review_{item}" for item in reviews for kind in ("warn", "overdue")}
    assert set(boundaries) == expected | ({f"deemed_{joint}"} if joint else set())
    for item in reviews:
        review = f"review_{item}"
        for kind, name, which in (("warn", "时限预警", "warning"), ("overdue", "时限逾期", "overdue")):
            event = boundaries[f"{kind}_{review}"]
            assert (event.get("name"), event.get("attachedToRef"), event.get("cancelActivity")) == (
                name, review, "false")
            due = f'item_due("{item}", "{which}", {SEED_DAYS[item]})'
            assert xp(event, "bpmn:timerEventDefinition/bpmn:timeDate/text()") == [due]
            end = target_of(root, event.get("id"))
            assert xp(root, f"//bpmn:endEvent[@id='{end}']") and end == f"end_{kind}_{review}"
            assert lane_of(root, end) == lane_of(root, event.get("id")) == lane_of(root, review)
        after_review = target_of(root, review)
        if review != joint:
            assert after_review == "gw_join"
            continue
        deemed = boundaries[f"deemed_{review}"]
        assert (deemed.get("name"), deemed.get("attachedToRef"), deemed.get("cancelActivity")) == (
            "超时默许", review, None)  # interrupting is the default
        due = f'item_due("{item}", "overdue", {SEED_DAYS[item]})'
        assert xp(deemed, "bpmn:timerEventDefinition/bpmn:timeDate/text()") == [due]
        script = target_of(root, deemed.get("id"))
        assert script == f"deemed_script_{review}"
        assert f'{review} = "approve"' in xp(root, f"//bpmn:scriptTask[@id='{script}']/bpmn:script/text()")[0]
        merge = target_of(root, script)
        assert after_review == merge and xp(root, f"//bpmn:exclusiveGateway[@id='{merge}']")
        assert target_of(root, merge) == "gw_join" and lane_of(root, merge) == lane_of(root, review)


def test_main_process_calls_the_stages_in_order():
    calls = xp(load(MAIN), "//bpmn:callActivity")
    assert [c.get("calledElement") for c in calls] == STAGE_IDS


# ---------------------------------------------------------------- running the models


@pytest.fixture(scope="module")
def specs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("models")
    parser = SpiffBpmnParser(validator=VALIDATOR)
    parser.add_bpmn_files([str(bpmn_path(folder, MAIN, p)) for p in PROCESS_IDS])
    return parser.get_spec(MAIN), parser.get_subprocess_specs(MAIN)


SERIALIZER = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SPIFF_CONFIG))
STARTED = datetime(2026, 11, 2, 1, 30, tzinfo=UTC)  # Mon 09:30 +08:00
CHINA = timezone(timedelta(hours=8))


class Run:
    """One workflow instance driven like the engine drives it, checking lanes and form keys on the way.
    Everything happens at ``now`` (2026-11-02 09:30 +08:00 until time is made to pass)."""

    def __init__(self, specs, *, round_trip: bool = False):
        self.now = STARTED
        self.script_engine = PythonScriptEngine(environment=TaskDataEnvironment({"item_due": self.item_due}))
        self.workflow = BpmnWorkflow(*specs, script_engine=self.script_engine)
        self.workflow.task_tree.data.update(START_DATA)  # what start_approval sets
        with clock.at(self.now):
            self.workflow.do_engine_steps()
        self.round_trip = round_trip
        self.actions: list[tuple[str, str]] = []

    def ready(self):
        return self.workflow.get_tasks(state=TaskState.READY, manual=True)

    def ready_ids(self) -> set[str]:
        return {t.task_spec.bpmn_id for t in self.ready()}

    def act(self, bpmn_id: str, **data) -> None:
        """Complete the one READY user task with this element id, with the given routing data."""
        (task,) = [t for t in self.ready() if t.task_spec.bpmn_id == bpmn_id]
        process_id = task.workflow.spec.name
        assert task.task_spec.lane == expected_lane(process_id, bpmn_id)
        assert task.task_spec.extensions["properties"]["formKey"] in FORM_KEYS
        task.set_data(**data)
        with clock.at(self.now):
            task.run()
            self.workflow.do_engine_steps()
        self.actions.append((process_id, bpmn_id))
        self._round_trip()

    def pass_time(self, now: datetime) -> None:
        """Let the clock reach ``now`` and fire what is due, as the engine's timer sweeper does."""
        self.now = now
        with clock.at(now):
            self.workflow.refresh_timers()
            self.workflow.do_engine_steps()
        self._round_trip()

    def _round_trip(self) -> None:
        if self.round_trip:
            self.workflow = SERIALIZER.deserialize_json(SERIALIZER.serialize_json(self.workflow))
            self.workflow.script_engine = self.script_engine

    def item_due(self, item: str, which: str, days: int) -> str:
        """Stands in for the engine's ``item_due`` (its arithmetic is tested in tests/engine): a clock
        started on Mon 2026-11-02 warns from 00:00 on 11-18 and is overdue from 17:30 on 11-23."""
        day = self.now.astimezone(CHINA).date() + timedelta(days=16 if which == "warning" else 21)
        return datetime.combine(day, time(0) if which == "warning" else time(17, 30), CHINA).isoformat()

    def waiting_timers(self) -> set[str]:
        return {t.task_spec.bpmn_id for t in self.workflow.get_tasks(state=TaskState.WAITING)
                if t.task_spec.bpmn_id and t.task_spec.bpmn_id.startswith(("warn_", "overdue_", "deemed_"))}

    def completed(self, bpmn_id: str, process_id: str | None = None) -> int:
        return len([t for t in self.workflow.get_tasks(state=TaskState.COMPLETED) if t.task_spec.bpmn_id == bpmn_id
                    and process_id in (None, t.workflow.spec.name)])

    def review_all(self, result: str = "approve", *, first: str | None = None) -> None:
        """Complete every READY review (``first`` before the others), all with ``result``."""
        reviews = sorted(i for i in self.ready_ids() if i.startswith("review_") and i != first)
        for bpmn_id in [first, *reviews] if first else reviews:
            self.act(bpmn_id, **{bpmn_id: result})

    def pass_stage(self) -> None:
        self.act("apply")
        self.act("accept", decision="accept")
        self.review_all()
        self.act("issue")

    def main_end(self) -> str:
        """Which end event the main process reached."""
        ends = [t.task_spec.bpmn_id for t in self.workflow.get_tasks(state=TaskState.COMPLETED)
                if t.workflow is self.workflow and t.task_spec.bpmn_id in ("end_done", "end_withdrawn")]
        assert len(ends) == 1
        return ends[0]


def test_happy_path_through_all_four_stages(specs):
    run = Run(specs)
    run.act("apply")
    run.act("accept", decision="accept")
    reviews = {f"review_{item}" for item in STAGES["stage_project_land_planning"][0]}
    assert run.waiting_timers() == {f"{kind}_{review}" for review in reviews for kind in ("warn", "overdue")}
    run.review_all()
    assert run.waiting_timers() == set()  # a decided review cancels its deadline timers
    run.act("issue")
    for _ in list(STAGES)[1:]:
        run.pass_stage()
    assert run.workflow.is_completed() and run.main_end() == "end_done"
    assert len(run.actions) == 4 * 3 + sum(len(reviews) for reviews, _ in STAGES.values()) == 27
    assert [p for p, a in run.actions if a == "issue"] == STAGE_IDS
    assert run.workflow.data["stage_outcome"] == "issued"


def test_a_rejected_review_returns_the_stage_after_all_reviews_then_resubmission_completes(specs):
    run = Run(specs, round_trip=True)
    run.pass_stage()
    run.act("apply")
    run.act("accept", decision="accept")
    run.act("review_civil_defence_basement_approval", review_civil_defence_basement_approval="reject")
    assert run.ready_ids() == {"review_design_scheme_review", "review_fire_design_review"}
    run.act("review_design_scheme_review", review_design_scheme_review="approve")
    assert run.ready_ids() == {"review_fire_design_review"}
    run.act("review_fire_design_review", review_fire_design_review="approve")
    (task,) = run.ready()
    assert (task.task_spec.bpmn_id, task.task_spec.lane) == ("resubmit", OWNER)
    assert task.workflow.spec.name == "stage_engineering_permit"
    run.act("resubmit", decision="resubmit")
    assert run.ready_ids() == {"apply"}
    run.act("apply")
    run.act("accept", decision="accept")
    # the department that rejected approves first: the others' branches must not bring its old result back
    run.review_all(first="review_civil_defence_basement_approval")
    assert run.ready_ids() == {"issue"}
    run.act("issue")
    run.pass_stage()
    run.pass_stage()
    assert run.workflow.is_completed() and run.main_end() == "end_done"
    assert len(run.actions) == 27 + 1 + 2 + 3


@pytest.mark.parametrize("stage", [1, 2, 3, 4])
def test_acceptance_rejection_then_withdrawal_ends_the_project(specs, stage):
    run = Run(specs, round_trip=stage == 2)
    for _ in range(stage - 1):
        run.pass_stage()
    run.act("apply")
    run.act("accept", decision="reject")
    (task,) = run.ready()
    assert (task.task_spec.bpmn_id, task.task_spec.lane) == ("resubmit", OWNER)
    run.act("resubmit", decision="withdraw")
    assert run.workflow.is_completed() and run.main_end() == "end_withdrawn"
    assert run.workflow.data["stage_outcome"] == "withdrawn"
    assert not run.ready()


def test_acceptance_rejection_then_resubmission_reaches_the_reviews(specs):
    run = Run(specs)
    run.act("apply")
    run.act("accept", decision="reject")
    run.act("resubmit", decision="resubmit")
    run.act("apply")
    run.act("accept", decision="accept")
    assert run.ready_ids() == {f"review_{item}" for item in STAGES["stage_project_land_planning"][0]}


def test_withdrawal_after_a_rejected_review(specs):
    run = Run(specs)
    run.pass_stage()
    run.pass_stage()
    run.act("apply")
    run.act("accept", decision="accept")
    run.review_all("reject")
    run.act("resubmit", decision="withdraw")
    assert run.workflow.is_completed() and run.main_end() == "end_withdrawn"


def test_a_silent_department_in_the_joint_scheme_review_is_deemed_to_consent(specs):
    """方案联审: the others answer, 设计方案审查 stays silent; 时限预警 fires and the review goes on, then at the
    deadline 时限逾期 and 超时默许 fire together: the review is cancelled, recorded as approved, and the join
    gets exactly one token from that branch, so the stage goes on to issuance."""
    run = Run(specs, round_trip=True)
    run.pass_stage()
    run.act("apply")
    run.act("accept", decision="accept")
    run.act("review_civil_defence_basement_approval", review_civil_defence_basement_approval="approve")
    run.act("review_fire_design_review", review_fire_design_review="approve")
    review = "review_design_scheme_review"
    assert run.waiting_timers() == {f"warn_{review}", f"overdue_{review}", f"deemed_{review}"}
    run.pass_time(datetime(2026, 11, 17, 15, 59, tzinfo=UTC))  # 23:59 +08:00, the day before the warning
    assert run.completed(f"end_warn_{review}") == 0 and run.ready_ids() == {review}
    run.pass_time(datetime(2026, 11, 17, 16, 1, tzinfo=UTC))
    assert run.completed(f"end_warn_{review}") == 1 and run.ready_ids() == {review}
    assert run.waiting_timers() == {f"overdue_{review}", f"deemed_{review}"}
    run.pass_time(datetime(2026, 11, 23, 9, 31, tzinfo=UTC))  # 17:31 +08:00 on the deadline day
    assert run.completed(f"end_overdue_{review}") == 1 and run.completed(f"deemed_script_{review}") == 1
    assert run.completed(review) == 0 and run.completed("gw_join", "stage_engineering_permit") == 1
    assert run.ready_ids() == {"issue"} and run.waiting_timers() == set()
    run.act("issue")
    run.pass_stage()
    run.pass_stage()
    assert run.workflow.is_completed() and run.main_end() == "end_done"
    assert len(run.actions) == 27 - 1


def test_deemed_consent_before_the_others_answer_and_a_rejection_still_returns_the_stage(specs):
    """联合审图 deemed approved first; the join then waits for the others, and one department's rejection
    still returns the application (a deemed 同意 never outweighs a real 不予许可)."""
    run = Run(specs)
    run.pass_stage()
    run.pass_stage()
    run.act("apply")
    run.act("accept", decision="accept")
    run.pass_time(datetime(2026, 11, 24, tzinfo=UTC))
    others = {"review_civil_defence_quality_supervision", "review_work_injury_insurance",
              "review_construction_waste_disposal_approval"}
    assert run.ready_ids() == others and run.completed("deemed_script_review_drawing_review") == 1
    assert run.completed("end_overdue_review_work_injury_insurance") == 1  # every silent review is overdue
    run.act("review_work_injury_insurance", review_work_injury_insurance="reject")
    run.review_all()
    (task,) = run.ready()
    assert (task.task_spec.bpmn_id, task.workflow.spec.name) == ("resubmit", "stage_construction_permit")
