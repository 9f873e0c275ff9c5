"""Write the 建筑工程综合许可证 (自选下单) process into ``bpmn/processes/``.

One form (submitted when the instance starts), one window acceptance, one joint site inspection
(联合踏勘), then an inclusive fork: one review per licence the owner selected, each in its department's
lane, joined by an inclusive join, so only the picked licences run (REFERENCE §7.1, REQ-S3-05). Any
refusal ends the order without a certificate; otherwise 行政审批局 issues the one certificate. Every
review carries its licence's committed working days (``days``: the item clock) and the 时限预警/时限逾期
timers of a generated stage (``bpmn.approval.deadlines``); the issuance carries 1 working day. The licence
list is ``engine.construction.menu``'s, repeated here because ``bpmn`` imports nothing of ours (a test
checks the two agree). Run from the repository root:

    .venv/bin/python -m bpmn.tools.comprehensive_permit [output-directory]
"""

import sys
from pathlib import Path

from bpmn.approval.deadlines import deadline_flows, deadline_nodes
from bpmn.approval.plan import ItemPlan, Lane
from bpmn.tools.writer import Flow, Node, Process, to_xml

PROCESS = ("comprehensive_construction_permit", "建筑工程综合许可证（自选下单）")
WINDOW, APPROVAL = "综合窗口", "行政审批局"
ISSUE_DAYS = 1  # 核发: one working day, as a stage's issuance
# (licence code, review task name, lane, row in its lane, committed working days); a lane's second review
# sits two rows down, below the first one's timer end events
LICENCES = (
    ("construction_permit", "建筑工程施工许可", "住房和城乡建设局", 0, 3),
    ("night_work_permit", "夜间施工许可", APPROVAL, 0, 2),
    ("construction_waste_disposal_approval", "城市建筑垃圾处置核准", "城市管理局", 0, 10),
    ("road_occupation_excavation_permit", "临时占用/挖掘城市道路", "城市管理局", 2, 3),
    ("traffic_road_occupation_permit", "影响交通安全的占路施工", "公安交通管理局", 0, 5),
    ("temporary_greenland_occupation", "临时占用城市绿地/迁移树木", "园林绿化局", 0, 3),
    ("sewage_discharge_permit", "城镇污水排入排水管网许可", "水务局", 0, 3),
    ("civil_defence_basement_approval", "应建防空地下室报建", "人民防空办公室", 0, 5),
)
LANE_IDS = {WINDOW: "lane_comprehensive_window", APPROVAL: "lane_administrative_approval",
            "住房和城乡建设局": "lane_housing_construction", "城市管理局": "lane_urban_management",
            "公安交通管理局": "lane_traffic_police", "园林绿化局": "lane_landscaping", "水务局": "lane_water_affairs",
            "人民防空办公室": "lane_civil_defence"}


def _plan(code: str, name: str, lane: str, days: int) -> ItemPlan:
    return ItemPlan(code, name, Lane(lane, LANE_IDS[lane].removeprefix("lane_")), days)


def process() -> Process:
    reviews = [node for code, name, lane, row, days in LICENCES for node in (
        Node(f"review_{code}", "userTask", name, lane, 5, row,
             props={"formKey": "review_decision", "item": code, "resultVariable": f"review_{code}",
                    "days": str(days)},
             documentation=f"审批事项：{name}（{code}）；审查部门：{lane}；承诺时限：{days}个工作日"),
        *deadline_nodes(_plan(code, name, lane, days), 5, row))]
    nodes = [
        Node("start", "startEvent", "收到一表申请", WINDOW, 0),
        Node("accept", "userTask", "一窗受理", WINDOW, 1, props={"formKey": "acceptance_decision"}),
        Node("gw_accepted", "exclusiveGateway", "是否受理?", WINDOW, 2),
        Node("end_not_accepted", "endEvent", "不予受理", WINDOW, 3),
        Node("inspect", "userTask", "联合踏勘", APPROVAL, 3, props={"formKey": "joint_site_inspection"}),
        Node("gw_fork", "inclusiveGateway", "所选许可", APPROVAL, 4),
        *reviews,
        Node("gw_join", "inclusiveGateway", "", APPROVAL, 6),
        Node("gw_outcome", "exclusiveGateway", "审批结论?", APPROVAL, 7),
        Node("issue", "userTask", "核发综合许可证", APPROVAL, 8,
             props={"formKey": "comprehensive_issuance", "item": "comprehensive_construction_permit",
                    "days": str(ISSUE_DAYS)}),
        Node("end_issued", "endEvent", "一证开工", APPROVAL, 9),
        Node("refused", "scriptTask", "记录不予许可", APPROVAL, 8, 1, script='comprehensive_outcome = "refused"'),
        Node("end_refused", "endEvent", "不予许可", APPROVAL, 9, 1),
    ]
    results = ", ".join(f"review_{code}" for code, *_ in LICENCES)
    flows = [
        Flow("start", "accept"),
        Flow("accept", "gw_accepted"),
        Flow("gw_accepted", "end_not_accepted", name="不予受理", default=True),
        Flow("gw_accepted", "inspect", 'decision == "accept"', "受理"),
        Flow("inspect", "gw_fork"),
        *(Flow("gw_fork", f"review_{code}", f"selected_{code} == True") for code, *_ in LICENCES),
        *(flow for code, name, lane, _, days in LICENCES
          for flow in deadline_flows(_plan(code, name, lane, days), "gw_join")),
        Flow("gw_join", "gw_outcome"),
        Flow("gw_outcome", "refused", f'"reject" in ({results})', "不予许可"),
        Flow("gw_outcome", "issue", name="均同意", default=True),
        Flow("issue", "end_issued"),
        Flow("refused", "end_refused"),
    ]
    return Process(PROCESS[0], PROCESS[1], LANE_IDS, nodes, flows)


def write(directory: Path) -> Path:
    path = Path(directory) / f"{PROCESS[0]}.bpmn"
    path.write_bytes(to_xml(process()))
    return path


if __name__ == "__main__":
    print(write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "processes"))
