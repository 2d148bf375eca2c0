"""Numbers in cadre Chinese: digits, Chinese numerals and mixes such as "1.2万", via cn2an.

cn2an is precise but slow (tens of µs a call, more on long text), so it only ever sees the short
numeric spans that the patterns below have already isolated, and every span is cached.
"""
from __future__ import annotations

import re
from functools import lru_cache

import cn2an

CN_DIGITS = "零〇一二三四五六七八九两"
CN_NUMERALS = CN_DIGITS + "十百千万亿"
# A number as written: "12", "1.5", "十二", "一百二十", "1.2万", "三万". A Chinese numeral must
# start with a digit or 十 so that words like 千佛塔 or 万事 are never read as numbers.
NUMBER = (rf"(?:\d+(?:\.\d+)?(?:[万千亿]+(?:\d+[千百十]?)?)?"
          rf"|[{CN_DIGITS}十][{CN_NUMERALS}]*(?:点[{CN_DIGITS}]+[万千亿]?)?)")

# "两三万", "三五千": two adjacent digits mean "two or three"; readers take the larger one.
_PAIR = re.compile(rf"^([{CN_DIGITS}])([{CN_DIGITS}])(?=[十百千万亿]|$)")
SCALE = {"万": 1e4, "千": 1e3, "亿": 1e8}
_DIGIT_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


_TAIL_PAIR = re.compile(r"^(?P<head>.+[万千])(?P<lo>[一二三四五六七八])(?P<hi>[二三四五六七八九])$")
_UNIT_BELOW = {"万": "千", "千": "百"}
# "十一二万", "二十七八万": two adjacent digits after 十 mean "eleven or twelve"; the larger one.
_TEN_PAIR = re.compile(r"^(?P<head>[一二三四五六七八九]?十)(?P<lo>[一二三四五六七八])(?P<hi>[二三四五六七八九])(?P<unit>[百千万亿]*)$")


@lru_cache(maxsize=4096)
def to_number(span: str) -> float | None:
    """The value of one numeric span ("三万" → 30000, "1.2万" → 12000), None when it is not one."""
    span = span.strip()
    if not span:
        return None
    pair = _PAIR.match(span)
    if pair and _DIGIT_VALUE[pair.group(2)] > _DIGIT_VALUE[pair.group(1)]:
        span = span[1:]
    ten = _TEN_PAIR.match(span)
    if ten and _DIGIT_VALUE[ten["hi"]] == _DIGIT_VALUE[ten["lo"]] + 1:
        span = ten["head"] + ten["hi"] + ten["unit"]
    tail = _TAIL_PAIR.match(span)
    if tail and _DIGIT_VALUE[tail["hi"]] == _DIGIT_VALUE[tail["lo"]] + 1:
        # "三万七八" is 37–38 thousand: the upper end, its unit one below the one said ("三万八千")
        span = tail["head"] + tail["hi"] + _UNIT_BELOW[tail["head"][-1]]
    try:
        return float(cn2an.cn2an(span, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        pass
    # cn2an reads "1.8万" but not "一点八万": scale the part before the unit ourselves.
    if len(span) > 1 and span[-1] in SCALE:
        base = to_number(span[:-1])
        return None if base is None else base * SCALE[span[-1]]
    return None


def to_int(span: str) -> int | None:
    """to_number rounded to an int, or None."""
    value = to_number(span)
    return None if value is None else int(round(value))


def plain(value: float) -> int | float:
    """An int when the value is whole (50000.0 → 50000), else the float rounded to 2 places."""
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded
