"""Sums of money, normalized to yuan (PARSING.md, "Amounts")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.parse.numbers import NUMBER, SCALE, plain, to_number
from handlers.parse.text import anchored


@dataclass(frozen=True)
class Amount:
    """One sum of money in yuan, with the words that said it."""

    value: int | float
    text: str
    unit: str = "元"

    def to_dict(self) -> dict[str, object]:
        """The record form: {"value", "unit", "text"}."""
        return {"value": self.value, "unit": self.unit, "text": self.text}


# An optional lower bound ("三到五万", "3-5万元") is swallowed so only the upper end is counted.
_AMOUNT = re.compile(
    rf"(?:{NUMBER}\s*(?:到|至|~|-|—|－)\s*)?(?P<num>{NUMBER})\s*(?:多|余|来)?\s*"
    r"(?P<mult>[万千亿])?(?:多|余)?\s*(?P<cur>元|块钱|块)?"  # "50余万元": the unit may follow 余
)
# Words that make a bare "30万" a sum of money rather than a count.
_MONEY_CONTEXT = re.compile(
    r"元|资金|投资|投入|收入|收益|租金|补偿|补助|补贴|费|款|经费|奖励|奖金|分红|销售额|营收|营业额|增收|"
    r"缺口|还差|预算|花了|花费|成本|支出|开支|节约|筹集|募集|集资|兑付|工资|欠薪|价格|价值|捐|贷款|利润|产值|"
    r"拨付|造价|赔偿|损失|资助|扶持|奖补|销售|卖|赚|挣|亏"
)
# After a bare 万/千 these make it a quantity ("1.8万人次", "12万斤", "4万多斤").
_QUANTITY_UNITS = set("人次斤亩户株棵米吨头只个名件份张台辆套条座间处袋箱盒册字步尾羽克升方年天周月项场批层本瓶")
_ANCHOR = re.compile(r"[元块万千亿]")
_CLAUSE_START = re.compile(r"[，,；;。！!？?\n][^，,；;。！!？?\n]*$")


def _is_money(text: str, m: re.Match[str]) -> bool:
    cur = m.group("cur")
    after = text[m.end():m.end() + 1]
    if cur in ("元", "块钱"):
        return True
    num = m.group("num")
    scaled = bool(m.group("mult")) or any(c in "万千亿" for c in num)
    if cur == "块":
        # "三万块" is money; "两块牌子" counts boards, unless the clause is about money ("花了300块买").
        if scaled or not ("\u4e00" <= after <= "\u9fff"):
            return True
    elif not scaled or after in _QUANTITY_UNITS:
        return False
    clause = _CLAUSE_START.search(text, 0, m.start())
    return bool(_MONEY_CONTEXT.search(text, clause.start() if clause else 0, m.end()))


def amounts_of(text: str) -> list[Amount]:
    """Every sum of money in the text, in order ("5万元" → 50000, "三到五万" → 50000)."""
    out: list[Amount] = []
    for m in anchored(_AMOUNT, _ANCHOR, text, 16, 4):
        if not _is_money(text, m):
            continue
        value = to_number(m.group("num"))
        if value is not None and m.group("mult"):
            value *= SCALE[m.group("mult")]
        if value is None or value <= 0:
            continue
        out.append(Amount(plain(value), m.group().strip()))
    return out
