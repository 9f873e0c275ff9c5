"""Response shapes of the API (what we return); request forms are validated by ``forms`` in the engine."""

from __future__ import annotations

import marshmallow as ma


class FormData(ma.Schema):
    """A form as the person filled it in; validated by the form key's schema inside the engine."""

    class Meta:
        unknown = ma.INCLUDE


class ErrorOut(ma.Schema):
    """The one error shape of the whole API (``webapp.errors``)."""

    code = ma.fields.String(required=True, metadata={"description": "not_found, not_allowed, form_invalid, http_401…"})
    message = ma.fields.String(required=True, metadata={"description": "中文说明"})
    errors = ma.fields.Dict(required=True, metadata={"description": "字段 → 错误信息列表（表单有误时）"})
    context = ma.fields.Dict(required=True, metadata={"description": "便于更正请求的上下文"})


LIST_PAGE = {"page_size": 100, "max_page_size": 1000}
"""Every list of the API is paginated (``page``, ``page_size``; totals in the X-Pagination header)."""


class SignInArgs(ma.Schema):
    username = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=64))
    password = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))


class ActorOut(ma.Schema):
    user_id = ma.fields.Integer()
    username = ma.fields.String()
    display_name = ma.fields.String()
    role = ma.fields.String()
    department_code = ma.fields.String(allow_none=True)


class SessionOut(ma.Schema):
    user = ma.fields.Nested(ActorOut)
    csrf_token = ma.fields.String()


class ProjectOut(ma.Schema):
    code = ma.fields.String()
    name = ma.fields.String()
    category = ma.fields.String()
    owner_name = ma.fields.String()
    site_address = ma.fields.String()
    registered_at = ma.fields.DateTime()


class InstanceOut(ma.Schema):
    id = ma.fields.Integer()
    project_code = ma.fields.String()
    status = ma.fields.String()


class TaskLineOut(ma.Schema):
    name = ma.fields.String()
    who = ma.fields.String()
    status = ma.fields.String()


class DecisionLineOut(ma.Schema):
    task_name = ma.fields.String()
    who = ma.fields.String()
    outcome = ma.fields.String(allow_none=True)
    opinion = ma.fields.String()
    deemed = ma.fields.Boolean(metadata={"description": "逾期未答复，系统记为同意（超时默许）"})


class StageOut(ma.Schema):
    number = ma.fields.Integer()
    name = ma.fields.String()
    status = ma.fields.String()
    rounds = ma.fields.Integer()
    open_tasks = ma.fields.List(ma.fields.Nested(TaskLineOut))
    decisions = ma.fields.List(ma.fields.Nested(DecisionLineOut))
    limit_days = ma.fields.Integer(allow_none=True, metadata={"description": "本阶段时限（工作日）"})


class ProgressOut(ma.Schema):
    project_code = ma.fields.String()
    project_name = ma.fields.String()
    instance_id = ma.fields.Integer(allow_none=True)
    instance_status = ma.fields.String(allow_none=True)
    stages = ma.fields.List(ma.fields.Nested(StageOut))
    category = ma.fields.String()
    category_name = ma.fields.String()
    total_limit_days = ma.fields.Integer(allow_none=True, metadata={"description": "全流程审批总时限（工作日）"})
    limits_bound = ma.fields.Boolean(metadata={"description": "是否已在首次受理时锁定适用的时限规则"})


class AuditEventOut(ma.Schema):
    seq = ma.fields.Integer()
    action = ma.fields.String()
    actor_name = ma.fields.String()
    acting_for_id = ma.fields.Integer(allow_none=True)
    acting_for_name = ma.fields.String(allow_none=True, metadata={"description": "代办时：代其办理的建设单位"})
    task_name = ma.fields.String(allow_none=True)
    decision = ma.fields.String(allow_none=True)
    status_before = ma.fields.String(allow_none=True)
    status_after = ma.fields.String(allow_none=True)
    created_at = ma.fields.DateTime()
    hash = ma.fields.String()


class InboxArgs(ma.Schema):
    stage = ma.fields.String(load_default=None)
    status = ma.fields.String(load_default=None, validate=ma.validate.OneOf(["ready", "awaiting_supplement",
                                                                                   "in_special_procedure"]))
    mine_only = ma.fields.Boolean(load_default=False)
    project_code = ma.fields.String(load_default=None)
    sort = ma.fields.String(load_default="since", validate=ma.validate.OneOf(["since", "due"]),
                            metadata={"description": "since：按到达时间；due：按办理期限（最近的在前）"})
    after = ma.fields.String(load_default=None, validate=ma.validate.Regexp(r"^[A-Za-z0-9_-]{8,200}$"),
                             metadata={"description": "下一页的位置：取上一页响应 Link 头中 rel=\"next\" 的地址"})


class WorkItemOut(ma.Schema):
    task_id = ma.fields.String()
    instance_id = ma.fields.Integer()
    project_code = ma.fields.String()
    project_name = ma.fields.String()
    name = ma.fields.String()
    stage = ma.fields.String()
    lane = ma.fields.String()
    department_code = ma.fields.String(allow_none=True)
    form_key = ma.fields.String(metadata={"description": "办理时提交的表单"})
    form_schema = ma.fields.Function(lambda item: f"#/components/schemas/Form_{item.form_key}",
                                     metadata={"description": "该表单在 /api/openapi.json 中的结构（JSON 指针）"})
    status = ma.fields.String()
    claimed_by = ma.fields.Integer(allow_none=True)
    since = ma.fields.DateTime()
    warn_at = ma.fields.DateTime(allow_none=True, metadata={"description": "进入预警的时间；暂停计时或无时限时为空"})
    due_at = ma.fields.DateTime(allow_none=True,
                                metadata={"description": "办理期限（逾期时刻）；暂停计时或无时限时为空"})


class CompletedOut(ma.Schema):
    instance_id = ma.fields.Integer()
    task_name = ma.fields.String()
    outcome = ma.fields.String(allow_none=True)
    instance_status = ma.fields.String()


class SupplementOut(ma.Schema):
    id = ma.fields.Integer()
    task_id = ma.fields.String()
    task_name = ma.fields.String()
    materials = ma.fields.List(ma.fields.String())
    opinion = ma.fields.String()
    requested_at = ma.fields.DateTime()
    due_at = ma.fields.DateTime(allow_none=True, metadata={"description": "补正期限（该工作日17:30）"})
    lapsed_at = ma.fields.DateTime(allow_none=True, metadata={"description": "逾期未补正的记录时间"})
    supplied_at = ma.fields.DateTime(allow_none=True)


class ClockOut(ma.Schema):
    key = ma.fields.String()
    label = ma.fields.String()
    stage = ma.fields.String()
    department = ma.fields.String()
    limit_days = ma.fields.Integer()
    used_days = ma.fields.Integer()
    remaining_days = ma.fields.Integer()
    deadline = ma.fields.String()
    state = ma.fields.String()
    paused = ma.fields.Boolean()
    pause_reason = ma.fields.String(allow_none=True)
    stopped = ma.fields.Boolean()
    provisional = ma.fields.Boolean(
        metadata={"description": "截止日期暂定：用到了尚未公布节假日安排年份的日子，公布后自动调整"})


class SpecialProcedureIn(ma.Schema):
    """启动特别程序（所列字段由引擎按表单规则校验）."""

    class Meta:
        unknown = ma.INCLUDE

    kind = ma.fields.Raw(required=True, metadata={
        "description": "expert_review 专家评审、hearing 听证、public_notice 公示、site_inspection 现场踏勘/勘验、"
                       "technical_review 技术审查"})
    reason = ma.fields.Raw(required=True, metadata={"description": "启动理由"})
    limit_days = ma.fields.Raw(required=True, metadata={"description": "特别程序时限，1–60 个工作日"})


class SpecialProcedureResultIn(ma.Schema):
    class Meta:
        unknown = ma.INCLUDE

    result = ma.fields.Raw(required=True, metadata={"description": "特别程序结果（如专家论证意见）"})


class ExtensionRequestIn(ma.Schema):
    class Meta:
        unknown = ma.INCLUDE

    days = ma.fields.Raw(required=True, metadata={"description": "延长的工作日数，1–30"})
    reason = ma.fields.Raw(required=True, metadata={"description": "延期理由"})


class ExtensionDecisionIn(ma.Schema):
    class Meta:
        unknown = ma.INCLUDE

    decision = ma.fields.Raw(required=True, metadata={"description": "approve 批准延期 或 refuse 不予延期"})
    note = ma.fields.Raw(metadata={"description": "审批意见；不予延期时必填"})


class ProcedureOut(ma.Schema):
    id = ma.fields.Integer()
    task_id = ma.fields.String()
    task_name = ma.fields.String()
    kind = ma.fields.String()
    reason = ma.fields.String()
    limit_days = ma.fields.Integer(metadata={"description": "特别程序自身的时限（工作日）"})
    started_at = ma.fields.DateTime()
    ended_at = ma.fields.DateTime(allow_none=True, metadata={"description": "记录结果的时间；为空表示仍在进行"})
    result = ma.fields.String(allow_none=True)


class ProcedureLineOut(ProcedureOut):
    department = ma.fields.String()
    kind_name = ma.fields.String()
    used_days = ma.fields.Integer()
    remaining_days = ma.fields.Integer()
    deadline = ma.fields.Date(metadata={"description": "特别程序的办理期限"})
    state = ma.fields.String(metadata={"description": "正常、预警或逾期"})
    provisional = ma.fields.Boolean(
        metadata={"description": "期限暂定：用到了尚未公布节假日安排年份的日子，公布后自动调整"})


class ExtensionOut(ma.Schema):
    id = ma.fields.Integer()
    project_code = ma.fields.String()
    task_id = ma.fields.String()
    task_name = ma.fields.String()
    days = ma.fields.Integer()
    reason = ma.fields.String()
    status = ma.fields.String(metadata={"description": "pending 待审批、approved 已批准、refused 不予延期"})
    requested_at = ma.fields.DateTime()
    decided_at = ma.fields.DateTime(allow_none=True)
    note = ma.fields.String(allow_none=True)
    deadline_before = ma.fields.Date(allow_none=True, metadata={"description": "批准时原办理期限"})
    deadline_after = ma.fields.Date(allow_none=True, metadata={"description": "批准后的办理期限"})


class ExtensionLineOut(ExtensionOut):
    department = ma.fields.String()
    status_name = ma.fields.String()


class TimeAdjustmentsOut(ma.Schema):
    procedures = ma.fields.List(ma.fields.Nested(ProcedureLineOut))
    extensions = ma.fields.List(ma.fields.Nested(ExtensionLineOut, metadata={
        "description": "建设单位只看到已批准的延期"}))
