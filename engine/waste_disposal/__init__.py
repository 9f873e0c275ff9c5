"""建筑垃圾处置核准 e-licence (construction waste disposal, REQ-S3-06, 硚口 审管联动): one application for what a
site carries away, on which route, in which vehicles, to which disposal site; the departments review by
category (城管: site, vehicles, sorting; 交管: route; 生态环境: mud) in parallel; when the last agrees, one licence
for at most three months is issued in the name of the 行政审批局 with a QR code an inspector scans on a phone
(the public verification page shows validity, route, vehicles and disposal site); the disposal site's
district sees every licence that ends there, wherever the waste comes from.

A feature package: it may import the core (projects, organisation, agency, audit, runtime, errors, clocks)
and issuance; nothing in the core imports it.
"""

from .models import WasteDisposalLicence, WasteDisposalReview
from .queries import DistrictRow, ReviewRow, district_licences, waste_disposal_for_project, waste_review_queue
from .rules import CATEGORIES, DEFAULT_RULES, WasteDisposalRules, disposal_sites, districts
from .service import apply_waste_disposal, decide_waste_review

__all__ = [
    "CATEGORIES",
    "DEFAULT_RULES",
    "DistrictRow",
    "ReviewRow",
    "WasteDisposalLicence",
    "WasteDisposalReview",
    "WasteDisposalRules",
    "apply_waste_disposal",
    "decide_waste_review",
    "disposal_sites",
    "district_licences",
    "districts",
    "waste_disposal_for_project",
    "waste_review_queue",
]
