"""Turn an ``ApprovalPlan`` into processes (nodes and flows on a grid) and BPMN XML.

Stage shape (docs/modelling.md "Stage shape"): 提交阶段申请 (owner) → 综合窗口受理 → review phases, each a
parallel fork/join over its items (a phase of one item needs neither) followed by a 审查结论? gateway that
returns the application when any review of the phase rejects → the issuance tasks in order → 阶段办结;
退回申请人 lets the owner resubmit (back to the application) or withdraw.
"""

from __future__ import annotations

from bpmn.tools.writer import Flow, Node, Process, to_xml

from .deadlines import deadline_flows, deadline_nodes, review_var
from .plan import OWNER_LANE, WINDOW_LANE, ApprovalPlan, ItemPlan, StagePlan

OWNER, WINDOW = OWNER_LANE.name, WINDOW_LANE.name
FIRST_PHASE_COL = 5
COMPREHENSIVE_ANCHOR = "construction_permit"  # the item a 建筑工程综合许可证 always grants first
#: ``route``, set to ``FORM_ROUTE`` when the main process starts (``START_DATA``), tells 已取得综合许可证? which
#: way the stage was settled; the engine completes 提交阶段申请 with ``COMPREHENSIVE_ROUTE`` when that permit is issued.
FORM_ROUTE, COMPREHENSIVE_ROUTE = "form", "comprehensive"
START_DATA = {"route": FORM_ROUTE}


def outcome(value: str) -> str:
    """Script recording how the stage ended, for the main process's gateway."""
    return f'stage_outcome = "{value}"'


def issue_task_name(item: ItemPlan) -> str:
    """建设工程规划许可证核发 → 核发建设工程规划许可证; names that start with a verb stay."""
    return "核发" + item.name.removesuffix("核发") if item.name.endswith("核发") else item.name


def issue_id(index: int) -> str:
    return "issue" if index == 0 else f"issue_{index + 1}"


def _suffix(index: int) -> str:
    return "" if index == 0 else f"_{index + 1}"


def stage_lanes(stage: StagePlan) -> dict[str, str]:
    """Owner and window on top, then the issuing departments, then the other reviewing departments."""
    lanes = [OWNER_LANE, WINDOW_LANE, *(i.lane for i in stage.issuances), *(i.lane for i in stage.reviews)]
    return {lane.name: f"lane_{lane.code}" for lane in dict.fromkeys(lanes)}


def resubmit_cleanup(stage: StagePlan) -> str:
    """postScript of 退回申请人: forget the returned round's review results.

    Otherwise, after a resubmission, a parallel branch would carry the previous round's results of the
    *other* branches into the join, where the last branch to arrive wins, and could overwrite their fresh
    results. Each name is bound first so that ``del`` never fails for a phase the round did not reach.
    """
    names = [review_var(item) for item in stage.reviews]
    return f"# 退回后本轮审查结论作废\n{' = '.join(names)} = None\ndel {', '.join(names)}\n"


def enter(previous: str, target: str) -> Flow:
    """The flow into the next step: out of the window's acceptance only when accepted, out of a review
    phase's gateway as its default (no rejection), otherwise plain."""
    if previous == "gw_accept":
        return Flow(previous, target, 'decision == "accept"', "受理")
    if previous.startswith("gw_review"):
        return Flow(previous, target, name="通过", default=True)
    return Flow(previous, target)


class _StageBuilder:
    """Collects nodes and flows column by column."""

    def __init__(self, stage: StagePlan):
        self.stage = stage
        self.nodes: list[Node] = []
        self.flows: list[Flow] = []
        self.col = FIRST_PHASE_COL
        self.rows: dict[str, int] = {}  # lane → lowest row used so far

    def add(self, node: Node) -> str:
        self.nodes.append(node)
        self.rows[node.lane] = max(self.rows.get(node.lane, 0), node.row)
        return node.id

    def phase(self, index: int, items: tuple[ItemPlan, ...], previous: str) -> str:
        """Add one review phase after ``previous``; returns its 审查结论? gateway."""
        sfx, parallel = _suffix(index), len(items) > 1
        if parallel:
            self.flows.append(enter(previous, self.add(Node(f"gw_fork{sfx}", "parallelGateway", "", WINDOW,
                                                            self.col))))
            previous = f"gw_fork{sfx}"
            self.col += 1
        review_col = self.col
        lane_rows: dict[str, int] = {}
        joint = any(item.joint_review for item in items)
        after = self.col + (3 if joint else 1)
        join = f"gw_join{sfx}" if parallel else f"gw_review{sfx}"
        for item in items:
            row = lane_rows[item.lane.name] = lane_rows.get(item.lane.name, -2) + 2
            self.add(self._review(item, review_col, row))
            for node in deadline_nodes(item, review_col, row):
                self.add(node)
            entry = Flow(previous, review_var(item)) if parallel else enter(previous, review_var(item))
            self.flows += [entry, *deadline_flows(item, join)]
        self.col = after
        if parallel:
            self.add(Node(join, "parallelGateway", "", WINDOW, self.col))
            self.col += 1
        gateway = f"gw_review{sfx}"
        if parallel:
            self.flows.append(Flow(join, gateway))
        self.add(Node(gateway, "exclusiveGateway", "审查结论？", WINDOW, self.col))
        self.col += 1
        return gateway

    @staticmethod
    def _review(item: ItemPlan, col: int, row: int) -> Node:
        props = {"formKey": "review_decision", "item": item.code, "resultVariable": review_var(item),
                 "days": str(item.days)}
        doc = f"审批事项：{item.name}（{item.code}）；审查部门：{item.lane.name}；承诺时限：{item.days}个工作日"
        return Node(review_var(item), "userTask", item.name, item.lane.name, col, row, props, doc)


def stage_process(stage: StagePlan) -> Process:
    """The stage process of ``stage``, laid out on the grid described in ``bpmn.tools.layout``."""
    b = _StageBuilder(stage)
    for node in (Node("start", "startEvent", "开始", OWNER, 0), Node("gw_merge", "exclusiveGateway", "", OWNER, 1),
                 Node("apply", "userTask", "提交阶段申请", OWNER, 2, props={"formKey": stage.application_form}),
                 Node("accept", "userTask", "综合窗口受理", WINDOW, 3, props={"formKey": "acceptance_decision"}),
                 Node("gw_accept", "exclusiveGateway", "是否受理？", WINDOW, 4)):
        b.add(node)
    b.flows += [Flow("start", "gw_merge"), Flow("gw_merge", "apply", default=True),
                Flow("accept", "gw_accept"), Flow("gw_accept", "resubmit", name="不予受理", default=True)]
    _application_route(b, stage)
    previous, gateways = "gw_accept", []
    for index, items in enumerate(stage.phases):
        gateway = b.phase(index, items, previous)
        gateways.append((gateway, items))
        previous = gateway
    _returns(b, stage, gateways)
    _issuances(b, stage, previous)
    return Process(stage.process_id, stage.name, stage_lanes(stage), b.nodes, b.flows)


def covered_by_comprehensive(stage: StagePlan) -> bool:
    """A stage that only issues the 施工许可证 can instead be settled by a 建筑工程综合许可证 that holds it."""
    return [item.code for item in stage.issuances] == [COMPREHENSIVE_ANCHOR]


def _application_route(b: _StageBuilder, stage: StagePlan) -> None:
    """提交阶段申请 → 综合窗口受理; a stage the 综合许可证 covers first asks which way it was settled (the
    engine completes its application task with ``route = "comprehensive"`` when that permit is issued)."""
    if not covered_by_comprehensive(stage):
        b.flows.append(Flow("apply", "accept"))
        return
    b.add(Node("gw_route", "exclusiveGateway", "已取得综合许可证？", OWNER, 3))
    lead = stage.issuances[0].lane.name
    b.add(Node("set_comprehensive", "scriptTask", "记录由综合许可证办结", lead, 3, script=outcome("issued")))
    b.add(Node("end_comprehensive", "endEvent", "由综合许可证办结", lead, 4))
    b.flows += [Flow("apply", "gw_route"), Flow("gw_route", "accept", name="申报本阶段", default=True),
                Flow("gw_route", "set_comprehensive", f'route == "{COMPREHENSIVE_ROUTE}"', "已取得"),
                Flow("set_comprehensive", "end_comprehensive")]


def _returns(b: _StageBuilder, stage: StagePlan, gateways: list[tuple[str, tuple[ItemPlan, ...]]]) -> None:
    """退回申请人 after any phase with a rejection; resubmit or withdraw."""
    col = b.col
    b.add(Node("resubmit", "userTask", "退回申请人", OWNER, col, props={"formKey": "resubmission_decision"},
               documentation="申请人决定补正后重新提交或撤回申请；退回时本轮各部门审查结论作废。",
               post_script=resubmit_cleanup(stage)))
    b.add(Node("gw_resubmit", "exclusiveGateway", "是否重新提交？", OWNER, col + 1))
    lead = stage.issuances[0].lane.name
    b.add(Node("set_withdrawn", "scriptTask", "记录撤回", lead, col + 2, script=outcome("withdrawn")))
    b.add(Node("end_withdrawn", "endEvent", "撤回", lead, col + 3))
    for gateway, items in gateways:
        rejected = f'"reject" in ({", ".join(review_var(item) for item in items)},)'
        b.flows.append(Flow(gateway, "resubmit", rejected, "退回"))
    b.flows += [Flow("resubmit", "gw_resubmit"),
                Flow("gw_resubmit", "gw_merge", 'decision == "resubmit"', "重新提交"),
                Flow("gw_resubmit", "set_withdrawn", name="撤回", default=True), Flow("set_withdrawn", "end_withdrawn")]


def _issuances(b: _StageBuilder, stage: StagePlan, previous: str) -> None:
    """The issuance tasks in order, each in its department's lane below that lane's reviews."""
    col = b.col + 1
    for index, item in enumerate(stage.issuances):
        row = b.rows.get(item.lane.name, -1) + 1 if item.lane.name in b.rows else 0
        b.add(Node(issue_id(index), "userTask", issue_task_name(item), item.lane.name, col + index, max(row, 1),
                   props={"formKey": "issuance", "item": item.code, "days": str(item.days)},
                   documentation=f"审批事项：{item.name}（{item.code}）；核发部门：{item.lane.name}"))
        b.flows.append(enter(previous, issue_id(index)))
        previous = issue_id(index)
    last, lane = col + len(stage.issuances), stage.issuances[-1].lane.name
    row = b.rows[lane]
    b.add(Node("set_issued", "scriptTask", "记录阶段办结", lane, last, row, script=outcome("issued")))
    b.add(Node("end_issued", "endEvent", "阶段办结", lane, last + 1, row))
    b.flows += [Flow(previous, "set_issued"), Flow("set_issued", "end_issued")]


def main_process(plan: ApprovalPlan) -> Process:
    """start → call stage 1 → XOR (withdrawn → 撤回) → … → call the last stage → XOR → 办结."""
    nodes = [Node("start", "startEvent", "开始", WINDOW, 0)]
    flows, previous = [], "start"
    for number, stage in enumerate(plan.stages, start=1):
        call, gateway, col = f"call_stage_{number}", f"gw_stage_{number}", 2 * number - 1
        nodes += [Node(call, "callActivity", stage.name, WINDOW, col, called=stage.process_id),
                  Node(gateway, "exclusiveGateway", "本阶段结果？", WINDOW, col + 1)]
        # the flow from the previous stage's gateway on to this stage is that gateway's default
        flows += [Flow(previous, call, default=previous.startswith("gw_")), Flow(call, gateway),
                  Flow(gateway, "end_withdrawn", 'stage_outcome == "withdrawn"', "撤回")]
        previous = gateway
    last_col = 2 * len(plan.stages) + 1
    nodes += [Node("end_done", "endEvent", "办结", WINDOW, last_col),
              Node("end_withdrawn", "endEvent", "撤回", WINDOW, last_col, 1)]
    flows.append(Flow(previous, "end_done", default=True))
    return Process(plan.process_id, plan.name, {WINDOW: f"lane_{WINDOW_LANE.code}"}, nodes, flows)


def approval_models(plan: ApprovalPlan) -> dict[str, str]:
    """File name → BPMN XML of the main process and every stage process of ``plan``."""
    processes = [main_process(plan), *(stage_process(stage) for stage in plan.stages)]
    return {f"{proc.id}.bpmn": to_xml(proc).decode("utf-8") for proc in processes}
