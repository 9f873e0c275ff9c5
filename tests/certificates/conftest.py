"""Shared helpers: render each specimen once, read PDFs back the ways a reader or a test would."""

from __future__ import annotations

import io

import pdfplumber
import pypdf
import pytest

from certificates import KINDS, CertificateData, render_certificate
from certificates.samples import SAMPLES

_RENDERED: dict[str, bytes] = {}


def specimen(kind: str) -> CertificateData:
    """The specimen certificate of ``kind``."""
    return SAMPLES[kind]()


def rendered(kind: str) -> bytes:
    """The specimen of ``kind`` rendered once per test session (rendering is deterministic)."""
    if kind not in _RENDERED:
        _RENDERED[kind] = render_certificate(specimen(kind))
    return _RENDERED[kind]




def pypdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def pdfplumber_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)




@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return request.param
