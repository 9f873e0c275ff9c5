"""Reading issued PDFs back in tests: their text, and what a phone reads from their QR codes."""

from __future__ import annotations

import io
import re

import pypdf
import pypdfium2 as pdfium
import zxingcpp


def squash(text: str) -> str:
    """Text with all whitespace removed: extractors differ only in where they put spaces and breaks."""
    return re.sub(r"\s+", "", text)


def pdf_text(pdf: bytes) -> str:
    """The document's text as pypdf extracts it, squashed."""
    return squash("".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages))


def qr_texts(pdf: bytes) -> list[str]:
    """Every barcode zxing-cpp finds on the pages of ``pdf`` rendered by pdfium at 2x."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [code.text for page in document for code in zxingcpp.read_barcodes(page.render(scale=2).to_pil())]
    finally:
        document.close()
