"""One valid submission per form key, as a person would type it (strings where an HTML form sends strings)."""

from __future__ import annotations

import copy
from typing import Any

_VALID: dict[str, dict[str, Any]] = {
    "project_registration": {
        "project_code": "2026-420104-47-03-000123",
        "project_name": "汉口滨江商务区 B3 地块办公楼",
        "category": "social_investment_project",
        "owner_name": "武汉滨江置业有限公司",
        "site_address": "武汉市江岸区沿江大道 188 号",
    },
    "stage_1_application": {
        "project_code": "2026-420104-47-03-000123",
        "project_name": "汉口滨江商务区 B3 地块办公楼",
        "category": "social_investment_project",
        "site_address": "武汉市江岸区沿江大道 188 号",
        "land_area": "12500.50",
        "building_area": 86000,
        "total_investment": "45800.00",
        "land_route": "transfer",
        "land_use": "commercial_service",
        "land_approval_no": "武政土〔2026〕15号",
        "owner_name": "武汉滨江置业有限公司",
        "contact_person": "张伟",
        "contact_phone": "13807150123",
        "description": "地上 32 层办公楼，地下 3 层车库。\n配套商业约 6000 平方米。",
    },
    "stage_2_application": {
        "design_unit": "中南建筑设计院股份有限公司",
        "scheme_summary": "主楼 32 层，裙楼 4 层，地下 3 层。",
        "above_ground_area": "68000",
        "underground_area": "18000",
        "building_height": "149.6",
        "floors_above": 32,
        "floors_below": 3,
        "civil_defence_basement_required": True,
        "contact_person": "张伟",
        "contact_phone": "027-88886666",
    },
    "stage_3_application": {
        "general_contractor": "中建三局集团有限公司",
        "supervision_unit": "武汉华中建设监理有限公司",
        "survey_unit": "湖北省建筑勘察设计院",
        "design_unit": "中南建筑设计院股份有限公司",
        "drawing_review_certificate_no": "鄂审 2026-0457",
        "contract_price": "38650.25",
        "contract_duration_days": "900",
        "construction_scale": "总建筑面积 86000 平方米，地上 32 层，地下 3 层",
        "project_manager": "李强",
        "chief_supervisor": "王芳",
        "funds_commitment": True,
        "contact_person": "张伟",
        "contact_phone": "13807150123",
    },
    "stage_4_application": {
        "construction_start_date": "2026-03-01",
        "completion_date": "2026-10-30",
        "structure_type": "框架-核心筒结构",
        "floors": 35,
        "total_floor_area": "86000.00",
        "quality_report_no": "WHZJ-2026-0815",
        "survey_result_ref": "DCHY-2026-0033",
        "contact_person": "张伟",
        "contact_phone": "13807150123",
    },
    "acceptance_decision": {"decision": "accept"},
    "review_decision": {"decision": "approve", "conditions": "开工前完成交通组织方案备案"},
    "issuance": {"certificate_remarks": "附图 3 张", "validity_months": 12},
    "resubmission_decision": {"decision": "resubmit", "note": "已按审查意见修改"},
    "supplement_submission": {"materials": ["建设工程规划许可证附图", "施工合同"]},
    "tolerance_commitment": {"item": "environmental_impact_assessment", "missing_materials": ["公众参与说明"],
                             "confirmed": True},
    "tolerance_acceptance": {"item": "environmental_impact_assessment",
                             "present_materials": ["建设项目环境影响报告书（表）", "环境影响评价审批申请表"],
                             "opinion": "主要材料齐全"},
    "tolerance_supply": {"materials": ["公众参与说明"], "note": "已补齐"},
    "tolerance_check": {"decision": "pass", "opinion": "材料齐全"},
    "commitment_application": {"item": "construction_permit", "confirmed": True},
    "commitment_verification": {"decision": "pass", "site_visit": True, "findings": "现场核查符合承诺", "ban": True},
    "pre_permit_application": {
        "general_contractor": "中建三局第一建设工程有限责任公司", "supervision_unit": "武汉华建工程监理有限公司",
        "survey_unit": "湖北省勘察设计院", "design_unit": "中南建筑设计院股份有限公司", "contract_price": "38000.00",
        "contract_duration_days": 900, "construction_scale": "住宅8栋", "project_manager": "刘建国",
        "chief_supervisor": "孙立", "confirmed": True},
    "phase_permit_application": {
        "phase": "excavation_support_earthworks", "general_contractor": "中建三局第一建设工程有限责任公司",
        "bid_notice_no": "ZB-2026-0815", "survey_unit": "湖北省勘察设计院", "design_unit": "中南建筑设计院",
        "supervision_unit": "武汉华建工程监理有限公司", "contract_price": "38000.00", "contract_duration_days": 900,
        "construction_scale": "住宅8栋，总建筑面积68000平方米", "project_manager": "刘建国",
        "chief_supervisor": "孙立", "quality_safety_commitment": True,
    },
    "phase_permit_issuance": {"remarks": "后续阶段另行申领"},
    "comprehensive_permit_application": {
        "licences": ["construction_permit", "night_work_permit"], "construction_scale": "住宅8栋",
        "contract_price": "38000.00", "general_contractor": "中建三局第一建设工程有限责任公司",
        "supervision_unit": "武汉华建工程监理有限公司", "contract_duration_days": 900, "start_date": "2026-12-01",
        "night_work_from": "2026-12-01", "night_work_to": "2026-12-03", "night_work_hours": "22:00至次日06:00",
        "night_work_reason": "底板混凝土连续浇筑", "spoil_route": "汉西一路—建设大道—三环线",
        "disposal_site": "东西湖区走马岭消纳场", "spoil_volume": "12000.00", "spoil_vehicles": 20,
        "road_location": "汉西一路东侧人行道", "road_area": "320.00", "occupation_from": "2026-12-01",
        "occupation_to": "2027-03-01", "traffic_measures": "设置围挡及导行标志", "greenland_location": "汉西一路绿化带",
        "greenland_area": "150.00", "trees_moved": 12, "sewage_outlet": "汉西一路DN600市政污水管",
        "sewage_volume": "80.00", "civil_defence_area": "6000.00",
    },
    "joint_site_inspection": {"inspection_date": "2026-11-20", "findings": "现场具备施工条件"},
    "document_check_completion": {"site_visit_date": "2026-11-20", "note": "各成员单位资料审核通过"},
    "comprehensive_issuance": {"certificate_remarks": "一证开工"},
    "night_work_application": {
        "general_contractor": "中建三局第一建设工程有限责任公司", "contractor_credit_code": "91420100177565862B",
        "works": "地下室底板大体积混凝土连续浇筑", "reason": "大体积混凝土须连续浇筑，不能留施工缝。",
        "first_night": "2026-11-05", "last_night": "2026-11-06", "start_time": "22:00", "end_time": "06:00",
        "resident_agreement": True, "noise_measures": "使用低噪声振捣设备，设置隔声屏障，禁止鸣笛。",
    },
    "night_work_decision": {"decision": "approve", "opinion": "同意，严格落实噪声防治措施。"},
    "waste_disposal_application": {
        "transport_company": "武汉市汉江渣土运输有限公司", "transport_credit_code": "91420104MA4K2XY83B",
        "muck": True, "mud": False, "demolition": True, "decoration": False, "volume_m3": 12000,
        "route": "古田二路—长丰大道—三环线—金山大道—走马岭汇通大道", "vehicle_plates": ["鄂A12345", "鄂AD34567"],
        "disposal_site": "XN420112001", "first_day": "2026-11-05", "last_day": "2027-02-04",
        "sealed_transport": True,
    },
    "waste_disposal_review": {"decision": "approve", "opinion": "同意，按核准路线运输。"},
    "utility_connection_application": {
        "water": "apply", "power": "high_voltage_single", "gas": "apply", "heat": "none", "telecom": "none",
        "contact_person": "王工", "contact_phone": "13800138000", "demand": "用水量200立方米/日，用电容量2000千伏安",
        "road_works": False, "green_works": False, "commitment": False,
    },
    "utility_connection_acceptance": {"decision": "accept", "survey_date": "2026-11-10", "opinion": "材料齐全"},
    "utility_joint_survey": {"participants": "水务集团、供电公司、燃气公司", "findings": "具备接入条件"},
    "utility_service_survey": {"connection_plan": "从汉西一路DN300市政给水管接入"},
    "utility_service_connection": {"account_number": "WS2026110001", "opinion": "验收合格，已通水"},
    "utility_offsite_verification": {"result": "kept", "opinion": "已按承诺恢复路面"},
    "special_procedure_start": {"kind": "expert_review", "reason": "项目涉及深基坑，需组织专家论证",
                                "limit_days": "3"},
    "special_procedure_end": {"result": "专家论证通过，附论证意见"},
    "extension_request": {"days": "5", "reason": "需征求相邻权利人意见"},
    "extension_decision": {"decision": "approve", "note": "同意延期"},
}
_VALID["stage_23_application"] = {**_VALID["stage_2_application"], **_VALID["stage_3_application"]}


def valid(form_key: str) -> dict[str, Any]:
    """A fresh copy, so one test's edits never leak into another's."""
    return copy.deepcopy(_VALID[form_key])


def form_keys() -> list[str]:
    return sorted(_VALID)
