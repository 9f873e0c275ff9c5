"""Generate the acceptance-mode processes (issue #4): 容缺 supplement deadline, 告知承诺 post-verification and
the 先建后验 pre-permit's validity. Run: ``python -m bpmn.tools.acceptance_models`` (writes bpmn/processes/).

Each instance belongs to one case kept in the engine's tables (engine/acceptance); the processes only wait on
timers whose ``timeDate`` is an ISO instant the engine put into the start data, and hand the examiner's check
to a user task. What a firing means (suspended, 退件, expired) is recorded by the engine, not in task data.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bpmn.tools.writer import Flow, Node, Process, to_xml

OUT = Path(__file__).resolve().parents[1] / "processes"
OWNER, WINDOW, HOUSING = "建设单位", "综合窗口", "住房和城乡建设局"


def _timer(node_id: str, name: str, lane: str, col: int, due: str) -> Node:
    return Node(node_id, "intermediateCatchEvent", name, lane, col, timer=due)


def tolerance_deadline() -> Process:
    """容缺受理: the supplement deadline, then the grace period while the item is suspended, then 退件."""
    nodes = [
        Node("start", "startEvent", "已容缺受理", WINDOW, 0),
        _timer("supplement_deadline", "补正期限届满", WINDOW, 1, "supplement_due"),
        _timer("grace_end", "宽限期届满", WINDOW, 2, "grace_due"),
        Node("end_returned", "endEvent", "期限届满", WINDOW, 3),
    ]
    flows = [Flow("start", "supplement_deadline"), Flow("supplement_deadline", "grace_end"),
             Flow("grace_end", "end_returned")]
    return Process("tolerance_deadline", "容缺受理补正期限", {WINDOW: "lane_window"}, nodes, flows)


def post_verification() -> Process:
    """告知承诺制: wait until the verification date, then the examiner checks (possibly on site)."""
    nodes = [
        Node("start", "startEvent", "已按承诺审批", HOUSING, 0),
        _timer("verification_date", "核查日期到达", HOUSING, 1, "verification_due"),
        Node("verify", "userTask", "告知承诺事后核查", HOUSING, 2,
             props={"formKey": "commitment_verification"}),
        Node("end_verified", "endEvent", "核查完毕", HOUSING, 3),
    ]
    flows = [Flow("start", "verification_date"), Flow("verification_date", "verify"), Flow("verify", "end_verified")]
    return Process("post_verification", "告知承诺事后核查", {HOUSING: "lane_housing"}, nodes, flows)


def pre_permit() -> Process:
    """先建后验: the pre-permit's validity runs out unless it was converted into the formal permit."""
    nodes = [
        Node("start", "startEvent", "已核发预许可", HOUSING, 0),
        _timer("validity_end", "预许可有效期届满", HOUSING, 1, "valid_due"),
        Node("end_validity", "endEvent", "有效期结束", HOUSING, 2),
    ]
    flows = [Flow("start", "validity_end"), Flow("validity_end", "end_validity")]
    return Process("pre_permit", "建筑工程施工预许可有效期", {HOUSING: "lane_housing"}, nodes, flows)


def write_models(out: Path = OUT) -> list[Path]:
    paths = []
    for proc in (tolerance_deadline(), post_verification(), pre_permit()):
        path = out / f"{proc.id}.bpmn"
        path.write_bytes(to_xml(proc))
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write_models(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(written)
