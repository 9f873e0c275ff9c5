"""Configurable figures of the acceptance modes; defaults from REFERENCE §3 (台州 15 working days' grace, 广州
6 months' ban, 唐山 2 months' pre-permit validity)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..runtime import Runtime


@dataclass(frozen=True)
class AcceptanceSettings:
    grace_days: int = 15  # working days a suspended 容缺 item waits before it is returned (退件)
    ban_months: int = 6  # months a breached commitment bars the owner from 告知承诺
    credit_months: int = 12  # months a bad-credit record keeps the owner out of 容缺受理
    pre_permit_months: int = 2  # validity of a 施工预许可
    pre_permit_scope: str = "基坑、土方、围护"


_ATTRIBUTE = "acceptance_settings"


def configure(runtime: Runtime, settings: AcceptanceSettings) -> None:
    setattr(runtime, _ATTRIBUTE, settings)


def settings_for(runtime: Runtime) -> AcceptanceSettings:
    return getattr(runtime, _ATTRIBUTE, None) or AcceptanceSettings()
