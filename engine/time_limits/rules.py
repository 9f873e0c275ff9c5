"""Total time limits per project category (working days), as configuration with an effective date."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

_DEFAULT_TOTAL_DAYS = {
    "government_investment_project": 70,
    "social_investment_project": 50,
    "land_sold_with_scheme": 30,
    "low_risk_social_project": 25,
    "small_industrial_project": 25,
}


def category_total_days(session: Session, category: str, on: date) -> int:
    """The total limit in working days of ``category`` in force ``on`` (defaults from the seeds, REQ-S0-01/S4-02)."""
    return _DEFAULT_TOTAL_DAYS[category]
