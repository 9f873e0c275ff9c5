"""The statutory public holidays of a year, for a year whose official schedule is not yet known.

Each November the State Council publishes next year's schedule; until then a deadline in that year is
counted on a *provisional* calendar built from the holidays the law itself fixes — 全国年节及纪念日放假办法
as revised in 2025 — and nothing else: weekends stay off, no 调休 make-up working day is invented, and a
holiday falling on a weekend is just a weekend (the law grants no "observed" day; the notice decides).

* 元旦 1 day (1 January); 劳动节 2 days (1–2 May); 国庆节 3 days (1–3 October);
* 春节 4 days: 除夕 (the last day of the 12th lunar month) and 正月初一 to 初三;
* 清明节 1 day: the day of the 清明 solar term;
* 端午节 1 day (5th of the 5th lunar month); 中秋节 1 day (15th of the 8th lunar month).

Lunar dates and the 清明 term come from ``lunar_python`` (a maintained astronomical calendar library),
never from a typed table, so 2028, 2029… work like 2027.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from lunar_python import Lunar

SPRING_FESTIVAL_DAYS = 4  # 除夕 + 初一, 初二, 初三
_FIXED = {(1, 1): "元旦", (5, 1): "劳动节", (5, 2): "劳动节", (10, 1): "国庆节", (10, 2): "国庆节", (10, 3): "国庆节"}


@cache
def statutory_holidays(year: int) -> dict[dt.date, str]:
    """The statutory holidays of ``year`` with their names (a date may carry two, e.g. 中秋 on 1 October)."""
    days: dict[dt.date, str] = {}
    for (month, day_of_month), name in _FIXED.items():
        days[dt.date(year, month, day_of_month)] = name
    for lunar_day, name in _lunar_holidays(year):
        days[lunar_day] = f"{days[lunar_day]}、{name}" if lunar_day in days else name
    return days


def _lunar_holidays(year: int) -> list[tuple[dt.date, str]]:
    new_year = Lunar.fromYmd(year, 1, 1)  # 正月初一 of the lunar year that starts in ``year``
    eve = _date(new_year.next(-1))
    spring = [(eve + dt.timedelta(days=offset), "春节") for offset in range(SPRING_FESTIVAL_DAYS)]
    qingming = new_year.getJieQiTable()["清明"]
    return [
        *spring,
        (dt.date(qingming.getYear(), qingming.getMonth(), qingming.getDay()), "清明节"),
        (_date(Lunar.fromYmd(year, 5, 5)), "端午节"),
        (_date(Lunar.fromYmd(year, 8, 15)), "中秋节"),
    ]


def _date(lunar: Lunar) -> dt.date:
    solar = lunar.getSolar()
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())
