"""Write the BPMN models of the 社会投资一般项目 approval into ``bpmn/processes/``.

The models follow docs/modelling.md (process ids, lanes, user-task properties, stage shape, items per
stage); the stage table below is that document's "Items per stage" table.  Run from the repository root:

    .venv/bin/python -m bpmn.tools.generate_models [output-directory]
"""

import sys
from dataclasses import dataclass
from pathlib import Path

from bpmn.tools.writer import Flow, Node, Process, to_xml

LANE_CODES = {
    "建设单位": "owner",
    "综合窗口": "comprehensive_window",
    "发展和改革局": "development_reform",
    "自然资源和规划局": "natural_resources",
    "住房和城乡建设局": "housing_construction",
    "人民防空办公室": "civil_defence",
    "生态环境局": "ecology_environment",
    "城市管理局": "urban_management",
    "人力资源和社会保障局": "human_resources",
    "水务局": "water_affairs",
    "公安交通管理局": "traffic_police",
    "园林绿化局": "landscaping",
    "行政审批局": "administrative_approval",
}
OWNER, WINDOW = "建设单位", "综合窗口"
MAIN_PROCESS = ("social_investment_project", "社会投资一般项目审批")


@dataclass(frozen=True)
class Item:
    """An approval item (审批事项): its code, Chinese name and the lane of its department."""

    code: str
    name: str
    lane: str


@dataclass(frozen=True)
class Stage:
    """One approval stage: its number, process id, name, review items and issuance item."""

    number: int
    process_id: str
    name: str
    reviews: tuple[Item, ...]
    issuance: Item


STAGES = (
    Stage(1, "stage_project_land_planning", "立项用地规划许可", (
        Item("enterprise_project_filing", "企业投资项目核准/备案", "发展和改革局"),
        Item("land_preexam_site_opinion", "建设项目用地预审与选址意见书", "自然资源和规划局"),
        Item("environmental_impact_assessment", "环境影响评价审批", "生态环境局"),
        Item("flood_impact_assessment", "洪水影响评价审批", "水务局"),
    ), Item("land_use_planning_permit", "建设用地规划许可证核发", "自然资源和规划局")),
    Stage(2, "stage_engineering_permit", "工程建设许可", (
        Item("design_scheme_review", "设计方案审查", "自然资源和规划局"),
        Item("civil_defence_basement_approval", "应建防空地下室的民用建筑项目报建审批", "人民防空办公室"),
        Item("fire_design_review", "特殊建设工程消防设计审查", "住房和城乡建设局"),
    ), Item("works_planning_permit", "建设工程规划许可证核发", "自然资源和规划局")),
    Stage(3, "stage_construction_permit", "施工许可", (
        Item("drawing_review", "施工图设计文件审查", "住房和城乡建设局"),
        Item("civil_defence_quality_supervision", "人防工程质量监督", "人民防空办公室"),
        Item("work_injury_insurance", "建筑业工伤保险", "人力资源和社会保障局"),
        Item("construction_waste_disposal_approval", "城市建筑垃圾处置核准", "城市管理局"),
    ), Item("construction_permit", "建筑工程施工许可证核发", "住房和城乡建设局")),
    Stage(4, "stage_completion_acceptance", "竣工验收", (
        Item("planning_compliance_verification", "规划条件核实", "自然资源和规划局"),
        Item("fire_acceptance", "特殊建设工程消防验收", "住房和城乡建设局"),
        Item("civil_defence_completion_filing", "人防工程竣工验收备案", "人民防空办公室"),
        Item("archive_acceptance", "城建档案验收", "住房和城乡建设局"),
    ), Item("joint_acceptance_opinion", "出具竣工联合验收意见书", "住房和城乡建设局")),
)


# 方案联审 (stage 2) and 联合审图 (stage 3): a department silent past its deadline is deemed to consent
# (超时默许, REFERENCE §1.0 and §1.2/§1.3).
JOINT_REVIEWS = frozenset({"design_scheme_review", "drawing_review"})
REVIEW_COL = 6


def review_var(item: Item) -> str:
    return f"review_{item.code}"


def application_form(stage: Stage) -> str:
    return f"stage_{stage.number}_application"


def outcome(value: str) -> str:
    """Script recording how the stage ended, for the main process's gateway."""
    return f'stage_outcome = "{value}"'


def issue_task_name(item: Item) -> str:
    """建设工程规划许可证核发 → 核发建设工程规划许可证; names that start with a verb stay."""
    return "核发" + item.name.removesuffix("核发") if item.name.endswith("核发") else item.name


def lane_ids(names) -> dict[str, str]:
    """Lane name → lane element id (``lane_<code>``), in the given order."""
    return {name: f"lane_{LANE_CODES[name]}" for name in names}


def stage_lanes(stage: Stage) -> dict[str, str]:
    """Owner and window on top, then the lead department, then the other reviewing departments."""
    departments = [stage.issuance.lane] + [item.lane for item in stage.reviews]
    return lane_ids([OWNER, WINDOW, *dict.fromkeys(departments)])


def review_nodes(stage: Stage) -> list[Node]:
    """One review user task per item, in its department's lane (stacked when a lane has several: every
    review takes two rows, the second for the end events of its deadline timers)."""
    nodes, rows = [], {}
    for item in stage.reviews:
        rows[item.lane] = rows.get(item.lane, -2) + 2
        props = {"formKey": "review_decision", "item": item.code, "resultVariable": review_var(item)}
        doc = f"审批事项：{item.name}（{item.code}）；审查部门：{item.lane}"
        nodes.append(Node(review_var(item), "userTask", item.name, item.lane, REVIEW_COL, rows[item.lane], props,
                          doc))
    return nodes


def item_due(item: Item, which: str) -> str:
    """timeDate of a deadline timer: the engine's whitelisted ``item_due`` (ISO string, +08:00)."""
    return f'item_due("{item.code}", "{which}")'


def deadline_nodes(stage: Stage) -> list[Node]:
    """On every review: non-interrupting 时限预警 and 时限逾期 timers, each ending in its own end event below
    the review. On a joint review also the interrupting 超时默许 timer: its script records the review as
    approved and an exclusive gateway merges that path with the review's own before the parallel join
    (a join waits for one token per incoming flow, so it must never see the two alternatives apart)."""
    nodes = []
    for review, item in zip(review_nodes(stage), stage.reviews, strict=True):
        task, lane, row = review.id, item.lane, review.row
        joint = item.code in JOINT_REVIEWS
        warn_dx, overdue_dx = (-48, 0) if joint else (-25, 25)
        nodes += [
            Node(f"warn_{task}", "boundaryEvent", "时限预警", lane, REVIEW_COL, row, dx=warn_dx, attached_to=task,
                 interrupting=False, timer=item_due(item, "warning")),
            Node(f"end_warn_{task}", "endEvent", "已预警", lane, REVIEW_COL, row + 1, dx=warn_dx),
            Node(f"overdue_{task}", "boundaryEvent", "时限逾期", lane, REVIEW_COL, row, dx=overdue_dx,
                 attached_to=task, interrupting=False, timer=item_due(item, "overdue")),
            Node(f"end_overdue_{task}", "endEvent", "已逾期", lane, REVIEW_COL, row + 1, dx=overdue_dx),
        ]
        if joint:
            nodes += [
                Node(f"deemed_{task}", "boundaryEvent", "超时默许", lane, REVIEW_COL, row, dx=48, attached_to=task,
                     timer=item_due(item, "overdue"),
                     documentation=f"{item.lane}逾期未答复，{item.name}视为同意/无意见（超时默许）"),
                Node(f"deemed_script_{task}", "scriptTask", "记录超时默许", lane, REVIEW_COL + 1, row + 1,
                     script=f'# 逾期未答复视为同意/无意见\n{task} = "approve"\n'),
                Node(f"gw_merge_{task}", "exclusiveGateway", "", lane, REVIEW_COL + 2, row),
            ]
    return nodes


def deadline_flows(stage: Stage) -> list[Flow]:
    """Timer flows, and each review's way to the parallel join (through its merge on a joint review)."""
    flows = []
    for item in stage.reviews:
        task = review_var(item)
        flows += [Flow(f"warn_{task}", f"end_warn_{task}"), Flow(f"overdue_{task}", f"end_overdue_{task}")]
        if item.code in JOINT_REVIEWS:
            flows += [Flow(task, f"gw_merge_{task}"), Flow(f"deemed_{task}", f"deemed_script_{task}"),
                      Flow(f"deemed_script_{task}", f"gw_merge_{task}"),
                      Flow(f"gw_merge_{task}", "gw_join", default=True)]
        else:
            flows.append(Flow(task, "gw_join"))
    return flows


def join_col(stage: Stage) -> int:
    """Column of the parallel join: right after the reviews, or after the 超时默许 script and merge."""
    return REVIEW_COL + (3 if any(item.code in JOINT_REVIEWS for item in stage.reviews) else 1)


def resubmit_cleanup(stage: Stage) -> str:
    """postScript of 退回申请人: forget the returned round's review results (see ``stage_nodes``)."""
    names = [review_var(item) for item in stage.reviews]
    return f"# 退回后本轮审查结论作废\n{' = '.join(names)} = None\ndel {', '.join(names)}\n"


def stage_nodes(stage: Stage) -> list[Node]:
    """The flow nodes of a stage process, laid out on the grid described in ``layout``.

    The resubmit task's postScript deletes the review variables: otherwise, after a resubmission, a
    parallel branch would carry the previous round's results of the *other* branches into the join,
    where the last branch to arrive wins, and could overwrite their fresh results.
    """
    lead, issue = stage.issuance.lane, stage.issuance
    issue_row = 1 + max((n.row for n in review_nodes(stage) if n.lane == lead), default=0)
    join = join_col(stage)
    return [
        Node("start", "startEvent", "开始", OWNER, 0),
        Node("gw_merge", "exclusiveGateway", "", OWNER, 1),
        Node("apply", "userTask", "提交阶段申请", OWNER, 2, props={"formKey": application_form(stage)}),
        Node("accept", "userTask", "综合窗口受理", WINDOW, 3, props={"formKey": "acceptance_decision"}),
        Node("gw_accept", "exclusiveGateway", "是否受理?", WINDOW, 4),
        Node("gw_fork", "parallelGateway", "", WINDOW, 5),
        *review_nodes(stage),
        *deadline_nodes(stage),
        Node("gw_join", "parallelGateway", "", WINDOW, join),
        Node("gw_review", "exclusiveGateway", "审查结论?", WINDOW, join + 1),
        Node("resubmit", "userTask", "退回申请人", OWNER, join + 1, props={"formKey": "resubmission_decision"},
             documentation="申请人决定补正后重新提交或撤回申请；退回时本轮各部门审查结论作废。",
             post_script=resubmit_cleanup(stage)),
        Node("gw_resubmit", "exclusiveGateway", "是否重新提交?", OWNER, join + 2),
        Node("issue", "userTask", issue_task_name(issue), lead, join + 2, issue_row,
             props={"formKey": "issuance", "item": issue.code},
             documentation=f"审批事项：{issue.name}（{issue.code}）；核发部门：{lead}"),
        Node("set_issued", "scriptTask", "记录阶段办结", lead, join + 3, issue_row, script=outcome("issued")),
        Node("end_issued", "endEvent", "阶段办结", lead, join + 4, issue_row),
        Node("set_withdrawn", "scriptTask", "记录撤回", lead, join + 3, script=outcome("withdrawn")),
        Node("end_withdrawn", "endEvent", "撤回", lead, join + 4),
    ]


def stage_flows(stage: Stage) -> list[Flow]:
    """The sequence flows of a stage process."""
    rejected = f'"reject" in ({", ".join(review_var(item) for item in stage.reviews)})'
    return [
        Flow("start", "gw_merge"), Flow("gw_merge", "apply", default=True), Flow("apply", "accept"),
        Flow("accept", "gw_accept"),
        Flow("gw_accept", "gw_fork", 'decision == "accept"', "受理"),
        Flow("gw_accept", "resubmit", name="不予受理", default=True),
        *(Flow("gw_fork", review_var(item)) for item in stage.reviews),
        *deadline_flows(stage),
        Flow("gw_join", "gw_review"),
        Flow("gw_review", "resubmit", rejected, "退回"),
        Flow("gw_review", "issue", name="通过", default=True),
        Flow("issue", "set_issued"), Flow("set_issued", "end_issued"),
        Flow("resubmit", "gw_resubmit"),
        Flow("gw_resubmit", "gw_merge", 'decision == "resubmit"', "重新提交"),
        Flow("gw_resubmit", "set_withdrawn", name="撤回", default=True),
        Flow("set_withdrawn", "end_withdrawn"),
    ]


def stage_process(stage: Stage) -> Process:
    return Process(stage.process_id, stage.name, stage_lanes(stage), stage_nodes(stage), stage_flows(stage))


def main_process() -> Process:
    """start → call stage 1 → XOR (withdrawn → 撤回) → … → call stage 4 → XOR → 办结."""
    nodes = [Node("start", "startEvent", "开始", WINDOW, 0)]
    flows, previous = [], "start"
    for stage in STAGES:
        call, gateway = f"call_stage_{stage.number}", f"gw_stage_{stage.number}"
        col = 2 * stage.number - 1
        nodes.append(Node(call, "callActivity", stage.name, WINDOW, col, called=stage.process_id))
        nodes.append(Node(gateway, "exclusiveGateway", "是否撤回?", WINDOW, col + 1))
        # the flow from the previous stage's gateway on to this stage is that gateway's default
        flows += [Flow(previous, call, default=previous.startswith("gw_")), Flow(call, gateway),
                  Flow(gateway, "end_withdrawn", 'stage_outcome == "withdrawn"', "撤回")]
        previous = gateway
    last_col = 2 * len(STAGES) + 1
    nodes += [Node("end_done", "endEvent", "办结", WINDOW, last_col),
              Node("end_withdrawn", "endEvent", "撤回", WINDOW, last_col, 1)]
    flows.append(Flow(previous, "end_done", default=True))
    return Process(MAIN_PROCESS[0], MAIN_PROCESS[1], lane_ids([WINDOW]), nodes, flows)


def all_processes() -> list[Process]:
    return [main_process(), *(stage_process(stage) for stage in STAGES)]


def write_models(out_dir: Path) -> list[Path]:
    """Write one ``<process id>.bpmn`` per process into ``out_dir``; returns the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for proc in all_processes():
        path = out_dir / f"{proc.id}.bpmn"
        path.write_bytes(to_xml(proc))
        paths.append(path)
    return paths


def main(argv: list[str]) -> None:
    out_dir = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "processes"
    for path in write_models(out_dir):
        print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
