"""The certificate register: numbering, issuance at the end of each stage, superseding, revocation,
expiry, and public verification (一码查询).

Certificates are rendered by ``certificates`` (the only package that imports reportlab); this package
stores what was rendered — data and its digest at issuance, PDF and sha256 right after the issuing
commit (``rendering``) — with its status, and audits every change. Like every
use case, these take the caller's session and never commit.
"""

from .models import STATUS_NAMES, Certificate, CertificateCounter
from .numbering import allocate_number
from .register import (
    Issue,
    certificate_data,
    certificate_pdf,
    expire_due,
    issue_certificate,
    issue_document,
    issue_stage_certificate,
    project_certificates,
    reissue,
    revoke,
    supersede,
)
from .rendering import PrintedCertificate, render_pending
from .settings import IssuanceSettings, NumberingRule, configure, settings_for
from .verification import Verification, verify_certificate

__all__ = [
    "STATUS_NAMES",
    "Certificate",
    "CertificateCounter",
    "IssuanceSettings",
    "Issue",
    "NumberingRule",
    "PrintedCertificate",
    "Verification",
    "allocate_number",
    "certificate_data",
    "certificate_pdf",
    "configure",
    "expire_due",
    "issue_certificate",
    "issue_document",
    "issue_stage_certificate",
    "project_certificates",
    "reissue",
    "render_pending",
    "revoke",
    "settings_for",
    "supersede",
    "verify_certificate",
]
