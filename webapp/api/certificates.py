"""Certificates: a project's list, PDF download (owner or staff), public verification (一码查询),
and reissue / revocation by the issuing department."""

from __future__ import annotations

import marshmallow as ma
from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint, Page

import engine

from .. import auth, db
from .schemas import LIST_PAGE

blp = Blueprint("api-certificates", __name__, url_prefix="/api", description="证照：列表、下载、核验（一码查询）")


class CertificateOut(ma.Schema):
    number = ma.fields.String()
    printed_number = ma.fields.String()
    kind = ma.fields.String()
    title = ma.fields.String()
    status = ma.fields.String()
    status_name = ma.fields.String()
    project_code = ma.fields.String()
    stage = ma.fields.String(allow_none=True)
    holder = ma.fields.String()
    issuing_authority = ma.fields.String()
    issue_date = ma.fields.Date()
    valid_until = ma.fields.Date(allow_none=True)
    sha256 = ma.fields.String()
    issued_at = ma.fields.DateTime()


class FieldOut(ma.Schema):
    label = ma.fields.Function(lambda pair: pair[0])
    value = ma.fields.Function(lambda pair: pair[1])


class VerificationOut(ma.Schema):
    number = ma.fields.String()
    printed_number = ma.fields.String()
    kind = ma.fields.String()
    title = ma.fields.String()
    status = ma.fields.String(metadata={"description": "valid / superseded / revoked / expired"})
    status_name = ma.fields.String(metadata={"description": "有效 / 已被替代 / 已撤销 / 已失效"})
    holder_label = ma.fields.String()
    holder = ma.fields.String()
    authority_label = ma.fields.String()
    issuing_authority = ma.fields.String()
    issue_date = ma.fields.Date()
    valid_until = ma.fields.Date(allow_none=True)
    sha256 = ma.fields.String(metadata={"description": "SHA-256 of the issued PDF"})
    # Named "fields" on the wire; the attribute would shadow Schema.fields for a type checker.
    field_rows = ma.fields.List(ma.fields.Nested(FieldOut), data_key="fields", attribute="fields")
    successor_number = ma.fields.String(allow_none=True)
    predecessor_number = ma.fields.String(allow_none=True)
    status_changed_at = ma.fields.DateTime(allow_none=True)
    revocation_reason = ma.fields.String(allow_none=True)


class ReissueArgs(ma.Schema):
    changes = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String(), required=True,
                             metadata={"description": "证照栏目 → 变更后的内容"})


class RevocationArgs(ma.Schema):
    reason = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=500))


@blp.route("/projects/<string:code>/certificates")
class ProjectCertificates(MethodView):
    @blp.response(200, CertificateOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self, code: str) -> list:
        """项目的证照（建设单位及有权查看本项目的工作人员）"""
        return engine.project_certificates(db.session(), auth.require_actor(), code, runtime=db.runtime())


@blp.route("/certificates/<string:number>/verification")
class Verification(MethodView):
    @blp.response(200, VerificationOut)
    def get(self, number: str) -> object:
        """证照核验（一码查询，无需登录）：状态、主要内容、发证机关与PDF摘要"""
        return engine.verify_certificate(db.session(), db.runtime(), number)


@blp.route("/certificates/<string:number>/pdf")
class CertificatePdf(MethodView):
    @blp.doc(responses={"200": {"description": "证照PDF", "content": {"application/pdf": {}}}})
    def get(self, number: str) -> Response:
        """下载证照PDF（本项目建设单位或工作人员）"""
        cert = engine.certificate_pdf(db.session(), auth.require_actor(), number, runtime=db.runtime())
        response = Response(cert.pdf, mimetype="application/pdf")
        response.headers["Content-Disposition"] = f'attachment; filename="{cert.number}.pdf"'
        response.headers["X-Content-SHA256"] = cert.sha256
        return response


@blp.route("/certificates/<string:number>/reissue")
class Reissue(MethodView):
    @blp.arguments(ReissueArgs)
    @blp.response(201, CertificateOut)
    def post(self, args: dict, number: str) -> object:
        """换发证照（发证部门）：新证取代原证"""
        return engine.reissue_certificate(db.session(), db.runtime(), auth.require_actor(), number, args["changes"])


@blp.route("/certificates/<string:number>/revocation")
class Revocation(MethodView):
    @blp.arguments(RevocationArgs)
    @blp.response(200, CertificateOut)
    def post(self, args: dict, number: str) -> object:
        """撤销证照（发证部门，须说明理由）"""
        return engine.revoke_certificate(db.session(), db.runtime(), auth.require_actor(), number, args["reason"])
