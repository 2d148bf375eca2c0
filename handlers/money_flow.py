"""Which way a reported sum of money went — 投入 (put into the project) or 收入 (earned by it) — and the totals.

A report's amounts ({"value", "unit", "text"}, handlers.parse.amounts) hold only the sum as written ("5万元"),
so a sum is read in its clause of the report's 本月完成 text: the nearest word of either kind before it, else
the first after it. A sum found only in the problems or the plan (a 缺口, next month's spending) was neither
spent nor earned, and one still expected (预计) or planned is not counted either.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

INVESTED, INCOME = "投入", "收入"
ReportMoney = tuple[Sequence[Mapping[str, Any]], str | None]  # one report's amounts, and its 本月完成 text
_WORDS = re.compile(r"(投入|投资|建设|花费|花了|支出|开支)|(收入|收益|分红|营收|增收|创收)")
_NOT_YET = re.compile(r"预计|计划|拟|预算|缺口|还差|还需")
_CLAUSE_END = re.compile(r"[，,；;。！!？?\n]")


def _kind(match: re.Match[str]) -> str:
    return INVESTED if match.group(1) else INCOME


def flow(clause: str, at: int) -> str | None:
    """投入, 收入 or None for the sum at position `at` of a clause: by the nearest word before it, else after."""
    if _NOT_YET.search(clause):
        return None
    words = list(_WORDS.finditer(clause))
    before = [m for m in words if m.end() <= at]
    if before:
        return _kind(before[-1])
    return _kind(words[0]) if words else None


def flows(amounts: Sequence[Mapping[str, Any]], done: str | None) -> list[tuple[str, float]]:
    """Each sum in yuan that went one way or the other, with its way, from one report; others are left out."""
    out: list[tuple[str, float]] = []
    text, cursor = done or "", 0
    for amount in amounts:
        said, value = str(amount.get("text") or ""), amount.get("value")
        if not isinstance(value, int | float) or amount.get("unit", "元") != "元":
            continue
        own = flow(said, len(said))  # an entry that kept its words ("投入5万元") says it itself
        if own is None and said:
            at = text.find(said, cursor)  # in order: "5万元" twice is two sums
            if at < 0:
                continue
            cursor = at + len(said)
            start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, at)), default=0)
            end_match = _CLAUSE_END.search(text, cursor)
            own = flow(text[start:end_match.start() if end_match else len(text)], at - start)
        if own is not None:
            out.append((own, float(value)))
    return out


@dataclass(frozen=True)
class MoneyTotals:
    """Sums reported as put in (投入) and as earned (收入), in yuan."""

    invested: float = 0.0
    income: float = 0.0


def totals(reports: Iterable[ReportMoney]) -> MoneyTotals:
    """投入 and 收入 over reports, each given as (its amounts, its 本月完成 text)."""
    invested = income = 0.0
    for amounts, done in reports:
        for way, value in flows(amounts, done):
            if way == INVESTED:
                invested += value
            else:
                income += value
    return MoneyTotals(invested, income)
