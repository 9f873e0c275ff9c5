"""Who sees which construction-waste licences: the applicant its project's, each reviewing department its
pending reviews, a district's supervisors the licences that end at its disposal sites (跨区域审管联动: the
site's district sees loads coming from other districts)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clocks.segments import local_date
from ..errors import NotAllowed, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import ADMINISTRATOR, DEPARTMENT_LEAD, EXAMINER, SUPERVISOR
from ..projects.models import Project
from ..projects.queries import visible_project
from ..runtime import Runtime
from .models import APPROVED, PENDING, WasteDisposalLicence, WasteDisposalReview
from .rules import DEFAULT_RULES, WasteDisposalRules, districts

#: Project codes carry the 6-digit 行政区划代码 of the site after the year: 2026-420104-70-03-000001.
_AREA = slice(5, 11)


@dataclass(frozen=True)
class ReviewRow:
    """A pending review with the application and project it belongs to, as the department's queue lists it."""

    review: WasteDisposalReview
    licence: WasteDisposalLicence
    project_name: str
    site_address: str


@dataclass(frozen=True)
class DistrictRow:
    """A licence that ends at one of the district's disposal sites."""

    licence: WasteDisposalLicence
    project_name: str
    origin_area: str  # the project's 行政区划代码
    from_elsewhere: bool


def waste_disposal_for_project(session: Session, runtime: Runtime, actor: Actor,
                               code: str) -> list[WasteDisposalLicence]:
    """The project's applications, newest first, with their reviews, for anyone who may see the project."""
    project = visible_project(session, actor, code, runtime=runtime)
    return list(session.scalars(select(WasteDisposalLicence).where(WasteDisposalLicence.project_code == project.code)
                                .order_by(WasteDisposalLicence.id.desc())))


def waste_review_queue(session: Session, actor: Actor, rules: WasteDisposalRules = DEFAULT_RULES) -> list[ReviewRow]:
    """The reviews waiting for the actor's department, oldest first."""
    if actor.role not in (EXAMINER, DEPARTMENT_LEAD) or not rules.reviewing(actor.department_code or ""):
        raise NotAllowed("本部门不承担建筑垃圾处置核准审查")
    query = (select(WasteDisposalReview, WasteDisposalLicence, Project.name, Project.site_address)
             .join(WasteDisposalLicence, WasteDisposalReview.licence_id == WasteDisposalLicence.id)
             .join(Project, WasteDisposalLicence.project_code == Project.code)
             .where(WasteDisposalReview.department_code == actor.department_code,
                    WasteDisposalReview.status == PENDING, WasteDisposalLicence.status == PENDING)
             .order_by(WasteDisposalReview.id).limit(500))
    return [ReviewRow(r, lic, name, site or "") for r, lic, name, site in session.execute(query)]


def district_licences(session: Session, runtime: Runtime, actor: Actor, district: str) -> list[DistrictRow]:
    """Licences in force or to come whose disposal site lies in ``district`` — pushed to that district's
    supervisors (城市管理部门, 电子监察) wherever the waste comes from.

    :raise NotAllowed: not a supervisor or city-management staff. :raise NotFound: a district with no site.
    """
    in_charge = actor.role in (EXAMINER, DEPARTMENT_LEAD) and actor.department_code == "urban_management"
    if not (in_charge or actor.role in (SUPERVISOR, ADMINISTRATOR)):
        raise NotAllowed("只有城市管理部门和电子监察可以查看建筑垃圾处置监管清单")
    if district not in districts():
        raise NotFound("该区没有登记的消纳场所", district=district)
    today = local_date(runtime.now())
    query = (select(WasteDisposalLicence, Project.name).join(Project)
             .where(WasteDisposalLicence.disposal_district == district, WasteDisposalLicence.status == APPROVED,
                    WasteDisposalLicence.last_day >= today)
             .order_by(WasteDisposalLicence.first_day, WasteDisposalLicence.id).limit(500))
    return [DistrictRow(lic, name, lic.project_code[_AREA], lic.project_code[_AREA] != district)
            for lic, name in session.execute(query)]
