"""申请材料: upload to a stage of a project, list, download, remove (multipart upload, JSON otherwise)."""

from __future__ import annotations

import marshmallow as ma
from flask import Request
from flask.views import MethodView
from flask_smorest import Blueprint, Page
from flask_smorest.fields import Upload
from webargs.flaskparser import FlaskParser
from werkzeug.datastructures import CombinedMultiDict

import engine

from .. import auth, db, materials
from .schemas import LIST_PAGE


class _Parser(FlaskParser):
    """Reads one multipart body: its form fields and its files together (webargs keeps them apart)."""

    __location_map__ = {**FlaskParser.__location_map__, "multipart": "load_multipart"}  # noqa: RUF012

    def load_multipart(self, req: Request, schema: ma.Schema) -> object:
        return self._makeproxy(CombinedMultiDict([req.form, req.files]), schema)


class _Blueprint(Blueprint):
    """A blueprint whose OpenAPI shows a multipart upload as one request body (fields and file)."""

    ARGUMENTS_PARSER = _Parser()
    DEFAULT_LOCATION_CONTENT_TYPE_MAPPING = {  # noqa: RUF012
        **Blueprint.DEFAULT_LOCATION_CONTENT_TYPE_MAPPING, "multipart": "multipart/form-data"}


blp = _Blueprint("api-materials", __name__, url_prefix="/api/projects", description="申请材料")


class MaterialUpload(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE  # a page form's csrf_token field, which check_csrf accepts in the body

    stage = ma.fields.String(required=True, metadata={"description": "阶段流程标识，如 stage_project_land_planning"})
    requirement = ma.fields.String(load_default=None, metadata={"description": "对应材料清单中的哪一项（可选）"})
    file = Upload(required=True, metadata={"description": "PDF、JPEG、PNG 或 OFD（按文件内容识别），不超过上限"})


class MaterialArgs(ma.Schema):
    stage = ma.fields.String(load_default=None)


class StoredOut(ma.Schema):
    """A material as the upload answers it."""

    id = ma.fields.Integer()
    project_code = ma.fields.String()
    stage = ma.fields.String()
    requirement = ma.fields.String(allow_none=True)
    display_name = ma.fields.String()
    sha256 = ma.fields.String()
    size = ma.fields.Integer()
    content_type = ma.fields.String()
    uploaded_at = ma.fields.DateTime()


class MaterialOut(StoredOut):
    """A material in a project's list: also who uploaded it."""

    uploaded_by_name = ma.fields.String()


class RemovedOut(ma.Schema):
    id = ma.fields.Integer()
    display_name = ma.fields.String()
    sha256 = ma.fields.String()
    removed_at = ma.fields.DateTime()


@blp.route("/<string:code>/materials")
class Materials(MethodView):
    @blp.arguments(MaterialArgs, location="query")
    @blp.response(200, MaterialOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self, args: dict, code: str) -> list:
        """本项目的申请材料（可按阶段筛选）：文件名、sha256、大小、识别出的类型"""
        return engine.project_materials(db.session(), auth.require_actor(), code, stage=args["stage"],
                                        runtime=db.runtime())

    @blp.arguments(MaterialUpload, location="multipart")
    @blp.response(201, StoredOut)
    def post(self, form: dict, code: str) -> object:
        """上传申请材料（建设单位，或有申报/补正授权的帮办代办员）"""
        new = materials.new_material(form["stage"], form["file"], form["requirement"])
        return engine.attach_material(db.session(), db.runtime(), auth.require_actor(), code, new,
                                      materials.limits())


@blp.route("/<string:code>/materials/<int:material_id>")
class MaterialItem(MethodView):
    @blp.response(200, RemovedOut)
    def delete(self, code: str, material_id: int) -> object:
        """撤回申请材料（阶段办结前）；文件内容仍留存以备查验"""
        return engine.remove_material(db.session(), db.runtime(), auth.require_actor(), code, material_id)


@blp.route("/<string:code>/materials/<int:material_id>/content")
class MaterialContent(MethodView):
    @blp.response(200, {"type": "string", "format": "binary"}, content_type="application/octet-stream")
    def get(self, code: str, material_id: int) -> object:
        """下载申请材料（附件方式，安全的文件名，禁止类型嗅探）"""
        row, data = engine.material_content(db.session(), auth.require_actor(), code, material_id,
                                            runtime=db.runtime())
        return materials.download(row, data)
