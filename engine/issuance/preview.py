"""What a stage's certificate will say before it is issued (核发预览): the same rows issuance prints, from the
same sources, with the issuing examiner's remarks and validity as typed — read only, nothing numbered."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

import certificates

from ..clocks.segments import local_date
from ..projects.models import Project
from ..runtime import Runtime
from ..work_items.models import WorkItem
from .contents import STAGE_KINDS, certificate_fields, gather
from .register import add_months
from .settings import settings_for


@dataclass(frozen=True)
class IssuancePreview:
    title: str
    holder_label: str
    holder: str
    authority: str
    rows: tuple[tuple[str, str], ...]
    valid_until: date | None


def issuance_preview(session: Session, runtime: Runtime, item: WorkItem,
                     issuance: Mapping[str, Any]) -> IssuancePreview | None:
    """The certificate the issuance task ``item`` would issue with the (validated) form ``issuance``; None for
    a task that issues no stage certificate."""
    if item.item not in STAGE_KINDS:
        return None
    settings = settings_for(runtime)
    project = session.get_one(Project, item.project_code)
    sources = gather(session, project, item.instance_id, item.stage, issuance, settings)
    template = certificates.get_template(item.item)
    months = issuance.get("validity_months")
    today = local_date(runtime.now())
    valid_until = _months_later(today, int(months)) if months else None
    return IssuancePreview(template.title, template.holder_label, project.owner_name,
                           settings.authority(item.department_code), certificate_fields(item.item, sources),
                           valid_until)


def _months_later(day: date, months: int) -> date:
    return add_months(day, months)
