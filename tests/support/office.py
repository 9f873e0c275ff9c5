"""Test helpers that build state through the engine's own use cases (no shortcuts into tables)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import Actor, Runtime, complete_task
from engine.demo import complete_demo_survey, demo_form, register_demo_project, seed_demo_people
from engine.organisation.accounts import user_by_username
from engine.organisation.actors import actor_for
from engine.processes.models import ProcessInstance
from engine.work_items.models import WorkItem


@dataclass
class Office:
    """The approval office of one test: its database steps and runtime."""

    step: Any
    runtime: Runtime

    def seed(self) -> None:
        with self.step() as s:
            seed_demo_people(s, self.runtime)

    def new_project(self, code: str = "2026-420104-70-03-000001",
                    category: str = "social_investment_project") -> tuple[str, int]:
        with self.step() as s:
            project = register_demo_project(s, self.runtime, code, category)
            instance = s.scalar(select(ProcessInstance).where(ProcessInstance.project_code == project.code))
            return project.code, instance.id

    def actor(self, s: Session, username: str) -> Actor:
        return actor_for(s, user_by_username(s, username).id)

    def items(self, code: str) -> list[WorkItem]:
        with self.step(write=False) as s:
            return list(s.scalars(select(WorkItem).where(WorkItem.project_code == code)
                                  .order_by(WorkItem.bpmn_id)))

    def item(self, code: str, bpmn_id: str) -> WorkItem:
        matches = [i for i in self.items(code) if i.bpmn_id == bpmn_id]
        assert len(matches) == 1, f"expected one READY {bpmn_id}, got {[i.bpmn_id for i in self.items(code)]}"
        return matches[0]

    def username_for(self, item: WorkItem) -> str:
        if item.role == "owner":
            return "owner"
        return "window" if item.role == "window_clerk" else f"exam_{item.department_code}"

    def act(self, code: str, bpmn_id: str, form: dict[str, Any] | None = None, username: str | None = None):
        item = self.item(code, bpmn_id)
        with self.step() as s:
            who = self.actor(s, username or self.username_for(item))
            return complete_task(s, self.runtime, who, item.instance_id, item.task_id,
                                 form if form is not None else demo_form(item.form_key, code))

    def finish_stage(self, code: str) -> None:
        """Apply, accept, approve every review and issue: the stage that is open now (before stage 4, the
        多测合一 survey is commissioned and its result submitted, as joint acceptance requires)."""
        if self.item(code, "apply").form_key == "stage_4_application":
            with self.step() as s:
                complete_demo_survey(s, self.runtime, code)
        for bpmn_id in ("apply", "accept"):
            self.act(code, bpmn_id)
        while reviews := [i.bpmn_id for i in self.items(code) if i.bpmn_id.startswith("review_")]:
            for review in reviews:  # phase by phase
                self.act(code, review)
        while issues := [i.bpmn_id for i in self.items(code) if i.bpmn_id.startswith("issue")]:
            self.act(code, issues[0])  # a merged stage issues two permits, one after the other
