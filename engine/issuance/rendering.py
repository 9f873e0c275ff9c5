"""Certificate PDFs are rendered after the issuing action commits, never inside it.

Issuing commits the number, the data the PDF is drawn from and that data's digest (``content_sha256``,
audited) with the decision; drawing the PDF (tens of milliseconds of reportlab) would hold the instance
lock and the action's time for nothing another process cannot do. So ``_issue`` leaves a job for after the
commit (``engine.db.after_commit``: the web request runs it once the response is sent, a CLI step or
test right after its commit) that renders the PDF and stores it with its ``sha256`` in a short
transaction of its own. ``render_pending`` is the renderer's sweep (any process, any number: the row is
claimed with ``SKIP LOCKED``) for certificates a crash left unrendered.

Rendering is deterministic (``certificates``: same data, same bytes), so a PDF asked for before its job
ran is rendered from the committed data on the spot (``printed``): it is byte for byte the PDF the
register will hold — never a missing or a different one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, undefer

import certificates

from ..db import after_commit, transaction
from ..errors import ConfigurationError, InvalidState
from .models import Certificate


@dataclass(frozen=True)
class PrintedCertificate:
    """A certificate's PDF and its digest (stored, or rendered now from the committed data)."""

    number: str
    pdf: bytes
    sha256: str


def queue_render(session: Session, cert: Certificate) -> None:
    """Render ``cert``'s PDF after ``session`` commits (nothing if it rolls back)."""
    number = cert.number
    after_commit(session, lambda engine: render_pending(engine, [number]))


def render_pending(engine: Engine, numbers: list[str] | None = None) -> int:
    """Render and store the PDFs not stored yet (of ``numbers``, or all), one short transaction each;
    returns how many this call stored (another renderer's are skipped, not waited for)."""
    with transaction(engine, write=False) as session:
        stmt = select(Certificate.number).where(Certificate.sha256.is_(None)).order_by(Certificate.id)
        todo = list(session.scalars(stmt if numbers is None else stmt.where(Certificate.number.in_(numbers))))
    stored = 0
    for number in todo:
        with transaction(engine) as session:
            cert = session.scalar(select(Certificate).options(undefer(Certificate.pdf))
                                  .where(Certificate.number == number, Certificate.sha256.is_(None))
                                  .with_for_update(skip_locked=True))
            if cert is not None:
                cert.pdf = render(cert)
                cert.sha256 = hashlib.sha256(cert.pdf).hexdigest()
                stored += 1
    return stored


def printed(cert: Certificate) -> PrintedCertificate:
    """The PDF the register holds for ``cert``; if its render job has not run yet, the same bytes
    rendered now from the committed data (nothing is written: a read stays a read)."""
    if cert.sha256 is not None and cert.pdf is not None:
        return PrintedCertificate(cert.number, cert.pdf, cert.sha256)
    pdf = render(cert)
    return PrintedCertificate(cert.number, pdf, hashlib.sha256(pdf).hexdigest())


def render(cert: Certificate) -> bytes:
    return render_data(from_json(cert.data))


def render_data(data: certificates.CertificateData) -> bytes:
    try:
        return certificates.render_certificate(data)
    except certificates.FontMissing as exc:
        raise ConfigurationError(f"证照字体不可用：{exc}") from exc
    except certificates.CertificateError as exc:
        raise InvalidState(f"证照无法生成：{exc}", kind=data.kind, field=exc.field or "") from exc


def check_printable(data: certificates.CertificateData) -> None:
    """Refuse, inside the issuing transaction, data the renderer could not print (a character the font
    lacks): what is committed will render."""
    try:
        certificates.check_printable(data)
    except certificates.FontMissing as exc:
        raise ConfigurationError(f"证照字体不可用：{exc}") from exc
    except certificates.CertificateError as exc:
        raise InvalidState(f"证照无法生成：{exc}", kind=data.kind, field=exc.field or "") from exc


def content_digest(doc: Mapping[str, Any]) -> str:
    """The digest of the data a PDF is rendered from (committed and audited at issuance)."""
    text = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def to_json(data: certificates.CertificateData) -> dict[str, Any]:
    """The data as stored in the register (``Certificate.data``)."""
    return {
        "kind": data.kind, "number": data.number, "holder": data.holder, "issuing_authority": data.issuing_authority,
        "issue_date": data.issue_date.isoformat(), "verification_url": data.verification_url,
        "fields": [list(pair) for pair in data.fields], "status_note": data.status_note,
        "blocks": [{"title": b.title, "number": b.number, "fields": [list(p) for p in b.fields]} for b in data.blocks],
    }


def from_json(doc: Mapping[str, Any]) -> certificates.CertificateData:
    """The stored data as the renderer takes it (rendering it again gives the same bytes)."""
    blocks = tuple(certificates.LicenceBlock(b["title"], b["number"], tuple(map(tuple, b["fields"])))
                   for b in doc.get("blocks", ()))
    return certificates.CertificateData(
        kind=doc["kind"], number=doc["number"], holder=doc["holder"], issuing_authority=doc["issuing_authority"],
        issue_date=date.fromisoformat(doc["issue_date"]), verification_url=doc["verification_url"],
        fields=tuple(map(tuple, doc["fields"])), blocks=blocks, status_note=doc.get("status_note", ""))
