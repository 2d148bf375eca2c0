"""投入 and 收入 of 村集体经济 projects, read from the words around each reported sum (handlers/money_flow.py)."""
from __future__ import annotations

from typing import Any

import pytest

from handlers.money_flow import INCOME, INVESTED, MoneyTotals, flows, totals
from handlers.parse import amounts_of


def _amounts(text: str) -> list[dict[str, Any]]:
    """The amounts as a report stores them: the parser's, with only the sum's own words."""
    return [a.to_dict() for a in amounts_of(text)]


@pytest.mark.parametrize(("done", "expected"), [
    ("本月投入资金5万元，实现收益3万元", [(INVESTED, 50000), (INCOME, 30000)]),
    ("销售收入12万元，村集体分红2万元", [(INCOME, 120000), (INCOME, 20000)]),
    ("投资8万元、分红2万元", [(INVESTED, 80000), (INCOME, 20000)]),  # the nearest word before each sum
    ("建设光伏电站花费20万，年收益预计4万", [(INVESTED, 200000)]),  # an expected sum is not yet earned
    ("集体资产清查完毕，5万元到账用于冷库建设", [(INVESTED, 50000)]),  # no word before: the first after it
    ("盘活闲置校舍，租金3万元", []),  # a sum that says neither way is left out
])
def test_each_sum_is_read_in_its_clause(done: str, expected: list[tuple[str, int]]) -> None:
    assert flows(_amounts(done), done) == [(way, float(value)) for way, value in expected]


def test_the_same_sum_twice_is_read_twice_each_in_its_own_clause() -> None:
    done = "投入5万元修路，收益5万元"
    assert flows(_amounts(done), done) == [(INVESTED, 50000.0), (INCOME, 50000.0)]


def test_a_sum_only_in_the_problems_or_the_plan_was_neither_spent_nor_earned() -> None:
    text = "销售收入12万元。存在问题：冷库建设资金缺口10万元。下步计划：再投入8万元"
    assert flows(_amounts(text), "销售收入12万元") == [(INCOME, 120000.0)]
    assert flows(_amounts(text), None) == []


def test_an_entry_that_kept_its_words_says_its_way_itself() -> None:
    entries = [{"value": 30000, "unit": "元", "text": "分红3万元"}, {"value": 2, "unit": "万元", "text": "投入2万元"}]
    assert flows(entries, None) == [(INCOME, 30000.0)]  # a unit the parser never writes is not added up


def test_totals_add_up_every_report() -> None:
    reports = [(_amounts(done), done) for done in ("投入资金5万元", "分红2万元，又投入1.5万元", "进度50%")]
    assert totals(reports) == MoneyTotals(invested=65000.0, income=20000.0)
    assert totals([]) == MoneyTotals()
