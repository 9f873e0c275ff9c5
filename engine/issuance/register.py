"""Use cases of the certificate register: issue at the end of a stage, reissue (supersede), revoke,
expire, and the owners' and staff's lists and PDF downloads.

A certificate is rendered once, at issuance, by ``certificates.render_certificate``; the PDF and its
sha256 are stored with the data it was rendered from, and the issuance is audited with the digest.
Printed content never changes afterwards: a correction is a new certificate that supersedes the old
one. Every status change is audited on the chain of the certificate's process instance (or of its
project), with the instance (or project) row locked so the chain has one writer.
"""

from __future__ import annotations

import calendar
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

import certificates
from forms import keys

from ..audit.trail import Entry, record
from ..clocks.segments import local_date
from ..errors import ConfigurationError, FormRejected, InvalidState, NotAllowed, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import ADMINISTRATOR, DEPARTMENT_LEAD, EXAMINER
from ..processes import workflow
from ..processes.models import ProcessInstance
from ..projects.models import Project
from ..projects.queries import lock_project, visible_project
from ..runtime import Runtime
from ..work_items.models import WorkItem
from .contents import STAGE_KINDS, certificate_fields, gather
from .models import EXPIRED, REVOKED, SUPERSEDED, VALID, Certificate
from .numbering import allocate_number
from .settings import IssuanceSettings, settings_for

NOT_FOUND = "未找到该证照"


@dataclass(frozen=True)
class Issue:
    """Where a new certificate belongs and what it says (besides its number and date)."""

    kind: str
    project_code: str
    instance_id: int | None
    stage: str | None
    department_code: str | None
    holder: str
    issuing_authority: str
    fields: tuple[tuple[str, str], ...]
    valid_until: date | None = None
    supersedes: Certificate | None = None
    number: str | None = None  # a number allocated by the caller (a phase suffix, a reserved main number)
    blocks: tuple[certificates.LicenceBlock, ...] = ()


def issue_stage_certificate(session: Session, runtime: Runtime, actor: Actor, instance: ProcessInstance,
                            item: WorkItem, issuance: Mapping[str, Any], number: str | None = None) -> Certificate:
    """Issue the certificate of the stage whose ``issue`` task ``item`` was just completed.

    Called on ``StageIssued`` (``hooks``) inside the completing transaction, with the instance locked. The
    kind is the task's ``item`` (docs/modelling.md: the issuance item of each stage). ``number``, when given, was
    reserved earlier (the main number of a project's phase permits) and is used instead of a new one.

    :raise ConfigurationError: the stage's issuance item is not a certificate kind we can fill.
    :raise InvalidState: the certificate cannot be rendered (e.g. a character the font lacks).
    """
    if item.item not in STAGE_KINDS:
        raise ConfigurationError("该阶段的核发事项没有对应的证照模板", item=item.item or "", stage=item.stage)
    settings = settings_for(runtime)
    project = session.get_one(Project, instance.project_code)
    sources = gather(session, project, instance.id, item.stage, issuance, settings)
    today = local_date(runtime.now())
    months = issuance.get("validity_months")
    return _issue(session, runtime, actor, settings, Issue(
        kind=item.item, project_code=project.code, instance_id=instance.id, stage=item.stage,
        department_code=item.department_code, holder=project.owner_name,
        issuing_authority=settings.authority(item.department_code), fields=certificate_fields(item.item, sources),
        valid_until=add_months(today, int(months)) if months else None, number=number))


def issue_certificate(session: Session, runtime: Runtime, actor: Actor | None, issue: Issue) -> Certificate:
    """Issue a certificate that is not a stage's (a phase permit, a comprehensive permit); when
    ``issue.supersedes`` is given, that certificate becomes ``superseded`` and points to the new one.

    :raise InvalidState: the certificate cannot be rendered, or the one to supersede is not valid.
    """
    old = issue.supersedes
    if old is not None and old.status != VALID:
        raise InvalidState(f"证照状态为“{old.status_name}”，不能换发", number=old.number)
    new = _issue(session, runtime, actor, settings_for(runtime), issue)
    if old is not None:
        supersede(session, runtime, actor, old, new)
    return new


def supersede(session: Session, runtime: Runtime, actor: Actor | None, old: Certificate, new: Certificate) -> None:
    """``old`` is covered by ``new`` (e.g. a phase permit by the full permit): superseded, pointing to it."""
    old.status, old.superseded_by_id, old.status_changed_at = SUPERSEDED, new.id, runtime.now()
    _audit(session, runtime, actor, old, "supersede_certificate", VALID, {"number": old.number,
                                                                          "successor": new.number})
    session.flush()


def issue_document(session: Session, runtime: Runtime, actor: Actor | None, issue: Issue) -> Certificate:
    """Issue a certificate or notice that is not a stage's certificate (容缺受理通知书, 告知承诺决定书, 预许可证):
    the caller supplies what it says; numbering, rendering, storage and audit are the same as for every kind."""
    return _issue(session, runtime, actor, settings_for(runtime), issue)


def reissue(session: Session, runtime: Runtime, actor: Actor, number: str,
            changes: Mapping[str, str]) -> Certificate:
    """Issue a corrected certificate under a new number; the old one becomes ``superseded`` and points to it.

    ``changes`` maps printed row labels (e.g. 施工单位, or the holder's row) to their new values.

    :raise NotFound: no such certificate.
    :raise NotAllowed: the actor is not staff of the issuing department (or an administrator).
    :raise InvalidState: the certificate is not valid any more.
    :raise FormRejected: no changes, an unknown row, or a blank value.
    """
    old = _locked_for_change(session, actor, number)
    if old.status != VALID:
        raise InvalidState(f"证照状态为“{old.status_name}”，不能换发", number=number)
    template = certificates.get_template(old.kind)
    fields, holder = _changed_fields(old, template, changes)
    new = _issue(session, runtime, actor, settings_for(runtime), Issue(
        kind=old.kind, project_code=old.project_code, instance_id=old.instance_id, stage=old.stage,
        department_code=old.department_code, holder=holder, issuing_authority=old.issuing_authority,
        fields=fields, valid_until=old.valid_until, supersedes=old))
    old.status, old.superseded_by_id, old.status_changed_at = SUPERSEDED, new.id, runtime.now()
    _audit(session, runtime, actor, old, "supersede_certificate", VALID, {
        "number": old.number, "successor": new.number, "changed": sorted(changes)})
    session.flush()
    return new


def revoke(session: Session, runtime: Runtime, actor: Actor, number: str, reason: str) -> Certificate:
    """Revoke a valid certificate (e.g. a commitment found untrue); the reason is shown publicly.

    :raise NotFound: no such certificate. :raise NotAllowed: not staff of the issuing department.
    :raise InvalidState: the certificate is not valid. :raise FormRejected: no reason given.
    """
    cert = _locked_for_change(session, actor, number)
    reason = (reason or "").strip()
    if not reason:
        raise FormRejected(keys.CERTIFICATE_REVOCATION, {"reason": ["撤销证照必须说明理由"]})
    if len(reason) > 500:
        raise FormRejected(keys.CERTIFICATE_REVOCATION, {"reason": ["撤销理由不得超过500字"]})
    if cert.status != VALID:
        raise InvalidState(f"证照状态为“{cert.status_name}”，不能撤销", number=number)
    now = runtime.now()
    cert.status, cert.revoked_at, cert.revocation_reason, cert.status_changed_at = REVOKED, now, reason, now
    _audit(session, runtime, actor, cert, "revoke_certificate", VALID, {"number": cert.number, "reason": reason})
    session.flush()
    return cert


def expire_due(session: Session, runtime: Runtime) -> list[str]:
    """Mark valid certificates whose validity ended before today as expired (a sweep; audited as 系统)."""
    today = local_date(runtime.now())
    due = list(session.scalars(select(Certificate.number).where(
        Certificate.status == VALID, Certificate.valid_until.is_not(None), Certificate.valid_until < today)
        .order_by(Certificate.id)))
    for number in due:
        cert = _locked_certificate(session, number)
        if cert.status == VALID:
            cert.status, cert.status_changed_at = EXPIRED, runtime.now()
            _audit(session, runtime, None, cert, "expire_certificate", VALID,
                   {"number": cert.number, "valid_until": cert.valid_until.isoformat() if cert.valid_until else None})
    session.flush()
    return due


def project_certificates(session: Session, actor: Actor, project_code: str, *,
                         runtime: Runtime | None = None) -> list[Certificate]:
    """The project's certificates, oldest first, for its owner, staff who may see the project and
    agents whose grant includes 查看 at ``runtime``'s clock."""
    project = visible_project(session, actor, project_code, runtime=runtime)
    return list(session.scalars(select(Certificate).where(Certificate.project_code == project.code)
                                .order_by(Certificate.issued_at, Certificate.id)))


def certificate_pdf(session: Session, actor: Actor, number: str, *, runtime: Runtime | None = None) -> Certificate:
    """The certificate with its PDF loaded, for the project's owner and staff who may see the project.
    Anyone else gets the same "not found" as for a number that does not exist."""
    cert = session.scalar(select(Certificate).options(undefer(Certificate.pdf)).where(Certificate.number == number))
    if cert is None:
        raise NotFound(NOT_FOUND)
    try:
        visible_project(session, actor, cert.project_code, runtime=runtime)
    except NotFound:
        raise NotFound(NOT_FOUND) from None
    return cert


def certificate_data(cert: Certificate) -> certificates.CertificateData:
    """The data the stored PDF was rendered from (rendering it again gives the same bytes)."""
    return _from_json(cert.data)


# --- internals -------------------------------------------------------------------------------------------

def _issue(session: Session, runtime: Runtime, actor: Actor | None, settings: IssuanceSettings,
           issue: Issue) -> Certificate:
    now = runtime.now()
    today = local_date(now)
    number = issue.number or allocate_number(session, settings, issue.kind, today)
    data = _certificate_data(issue, number, today, settings)
    pdf = _render(data)
    digest = hashlib.sha256(pdf).hexdigest()
    cert = Certificate(
        number=number, kind=issue.kind, project_code=issue.project_code, instance_id=issue.instance_id,
        stage=issue.stage, department_code=issue.department_code, holder=issue.holder,
        issuing_authority=issue.issuing_authority, issue_date=today, valid_until=issue.valid_until,
        data=_to_json(data), pdf=pdf, sha256=digest, status=VALID,
        supersedes_id=issue.supersedes.id if issue.supersedes else None,
        issued_by=actor.user_id if actor else None, issued_at=now)
    session.add(cert)
    session.flush()
    details = {"number": number, "kind": issue.kind, "sha256": digest, "stage": issue.stage or ""}
    if issue.supersedes is not None:
        details["supersedes"] = issue.supersedes.number
    _audit(session, runtime, actor, cert, "issue_certificate", None, details)
    return cert


def _certificate_data(issue: Issue, number: str, today: date,
                      settings: IssuanceSettings) -> certificates.CertificateData:
    try:
        return certificates.CertificateData(
            kind=issue.kind, number=number, holder=issue.holder, issuing_authority=issue.issuing_authority,
            issue_date=today, verification_url=settings.verification_url(number), fields=issue.fields,
            blocks=issue.blocks)
    except certificates.CertificateError as exc:
        raise InvalidState(f"证照内容不完整，无法生成：{exc}", kind=issue.kind) from exc


def _render(data: certificates.CertificateData) -> bytes:
    try:
        return certificates.render_certificate(data)
    except certificates.FontMissing as exc:
        raise ConfigurationError(f"证照字体不可用：{exc}") from exc
    except certificates.CertificateError as exc:
        raise InvalidState(f"证照无法生成：{exc}", kind=data.kind, field=exc.field or "") from exc


def _changed_fields(old: Certificate, template: certificates.Template,
                    changes: Mapping[str, str]) -> tuple[tuple[tuple[str, str], ...], str]:
    """Apply ``changes`` to the old rows; the holder's row changes ``holder``."""
    known = {spec.label for spec in template.fields} | {template.holder_label}
    errors: dict[str, list[str]] = {}
    if not changes:
        errors["changes"] = ["请至少变更一项内容"]
    for label, value in changes.items():
        if label not in known:
            errors[label] = ["该证照没有此栏目"]
        elif not isinstance(value, str) or not value.strip():
            errors[label] = ["变更后的内容不能为空"]
    if errors:
        raise FormRejected(keys.CERTIFICATE_REISSUE, errors)
    holder = changes.get(template.holder_label, old.holder).strip()
    rows = dict(certificate_data(old).fields)
    rows.update({label: value.strip() for label, value in changes.items() if label != template.holder_label})
    if template.holder_label in rows:
        rows[template.holder_label] = holder
    ordered = [spec.label for spec in template.fields if spec.label in rows]
    return tuple((label, rows[label]) for label in ordered), holder


def _locked_for_change(session: Session, actor: Actor, number: str) -> Certificate:
    """Check the actor may change the certificate, then lock it for the status change."""
    cert = session.scalar(select(Certificate).where(Certificate.number == number))
    if cert is None:
        raise NotFound(NOT_FOUND)
    _check_may_manage(actor, cert)
    return _locked_certificate(session, number)


def _locked_certificate(session: Session, number: str) -> Certificate:
    """Lock, in this order, what serialises the audit chain the change goes on (the instance, else the
    project) and then the certificate row — the order issuance takes too, so lockers never deadlock."""
    cert = session.scalar(select(Certificate).where(Certificate.number == number))
    if cert is None:
        raise NotFound(NOT_FOUND)
    if cert.instance_id is not None:
        workflow.lock(session, cert.instance_id)
    else:
        lock_project(session, cert.project_code)
    return session.scalars(select(Certificate).where(Certificate.number == number).with_for_update()
                           .execution_options(populate_existing=True)).one()


_MANAGERS = {EXAMINER, DEPARTMENT_LEAD}


def _check_may_manage(actor: Actor, cert: Certificate) -> None:
    """Staff of the issuing department (or an administrator) reissue and revoke; nobody else."""
    if actor.role == ADMINISTRATOR:
        return
    if actor.role in _MANAGERS and actor.department_code and actor.department_code == cert.department_code:
        return
    raise NotAllowed("只有发证部门可以换发或撤销此证照", number=cert.number)


def _audit(session: Session, runtime: Runtime, actor: Actor | None, cert: Certificate, action: str,
           before: str | None, details: dict[str, Any]) -> None:
    record(session, runtime, actor, Entry(
        action, cert.project_code, cert.instance_id, task_name=cert.title,
        status_before=before, status_after=cert.status, details=details))


def _to_json(data: certificates.CertificateData) -> dict[str, Any]:
    return {
        "kind": data.kind, "number": data.number, "holder": data.holder, "issuing_authority": data.issuing_authority,
        "issue_date": data.issue_date.isoformat(), "verification_url": data.verification_url,
        "fields": [list(pair) for pair in data.fields], "status_note": data.status_note,
        "blocks": [{"title": b.title, "number": b.number, "fields": [list(p) for p in b.fields]} for b in data.blocks],
    }


def _from_json(doc: Mapping[str, Any]) -> certificates.CertificateData:
    blocks = tuple(certificates.LicenceBlock(b["title"], b["number"], tuple(map(tuple, b["fields"])))
                   for b in doc.get("blocks", ()))
    return certificates.CertificateData(
        kind=doc["kind"], number=doc["number"], holder=doc["holder"], issuing_authority=doc["issuing_authority"],
        issue_date=date.fromisoformat(doc["issue_date"]), verification_url=doc["verification_url"],
        fields=tuple(map(tuple, doc["fields"])), blocks=blocks, status_note=doc.get("status_note", ""))


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))

