"""Lunar deadlines: villages count the winter by 腊月 and 正月, and the reader must give the solar day.

Lunar dates used (from the published almanac): lunar year 2026 — 正月初一 2026-02-17, 正月十五 03-03, 冬月初一
2026-12-09, 腊月初一 2027-01-08 (29 days: 除夕 02-05); lunar year 2027 — 正月初一 2027-02-06, 正月十五 02-20;
重阳 2026-10-18, 2027-10-08.
"""
from __future__ import annotations

import datetime as dt

import pytest

from handlers.parse import deadline_of
from tests.parse.conftest import at

FRI = "2026-12-04 10:00"  # lunar 2026-10-26


@pytest.mark.parametrize(("text", "now", "due"), [
    # a lunar month-day is that day, as "3月15日前" is
    ("各村腊月二十三前把返乡人员摸排表报上来", FRI, "2027-01-30"),
    ("腊月廿八前把慰问名单交党政办", FRI, "2027-02-04"),
    ("正月十五前完成入户核查", FRI, "2027-02-20"),
    ("正月初八前报送", FRI, "2027-02-13"),
    ("阴历冬月初十前交", FRI, "2026-12-18"),
    # ... also with 农历 and a month number, which is not the solar December
    ("农历十二月二十日前完成", FRI, "2027-01-27"),
    ("农历12月20号前完成", FRI, "2027-01-27"),
    # 三十 in a 29-day 腊月 is 除夕, as cadres say it
    ("腊月三十前把账结清", FRI, "2027-02-05"),
    # a part of a lunar month
    ("腊月中旬把台账交上来", FRI, "2027-01-27"),
    ("腊月底前把三资台账交上来", FRI, "2027-02-05"),
    # a lunar day already past this lunar year is next year's
    ("正月十五前完成", "2026-03-10 09:00", "2027-02-20"),
    ("正月十五前完成", "2026-02-20 09:00", "2026-03-03"),
    # January days before 正月初一 still belong to the old lunar year
    ("正月初八前报送", "2027-01-20 09:00", "2027-02-13"),
    ("腊月二十三前报送", "2027-01-20 09:00", "2027-01-30"),
    # lunar festivals that are no day off: the day before the festival
    ("腊八前完成煤改气入户核查", FRI, "2027-01-14"),
    ("腊八节前完成", FRI, "2027-01-14"),
    ("小年前把慰问金发到户", FRI, "2027-01-29"),
    ("元宵节前交", FRI, "2027-02-19"),
    ("重阳节前走访完", FRI, "2027-10-07"),
    ("重阳节前走访完", "2026-10-10 09:00", "2026-10-17"),
    # 小年 is no 年前 (the Spring Festival) and 过了十五 is no deadline
    ("小年前", FRI, "2027-01-29"),
    ("过了十五再组织验收", FRI, None),
    ("腊月里事情多，大家辛苦", FRI, None),
])
def test_lunar_days(text: str, now: str, due: str | None) -> None:
    assert deadline_of(text, at(now)) == (dt.date.fromisoformat(due) if due else None)
