"""项目登记: what an owner gives to register a project before applying for stage 1."""

from __future__ import annotations

from forms.applications import CATEGORIES
from forms.base import FormSchema
from forms.fields import Choice, ProjectCode, Text


class ProjectRegistration(FormSchema):
    """The project's identity: its national 项目代码, name, category, owner and site."""

    title = "项目登记表"

    project_code = ProjectCode(required=True, label="项目代码")
    project_name = Text(required=True, max_length=100, label="项目名称")
    category = Choice(CATEGORIES, required=True, label="项目类别")
    owner_name = Text(required=True, max_length=100, label="建设单位")
    site_address = Text(required=True, max_length=200, label="建设地点")
