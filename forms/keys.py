"""Form keys: the names a BPMN user task's ``formKey`` (and each engine-side form) is known by.

One place for every key, so code compares against a name instead of a string literal. Leaf module:
imports nothing.
"""

from __future__ import annotations

PROJECT_REGISTRATION = "project_registration"

# 一张表单: the owner's one application form per stage (stages 2 and 3 merged for some categories)
STAGE_1_APPLICATION = "stage_1_application"
STAGE_2_APPLICATION = "stage_2_application"
STAGE_3_APPLICATION = "stage_3_application"
STAGE_23_APPLICATION = "stage_23_application"
STAGE_4_APPLICATION = "stage_4_application"
STAGE_APPLICATION_FORMS = frozenset({STAGE_1_APPLICATION, STAGE_2_APPLICATION, STAGE_3_APPLICATION,
                                     STAGE_23_APPLICATION, STAGE_4_APPLICATION})

# decisions of the window, the departments and the lead department
ACCEPTANCE_DECISION = "acceptance_decision"
REVIEW_DECISION = "review_decision"
ISSUANCE = "issuance"
RESUBMISSION_DECISION = "resubmission_decision"
SUPPLEMENT_SUBMISSION = "supplement_submission"

# 容缺受理 and 告知承诺制, 先建后验
TOLERANCE_COMMITMENT = "tolerance_commitment"
TOLERANCE_ACCEPTANCE = "tolerance_acceptance"
TOLERANCE_SUPPLY = "tolerance_supply"
TOLERANCE_CHECK = "tolerance_check"
COMMITMENT_APPLICATION = "commitment_application"
COMMITMENT_VERIFICATION = "commitment_verification"
PRE_PERMIT_APPLICATION = "pre_permit_application"

# 分阶段施工许可 and the 建筑工程综合许可证
PHASE_PERMIT_APPLICATION = "phase_permit_application"
PHASE_PERMIT_ISSUANCE = "phase_permit_issuance"
COMPREHENSIVE_PERMIT_APPLICATION = "comprehensive_permit_application"
JOINT_SITE_INSPECTION = "joint_site_inspection"
COMPREHENSIVE_ISSUANCE = "comprehensive_issuance"

# 特别程序 and 延期 of an item's time limit
SPECIAL_PROCEDURE_START = "special_procedure_start"
SPECIAL_PROCEDURE_END = "special_procedure_end"
EXTENSION_REQUEST = "extension_request"
EXTENSION_DECISION = "extension_decision"
DOCUMENT_CHECK_COMPLETION = "document_check_completion"  # 竣工联合验收: 资料审核 done, 联合现场验收 arranged

# 夜间施工审批 (night construction approval)
NIGHT_WORK_APPLICATION = "night_work_application"
NIGHT_WORK_DECISION = "night_work_decision"

# 建筑垃圾处置核准 e-licence (construction waste disposal)
WASTE_DISPOSAL_APPLICATION = "waste_disposal_application"
WASTE_DISPOSAL_REVIEW = "waste_disposal_review"
# 水电气联动报装 (joint utility connection)
UTILITY_APPLICATION = "utility_connection_application"
UTILITY_ACCEPTANCE = "utility_connection_acceptance"
UTILITY_JOINT_SURVEY = "utility_joint_survey"
UTILITY_SERVICE_SURVEY = "utility_service_survey"
UTILITY_SERVICE_CONNECTION = "utility_service_connection"
UTILITY_OFFSITE_VERIFICATION = "utility_offsite_verification"

# Forms whose outcome routes the workflow (the model names the variable: ``resultVariable``).
ROUTED_FORMS = frozenset({ACCEPTANCE_DECISION, RESUBMISSION_DECISION, REVIEW_DECISION})
# Forms recorded as a ``Decision`` when their task completes.
DECISION_FORMS = frozenset({ACCEPTANCE_DECISION, REVIEW_DECISION, ISSUANCE, RESUBMISSION_DECISION,
                            COMPREHENSIVE_ISSUANCE, JOINT_SITE_INSPECTION})

# Forms of engine use cases that no BPMN task names (their field errors take the same shape).
AGENCY_AUTHORISATION = "agency_authorisation"
AGENCY_REVOCATION = "agency_revocation"
SERVICE_RATING = "service_rating"
FOLLOW_UP_CLOSURE = "follow_up_closure"
SUPERVISION_FILTER = "supervision_filter"
TIME_LIMIT_RULE = "time_limit_rule"
CERTIFICATE_REVOCATION = "certificate_revocation"
CERTIFICATE_REISSUE = "certificate_reissue"
SURVEY_COMMISSION = "survey_commission"
SURVEY_RESULT = "survey_result"
CATALOGUE_ITEM = "catalogue_item"
CREDIT_RECORD = "credit_record"
USER_ACCOUNT = "user_account"
RESULT_HANDOVER = "result_handover"  # 统一出件 at the window
WINDOW_INTAKE = "window_intake"  # 窗口收件: the project a walk-in applicant names
# 办件提醒: a person's channels and contact details (their own, or set by an administrator)
NOTIFICATION_PREFERENCES = "notification_preferences"
CONTACT_DETAILS = "contact_details"
DEPARTMENT = "department"  # 审批部门: an administrator adds one or renames one
