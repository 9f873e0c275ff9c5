"""Shared helpers: render each specimen once, read PDFs back the ways a reader or a test would."""

from __future__ import annotations

import io
import re

import pdfplumber
import pypdf
import pypdfium2 as pdfium
import pytest
import zxingcpp

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


def squash(text: str) -> str:
    """Text with all whitespace removed: extractors differ only in where they put spaces and breaks."""
    return re.sub(r"\s+", "", text)


def pypdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def pdfplumber_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def qr_texts(pdf: bytes) -> list[str]:
    """Every barcode zxing-cpp finds on the pages of ``pdf`` rendered by pdfium at 2x."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [code.text for page in document for code in zxingcpp.read_barcodes(page.render(scale=2).to_pil())]
    finally:
        document.close()


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return request.param
