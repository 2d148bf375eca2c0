"""Done / problems / next_plan (PARSING.md, "Done / problems / next_plan")."""
from __future__ import annotations

import pytest

from handlers.parse import RegistryIndex, sections_of
from handlers.parse.progress import read_progress
from handlers.parse.sections import written_as_form


def split(text: str, index: RegistryIndex):
    # The parser's own pattern of village words that open a text (names and aliases, 这边/这里).
    return sections_of(text, read_progress(text).done_cuts(text, written_as_form(text)), index.subject_re)


@pytest.mark.parametrize(("text", "done", "problems", "next_plan"), [
    # labelled, with a 【】 title and 一、二、三、
    ("【白沙社区6月份“邻里守望”工作进展】\n一、本月进展：完成网格员培训2期，排查矛盾纠纷5起。\n"
     "二、存在问题：网格员补贴偏低，队伍不稳定。\n三、下步计划：7月中旬开展“邻里节”活动。",
     "完成网格员培训2期，排查矛盾纠纷5起", "网格员补贴偏低，队伍不稳定", "7月中旬开展“邻里节”活动"),
    # labels on their own lines
    ("一、本月进展\n1.新增蜂箱200箱；\n2.带动15户。\n二、存在困难\n蜂蜜销路不稳。\n三、下一步打算\n对接电商平台。",
     "1.新增蜂箱200箱；2.带动15户", "蜂蜜销路不稳", "对接电商平台"),
    # a header before a colon, inline labels without colons, the progress clause left out
    ("许文汇报：饮水安全这块，本月完成入户改造46户，整体进度七成五。问题是部分群众不愿交水费。下步计划月底前完成管网接通。",
     "完成入户改造46户", "部分群众不愿交水费", "月底前完成管网接通"),
    # unlabelled: 卡在 is a problem, 还要 a plan; the address and the reporting phrase are no content
    ("郑书记，风貌改造这块跟您汇报一下，已改造农房12户，整体完成三分之一，剩下8户卡在资金上，月底前还要再筹一笔钱。",
     "已改造农房12户", "剩下8户卡在资金上", "月底前还要再筹一笔钱"),
    # the subject before the month is dropped; growth over last year is no work done (the corpus leaves it out), while
    # a level reached is a result kept: "办结率98%"
    ("光伏这块，7月份发电收益1.8万元，同比增长15%，项目整体完成八成。",
     "发电收益1.8万元", None, None),
    ("代办点这块，7月份代办事项96件，事项办结率98%，项目整体完成八成。",
     "代办事项96件，事项办结率98%", None, None),
    # a problem ends where an ongoing measure starts
    ("茶旅示范带4月份新建观景台2处，问题是停车位不够，资金还差20万，正在向县文旅局争取。",
     "新建观景台2处，正在向县文旅局争取", "停车位不够，资金还差20万", None),
    # voice input: no punctuation at all
    ("双河光伏这个月发电量正常收益一点八万元差不多完成了百分之八十五问题是逆变器坏了一台下步联系厂家维修",
     "发电量正常收益一点八万元", "逆变器坏了一台", "联系厂家维修"),
    ("驿站这块这个月进展不错办事群众多了不少问题就是人手不够下一步想招两个公益岗",
     "进展不错办事群众多了不少", "人手不够", "想招两个公益岗"),
    # 一是、二是 and a topic-only subject of a finished project
    ("红色驿站项目已全部完工，6月8日通过镇级验收，累计投入28万元。", "6月8日通过镇级验收，累计投入28万元", None,
     None),
    ("养蜂合作社新增蜂箱200箱，带动15户，进度约40%。", "养蜂合作社新增蜂箱200箱，带动15户", None, None),
    ("这个月主要忙防汛，准备下月再推进。", "主要忙防汛", None, "下月再推进"),
])
def test_sections(index: RegistryIndex, text: str, done: str | None, problems: str | None,
                  next_plan: str | None) -> None:
    parts = split(text, index)
    assert (parts.done, parts.problems, parts.next_plan) == (done, problems, next_plan)
