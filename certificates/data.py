"""The input of rendering: frozen, validated certificate data.

Validation happens on construction, so an incomplete certificate is refused where it is assembled
(with every missing label named) rather than printed with empty boxes.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from .errors import CertificateError, IncompleteCertificate
from .templates import Template, get_template

Fields = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class LicenceBlock:
    """One licence inside a comprehensive permit: its own title, number and fields (scope, validity…)."""

    title: str
    number: str
    fields: Fields = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "fields", _normalise_fields(self.fields, kind=None))

    def value(self, label: str) -> str:
        """The value of ``label`` or an empty string."""
        return dict(self.fields).get(label, "")


@dataclass(frozen=True)
class CertificateData:
    """Everything variable on one certificate. ``holder`` fills the template's holder row
    (e.g. 建设单位); ``status_note`` (e.g. 已作废) is printed prominently when given."""

    kind: str
    number: str
    holder: str
    issuing_authority: str
    issue_date: datetime.date
    verification_url: str
    fields: Fields
    blocks: tuple[LicenceBlock, ...] = ()
    status_note: str = ""

    def __post_init__(self) -> None:
        template = get_template(self.kind)
        object.__setattr__(self, "fields", _normalise_fields(self.fields, kind=self.kind))
        object.__setattr__(self, "blocks", tuple(self.blocks))
        _check_types(self)
        _check_holder(self, template)
        _check_blocks(self, template)
        missing = tuple(_missing_labels(self, template))
        if missing:
            raise IncompleteCertificate(self.kind, missing)

    @property
    def template(self) -> Template:
        """The template of this certificate's kind."""
        return get_template(self.kind)

    def value(self, label: str) -> str:
        """The value printed in the row ``label``: the holder for the holder row, else the field."""
        if label == self.template.holder_label:
            return self.holder
        return dict(self.fields).get(label, "")

    def texts(self) -> Iterator[tuple[str, str]]:
        """Every variable string with the name of the field it belongs to (for the glyph check)."""
        template = self.template
        yield "编号", self.number
        yield template.holder_label, self.holder
        yield template.authority_label, self.issuing_authority
        yield "核验网址", self.verification_url
        yield "状态", self.status_note
        for label, value in self.fields:
            yield label, label + value
        for block in self.blocks:
            yield f"{block.title}·许可编号", block.title + block.number
            for label, value in block.fields:
                yield f"{block.title}·{label}", label + value


def _normalise_fields(fields: object, kind: str | None) -> Fields:
    """Accept a mapping or an iterable of (label, value) string pairs, store a tuple, refuse duplicates."""
    items = fields.items() if isinstance(fields, Mapping) else fields
    if isinstance(items, str) or not isinstance(items, Iterable):
        raise CertificateError("fields must be (label, value) pairs", kind=kind)
    pairs = tuple(tuple(item) if isinstance(item, (tuple, list)) else (item,) for item in items)
    if any(len(pair) != 2 for pair in pairs):
        raise CertificateError("fields must be (label, value) pairs", kind=kind)
    seen: set[str] = set()
    for label, value in pairs:
        if not isinstance(label, str) or not isinstance(value, str):
            raise CertificateError(f"field {label!r}: label and value must be str", kind=kind, field=str(label))
        if label in seen:
            raise CertificateError(f"field {label!r} given twice", kind=kind, field=label)
        seen.add(label)
    return pairs


def _check_types(data: CertificateData) -> None:
    """Catch the mistakes a type checker would: a string date, a dict block."""
    if not isinstance(data.issue_date, datetime.date):
        raise CertificateError("issue_date must be a datetime.date", kind=data.kind, field="issue_date")
    for name in ("number", "holder", "issuing_authority", "verification_url", "status_note"):
        if not isinstance(getattr(data, name), str):
            raise CertificateError(f"{name} must be str", kind=data.kind, field=name)
    if not all(isinstance(block, LicenceBlock) for block in data.blocks):
        raise CertificateError("blocks must be LicenceBlock instances", kind=data.kind, field="blocks")


def _check_holder(data: CertificateData, template: Template) -> None:
    """The holder row may also be passed in ``fields``, but then it must agree with ``holder``."""
    given = dict(data.fields).get(template.holder_label)
    if given is not None and given.strip() != data.holder.strip():
        message = f"{template.holder_label} {given!r} differs from holder {data.holder!r}"
        raise CertificateError(message, kind=data.kind, field=template.holder_label)


def _check_blocks(data: CertificateData, template: Template) -> None:
    """Licence blocks belong to kinds whose template defines block fields, and only there."""
    if data.blocks and not template.takes_blocks:
        raise CertificateError(f"{data.kind} takes no licence blocks", kind=data.kind, field="blocks")


def _missing_labels(data: CertificateData, template: Template) -> Iterator[str]:
    """Labels of required values that are absent or blank, in print order."""
    for name, label in (("number", "编号"), ("issuing_authority", template.authority_label)):
        if not getattr(data, name).strip():
            yield label
    if not data.verification_url.strip():
        yield "核验网址"
    for spec in template.fields:
        if spec.required and not data.value(spec.label).strip():
            yield spec.label
    if template.takes_blocks and not data.blocks:
        yield "许可信息"
    for block in data.blocks:
        yield from _missing_in_block(block, template)


def _missing_in_block(block: LicenceBlock, template: Template) -> Iterator[str]:
    """Labels missing in one licence block, prefixed by the block title so the licence is clear."""
    title = block.title.strip() or "许可"
    if not block.title.strip():
        yield "许可名称"
    if not block.number.strip():
        yield f"{title}·许可编号"
    for spec in template.block_fields:
        if spec.required and not block.value(spec.label).strip():
            yield f"{title}·{spec.label}"
