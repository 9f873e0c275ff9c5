"""A construction site that may be worked on: a project holding a 施工预许可, which night work and waste
disposal require before anyone may apply."""

from __future__ import annotations

from engine import issue_pre_permit

PRE_PERMIT = {"general_contractor": "中建三局第一建设工程有限责任公司", "supervision_unit": "武汉华建工程监理有限公司",
              "survey_unit": "湖北省勘察设计院", "design_unit": "中南建筑设计院股份有限公司",
              "contract_price": "38000.00", "contract_duration_days": 900,
              "construction_scale": "住宅8栋，总建筑面积68000平方米", "project_manager": "刘建国",
              "chief_supervisor": "孙立", "confirmed": True}


def site_with_pre_permit(office, code: str) -> str:
    """A new project ``code`` of the office's owner that holds a construction pre-permit."""
    code, _ = office.new_project(code)
    with office.step() as s:
        issue_pre_permit(s, office.runtime, office.actor(s, "owner"), code, PRE_PERMIT)
    return code
