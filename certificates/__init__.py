"""Certificates: a frozen ``CertificateData`` in, deterministic PDF bytes out.

Leaf library: the only package that imports reportlab; imports nothing else of ours.
"""

from .data import CertificateData, LicenceBlock
from .errors import (
    CertificateError,
    FontMissing,
    IncompleteCertificate,
    MissingGlyph,
    UnknownKind,
)
from .fonts import CertificateFont, certificate_font
from .receipt import ReceiptData, render_receipt
from .render import check_printable, render_certificate
from .templates import KINDS, TEMPLATES, FieldSpec, Template, get_template

__all__ = [
    "KINDS",
    "TEMPLATES",
    "CertificateData",
    "CertificateError",
    "CertificateFont",
    "FieldSpec",
    "FontMissing",
    "IncompleteCertificate",
    "LicenceBlock",
    "MissingGlyph",
    "ReceiptData",
    "Template",
    "UnknownKind",
    "certificate_font",
    "check_printable",
    "get_template",
    "render_certificate",
    "render_receipt",
]
