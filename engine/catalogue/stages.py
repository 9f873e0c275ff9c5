"""The approval stages (REFERENCE §1): process ids, names, lead departments, forms, and which of the four
national stages each covers (工程建设许可和施工许可 merged into one stage covers 2 and 3, REFERENCE §1.2).

Which stages a project runs depends on its category: ``engine.catalogue.categories`` (data)."""

from __future__ import annotations

from dataclasses import dataclass

from forms import keys


@dataclass(frozen=True)
class Stage:
    number: int
    process_id: str
    name: str
    lead_department: str
    application_form: str
    covers: tuple[int, ...] = ()

    @property
    def numbers(self) -> tuple[int, ...]:
        """The national stages (1–4) this stage covers."""
        return self.covers or (self.number,)


STAGES = (
    Stage(1, "stage_project_land_planning", "立项用地规划许可", "natural_resources", keys.STAGE_1_APPLICATION),
    Stage(2, "stage_engineering_permit", "工程建设许可", "natural_resources", keys.STAGE_2_APPLICATION),
    Stage(3, "stage_construction_permit", "施工许可", "housing_construction", keys.STAGE_3_APPLICATION),
    Stage(4, "stage_completion_acceptance", "竣工验收", "housing_construction", keys.STAGE_4_APPLICATION),
)
MERGED_STAGE = Stage(2, "stage_engineering_construction_permit", "工程建设许可（含施工许可）", "natural_resources",
                     keys.STAGE_23_APPLICATION, covers=(2, 3))
ALL_STAGES = (*STAGES, MERGED_STAGE)
BY_PROCESS = {s.process_id: s for s in ALL_STAGES}


def stage_numbers(process_id: str) -> tuple[int, ...]:
    """The national stages a stage process covers; () for anything else."""
    stage = BY_PROCESS.get(process_id)
    return stage.numbers if stage else ()


SIDE_PROCESSES = {
    "comprehensive_construction_permit": "建筑工程综合许可证",
    "post_verification": "告知承诺事后核查",
    "pre_permit": "建筑工程施工预许可",
    "tolerance_deadline": "容缺受理补正期限",
    "utility_connection": "水电气联动报装",
    "utility_deadline": "水电气联动报装办理时限",
}
"""Processes a project runs beside its stages (shipped in ``bpmn/processes``), by what people call them."""


def stage_name(process_id: str) -> str:
    """What people call the process a task or clock belongs to: a stage's name, or a side process's."""
    stage = BY_PROCESS.get(process_id)
    return stage.name if stage else SIDE_PROCESSES.get(process_id, process_id)
