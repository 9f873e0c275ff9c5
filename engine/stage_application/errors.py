"""Why a stage application cannot be submitted yet."""

from __future__ import annotations

from ..errors import EngineError


class ApplicationIncomplete(EngineError):
    """The form was never saved, or a required material has no file; ``field_errors`` says which
    (``form``, ``material-<number>``), so the page puts each message beside its line. Nothing was submitted."""

    code, status = "application_incomplete", 422

    def __init__(self, field_errors: dict[str, list[str]]):
        super().__init__("本阶段申请尚不完整，暂不能提交，请按提示补齐", fields=sorted(field_errors))
        self.field_errors = field_errors
