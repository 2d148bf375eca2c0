"""Progress (PARSING.md, "Progress")."""
from __future__ import annotations

import pytest

from handlers.parse import progress_of, stated_progress_of


@pytest.mark.parametrize(("text", "value"), [
    ("目前进度百分之二十五", 25),
    ("项目整体进度约60%左右", 60),
    ("完成计划的七成", 70),
    ("进度七成五", 75),
    ("大概完成了六七成", 70),
    ("累计完成总工程量的三分之二", 67),
    ("完成了四分之一", 25),
    ("已完成3/4", 75),
    ("整体完成过半", 50),
    ("完成了总工程量的一半", 50),
    ("进度近半", 50),
    ("差不多85%", 85),
    ("进度九成，剩下收尾", 90),
    ("上个月进度是60%，现在到了72%", 72),
    ("进度由40%提高到55%", 55),
    ("累计完成投资68万元，占总投资的45%，工程形象进度50%", 50),
    ("电站主体完工，整体完成一半", 50),  # a stated figure beats 主体完工
    ("项目已全部完工，下月迎接检查", 100),
    ("红色驿站已竣工", 100),
    ("本月通过县级验收", 100),
    ("方案还没开工，正在设计", 0),
    ("养蜂基地尚未启动", 0),
])
def test_progress(text: str, value: int) -> None:
    assert progress_of(text) == value


@pytest.mark.parametrize("text", [
    "党员出勤率95%，活动开展顺利",
    "合作社收入同比增长20%",
    "收集民情诉求45件，办结率91%",
    "95%的群众表示满意",
    "项目资金的一半由县里出",
    "招标还没完成，预计下月",
    "力争年底通过验收",
    "还需要月底前全部完工",  # the plan words are the period reader's too (text.PLANNED_WORDS)
    "打算6月份全面竣工",
    "尚未全部完成",
    "整体进度跟上月持平",
    "3/4前报送材料",
    "主体完工",
])
def test_no_progress(text: str) -> None:
    assert progress_of(text) is None


def test_stated_progress_ignores_words() -> None:
    assert stated_progress_of("#12 已办结") is None
    assert stated_progress_of("#12 完成了百分之七十，照片还在找") == 70
