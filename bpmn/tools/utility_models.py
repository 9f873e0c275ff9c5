"""Generate the 水电气联动报装 deadline process (one instance per utility of an application). Run:
``python -m bpmn.tools.utility_models`` (writes bpmn/processes/utility_deadline.bpmn).

The utility's business steps (受理勘查, 验收开通) are rows in the engine's tables (engine/utility_connection);
this process only waits for the two instants of the utility's working-day clock — 时限预警 and 时限逾期 — that
the engine put into the start data as ISO instants (computed like every item's, ``engine.time_limits.due``).
The ids ``clock_warning``/``clock_overdue`` are the convention of ``due.CLOCK_TIMERS``: a new holiday schedule
moves them with the clock (``engine.schedules``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from bpmn.tools.writer import Flow, Node, Process, to_xml

OUT = Path(__file__).resolve().parents[1] / "processes"
WINDOW = "综合窗口"


def utility_deadline() -> Process:
    nodes = [
        Node("start", "startEvent", "已受理报装", WINDOW, 0),
        Node("clock_warning", "intermediateCatchEvent", "报装时限预警", WINDOW, 1, timer="warning_due"),
        Node("clock_overdue", "intermediateCatchEvent", "报装时限逾期", WINDOW, 2, timer="overdue_due"),
        Node("end_overdue", "endEvent", "时限届满", WINDOW, 3),
    ]
    flows = [Flow("start", "clock_warning"), Flow("clock_warning", "clock_overdue"),
             Flow("clock_overdue", "end_overdue")]
    return Process("utility_deadline", "水电气联动报装办理时限", {WINDOW: "lane_window"}, nodes, flows)


def write_models(out: Path = OUT) -> list[Path]:
    proc = utility_deadline()
    path = out / f"{proc.id}.bpmn"
    path.write_bytes(to_xml(proc))
    return [path]


if __name__ == "__main__":
    for written in write_models(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(written)
