"""Numbers and sums of money (PARSING.md, "Amounts")."""
from __future__ import annotations

import pytest

from handlers.parse import amounts_of
from handlers.parse.numbers import to_number


@pytest.mark.parametrize(("span", "value"), [
    ("12", 12), ("1.5", 1.5), ("十二", 12), ("一百二十", 120), ("两", 2), ("1.2万", 12000), ("三万", 30000),
    ("一万二千", 12000), ("1万2千", 12000), ("一点八万", 18000), ("两三万", 30000), ("三五千", 5000),
])
def test_to_number(span: str, value: float) -> None:
    assert to_number(span) == value


@pytest.mark.parametrize("span", ["", "万", "点", "十几"])
def test_to_number_rejects_non_numbers(span: str) -> None:
    assert to_number(span) is None


@pytest.mark.parametrize(("text", "values"), [
    ("合作社分红共计4.5万元", [45000]),
    ("村里出了三万块", [30000]),
    ("宣传物资花了八千元", [8000]),
    ("共发放奖励金9000元", [9000]),
    ("每亩补助800元，涉及120亩", [800]),
    ("预计投入三到五万", [50000]),
    ("预算3-5万元", [50000]),
    ("争取上级资金两三万", [30000]),
    ("投入资金50余万元", [500000]),
    ("累计完成投资15万余元", [150000]),
    ("光伏收益一点八万元", [18000]),
    ("总投资1.2亿元", [120000000]),
    ("补偿款还有120万没到位", [1200000]),
    ("资金还差30万，正在争取", [300000]),
    ("花了300块买了横幅", [300]),
    ("人均增收800元，户均增收2400元", [800, 2400]),
])
def test_amounts(text: str, values: list[float]) -> None:
    assert [a.value for a in amounts_of(text)] == values


@pytest.mark.parametrize("text", [
    "接待游客1.8万人次", "销售鲜桃12万斤", "卖了4万多斤", "铺设管网800米", "带动38户", "流转茶园120亩",
    "挂了两块牌子", "2027年书记项目", "完成进度75%", "接待游客3万，反响很好",
])
def test_quantities_are_not_money(text: str) -> None:
    assert amounts_of(text) == []


def test_amount_keeps_the_words_that_said_it() -> None:
    (amount,) = amounts_of("一年租金三万块，另外流转茶园")
    assert amount.to_dict() == {"value": 30000, "unit": "元", "text": "三万块"}
