"""Deadline timers on every review (docs/modelling.md "Deadline timers").

Non-interrupting 时限预警 and 时限逾期 timers, each ending in its own end event below the review; on a joint
review also the interrupting 超时默许 timer, whose script records the review as approved and whose path
meets the review's own at an exclusive gateway before the phase's join (a parallel join waits for one
token per incoming flow, so it must never see the two alternatives apart).
"""

from __future__ import annotations

from bpmn.tools.writer import Flow, Node

from .plan import ItemPlan


def review_var(item: ItemPlan) -> str:
    return f"review_{item.code}"


def item_due(item: ItemPlan, which: str) -> str:
    """timeDate of a deadline timer: the engine's whitelisted ``item_due`` (ISO string, +08:00)."""
    return f'item_due("{item.code}", "{which}", {item.days})'


def deadline_nodes(item: ItemPlan, col: int, row: int) -> list[Node]:
    task, lane = review_var(item), item.lane.name
    warn_dx, overdue_dx = (-48, 0) if item.joint_review else (-25, 25)
    nodes = [
        Node(f"warn_{task}", "boundaryEvent", "时限预警", lane, col, row, dx=warn_dx, attached_to=task,
             interrupting=False, timer=item_due(item, "warning")),
        Node(f"end_warn_{task}", "endEvent", "已预警", lane, col, row + 1, dx=warn_dx),
        Node(f"overdue_{task}", "boundaryEvent", "时限逾期", lane, col, row, dx=overdue_dx, attached_to=task,
             interrupting=False, timer=item_due(item, "overdue")),
        Node(f"end_overdue_{task}", "endEvent", "已逾期", lane, col, row + 1, dx=overdue_dx),
    ]
    if item.joint_review:
        nodes += [
            Node(f"deemed_{task}", "boundaryEvent", "超时默许", lane, col, row, dx=48, attached_to=task,
                 timer=item_due(item, "overdue"),
                 documentation=f"{lane}逾期未答复，{item.name}视为同意/无意见（超时默许）"),
            Node(f"deemed_script_{task}", "scriptTask", "记录超时默许", lane, col + 1, row + 1,
                 script=f'# 逾期未答复视为同意/无意见\n{task} = "approve"\n'),
            Node(f"gw_merge_{task}", "exclusiveGateway", "", lane, col + 2, row),
        ]
    return nodes


def deadline_flows(item: ItemPlan, join: str) -> list[Flow]:
    """Timer flows, and the review's way on to ``join`` (through its merge on a joint review)."""
    task = review_var(item)
    flows = [Flow(f"warn_{task}", f"end_warn_{task}"), Flow(f"overdue_{task}", f"end_overdue_{task}")]
    if not item.joint_review:
        return [*flows, Flow(task, join)]
    return [*flows, Flow(task, f"gw_merge_{task}"), Flow(f"deemed_{task}", f"deemed_script_{task}"),
            Flow(f"deemed_script_{task}", f"gw_merge_{task}"), Flow(f"gw_merge_{task}", join, default=True)]
