"""Classes of misreading found by scoring three sets of messages written blind (by writers who saw only
PARSING.md) after the round's main changes. The cases here are ours, in the same styles, never the sets' own text;
the docstring of each table says how many failed on the reader of the session's start.
"""
from __future__ import annotations

import pytest

from handlers.parse import amounts_of, is_urgent, issue_category, progress_of
from tests.parse.conftest import at
from tests.parse.test_parse_report_round2 import F1_MIN, text_f1

MAY = "2026-05-18 10:00"  # a Monday


# Report text fields (sender, text, done, problems, next_plan). 9 cases, 7 failed at the start.
SECTIONS = [
    # voice-typed with spaces: each space is a pause, so the label after it still cuts
    ("黄志勇", "这个月光伏板新装了组件300块 累计装了1200块 完成计划的百分之六十 存在问题是并网线路还没批下来 下个月准备去县供电公司催一下",
     "光伏板新装了组件300块 累计装了1200块 完成计划的百分之六十", "并网线路还没批下来", "去县供电公司催一下"),
    ("罗永红", "5月份茶园完成了三分之二的改造 改了低产茶园40亩 还差游步道没修 过完年就动工",
     "茶园完成了三分之二的改造 改了低产茶园40亩", "还差游步道没修", "过完年就动工"),
    ("唐金山", "养蜂合作社春节前完成蜂箱消毒，新签入社协议12户。年后计划引进新蜂种。",
     "养蜂合作社春节前完成蜂箱消毒，新签入社协议12户", None, "引进新蜂种"),
    # a progress figure said among the work stays in the done text, from its first 进度/完成
    ("罗斌", "红色驿站项目完成进度约65%，代办窗口已开放。下步：月底前完成志愿者培训。",
     "代办窗口已开放", None, "月底前完成志愿者培训"),
    ("马晓东", "邻里守望项目整体过半了，网格员全部配齐，巡逻队也建起来了。", "整体过半了，网格员全部配齐，巡逻队也建起来了", None, None),
    # work said before the month is no subject to cut; a short subject goes with "not started"
    ("唐金山", "我们去邻县学了养蜂的经验，回来后合作社上了新包装，本月线上卖了3万元。",
     "去邻县学了养蜂的经验，回来后合作社上了新包装，本月线上卖了3万元", None, None),
    ("黄志勇", "光伏二期尚未启动，卡在用地手续还在县里审批。", None, "卡在用地手续还在县里审批", None),
    # 将 before a counted thing marks the object: it plans nothing
    ("唐金山", "枫林村将村里120亩撂荒地统一流转给合作社，本月完成翻耕的40%。",
     "将村里120亩撂荒地统一流转给合作社，本月完成翻耕的40%", None, None),
    ("罗斌", "红色驿站本月开始试运营 开业以来接待了三百多人次 老街现在还有两间门面空着 下个月打算招商",
     "开始试运营 开业以来接待了三百多人次", "老街现在还有两间门面空着", "招商"),
]


@pytest.mark.parametrize(("sender", "text", "done", "problems", "next_plan"), SECTIONS, ids=[c[1][:16] for c in SECTIONS])
def test_report_sections(parser, person, sender: str, text: str, done: str | None, problems: str | None,
                         next_plan: str | None) -> None:
    record = parser.parse(text, person(sender), at(MAY))
    assert record.kind == "report" and record.report is not None, record.kind
    got = {"done": record.report.done, "problems": record.report.problems, "next_plan": record.report.next_plan}
    want = {"done": done, "problems": problems, "next_plan": next_plan}
    assert all(text_f1(got[k], want[k]) >= F1_MIN for k in want), got


# (text, amounts). 5 cases, 4 failed at the start.
AMOUNTS = [
    ("庭院经济这个月每户补了八百块的种苗", [800]),
    ("下个月搞一次评比，给前五名每户奖一千", [1000]),
    ("驿站这个月签了代办合同，合同金额十二万", [120000]),
    ("渔场每年多收塘租二十五万", [250000]),
    ("补种了三千棵树苗", []),
]


@pytest.mark.parametrize(("text", "values"), AMOUNTS, ids=[c[0][:14] for c in AMOUNTS])
def test_amounts(text: str, values: list[int]) -> None:
    assert [a.value for a in amounts_of(text)] == values


# (text, progress). 4 cases, all 4 failed at the start.
PROGRESS = [
    ("驿站已竣工验收，投入使用一个月了", 100),
    ("养蜂车间已完工一半，蜂箱架搭好了", 50),
    ("物业费收缴率还不高，只有六成多", None),
    ("光伏电站已经全部完成并投入使用", 100),
]


@pytest.mark.parametrize(("text", "value"), PROGRESS, ids=[c[0][:14] for c in PROGRESS])
def test_progress(text: str, value: int | None) -> None:
    assert progress_of(text) == value


# (sender, text, kind). 9 cases, 6 failed at the start.
KINDS = [
    # a notice or a meeting call announces; nothing is due by a day
    ("何静", "通知：明天上午9点在镇三楼召开书记项目调度会，请各村书记准时参加。", "other"),
    ("孙丽", "提醒一下：5月月报还没报的村抓紧报", "other"),
    ("何静", "@罗斌 您上个月的月报我这边已经收到了，谢谢", "other"),
    # an order ending in 报/交 with a date is a hand-off
    ("孙丽", "@唐金山 养蜂合作社的分红方案下旬报一下", "handoff"),
    ("郑国强", "罗永红 茶旅示范带的游客统计这两天交", "handoff"),
    # volunteer work done is a log; a need is not work done; a training next week is planned
    ("罗斌", "学雷锋日村里组织党员志愿者到老街清理垃圾，来了二十多个人", "log"),
    ("罗斌", "老街垃圾很多，需要组织人清理", "issue"),
    ("杜春梅", "上周六晚上在老街值了一晚班，劝回去三拨喝酒闹事的", "log"),
    ("罗永红", "下个礼拜一到县里参加茶叶种植培训", "other"),
]


@pytest.mark.parametrize(("sender", "text", "kind"), KINDS, ids=[c[1][:16] for c in KINDS])
def test_kinds(parser, person, sender: str, text: str, kind: str) -> None:
    assert parser.parse(text, person(sender), at(MAY)).kind == kind


def test_a_document_number_is_no_date(parser, person) -> None:
    """"中央一号文件" names a document, not the first of the month (failed at the start)."""
    record = parser.parse("今天组织村干部学习了中央一号文件，参加8人", person("罗斌"), at("2026-02-10 10:00"))
    assert record.kind == "log" and record.log is not None
    assert (record.log.date.isoformat(), record.log.people) == ("2026-02-10", 8)


def test_deadline_before_handing_in_wins_over_a_period_naming_the_report(parser, person) -> None:
    """"三季度党建工作总结节后第一个工作日报送": due the first working day after 国庆, though the period opens it."""
    record = parser.parse("各村书记：三季度党建工作总结节后第一个工作日报送", person("何静"), at("2026-09-28 09:00"))
    assert record.handoff is not None and record.handoff.deadline.isoformat() == "2026-10-08"


@pytest.mark.parametrize(("sender", "text", "assignees", "task"), [
    ("孙丽", "云溪村 石桥村 年底前完成村集体经济收益分配", {"云溪村", "石桥村"}, "完成村集体经济收益分配"),
    ("郑国强", "云溪村、双河村两个沿河村，明天把防汛责任人名单报党建办", {"云溪村", "双河村"}, "把防汛责任人名单报党建办"),
])
def test_villages_listed(parser, person, sender: str, text: str, assignees: set[str], task: str) -> None:
    """Villages listed with spaces, or before "两个沿河村" (2 cases, both failed at the start)."""
    handoff = parser.parse(text, person(sender), at(MAY)).handoff
    assert handoff is not None and set(handoff.assignees) == assignees
    assert text_f1(handoff.task, task) >= F1_MIN, handoff.task


@pytest.mark.parametrize(("text", "urgent"), [
    ("两户为了宅基地又动手了，有人脸上挂了彩", True),
    ("饲草棚紧挨着电线，冬天干燥，很容易起火", False),
])
def test_urgency(text: str, urgent: bool) -> None:
    """Someone hurt now is urgent; a fire that could happen is not (2 cases, both failed at the start)."""
    assert is_urgent(text) is urgent


@pytest.mark.parametrize(("text", "category"), [
    ("第二网格有个租户晚上经常放音乐到半夜，楼上楼下都睡不好", "environment"),
    ("老街楼下放鞭炮的纸屑三天了没人扫", "environment"),
    ("二组有户人家在田里烧稻草，烟飘到村部这边来了", "environment"),
    ("光伏板下面的电缆被人剪断了一截，露在外面", "safety"),
])
def test_categories(text: str, category: str) -> None:
    """Words of the blind sets' styles the vocabulary lacked (4 cases, 3 failed at the start)."""
    assert issue_category(text) == category


# The fourth blind set's classes (scored once on arrival: 0.956), in our wording: these 7 and the 2 fights below,
# 8 of the 9 failed at the start.
LAST = [
    ("report", "罗斌", "驿站这个月新装了空调 花了六千八 就是电费高 下个月把门口的坡道修好",
     {"problems": "电费高", "next_plan": "把门口的坡道修好"}),
    ("report", "唐金山", "农房风貌提升项目还没开工 在等县住建局批复 下月准备先把材料订了",
     {"problems": "在等县住建局批复"}),
    ("report", "马晓东", "邻里守望项目已完成验收 社区现在安静得很", {"done": "邻里守望项目已完成验收 社区现在安静得很"}),
    ("report", "马晓东", "上月社区成立了楼栋议事会 邻里守望大概完成一半了 问题是有些住户还是习惯晚上放音乐",
     {"problems": "有些住户还是习惯晚上放音乐"}),
    ("log", "罗斌", "昨晚开了支部委员会 研究年度党员评议 七个委员都到了", {}),
    ("other", "杜春梅", "哈哈 老街今天好多人赶集 热闹得很", {}),
    ("handoff", "何静", "请石桥村、枫林村下周三前上报网格员培训名单", {"task": "上报网格员培训名单"}),
]


@pytest.mark.parametrize(("kind", "sender", "text", "fields"), LAST, ids=[c[2][:16] for c in LAST])
def test_last_blind_set_classes(parser, person, kind: str, sender: str, text: str, fields: dict[str, str]) -> None:
    record = parser.parse(text, person(sender), at(MAY))
    assert record.kind == kind
    if kind == "log":  # the count said as who came ("七个委员都到了")
        assert record.log is not None and (record.log.type, record.log.people) == ("meeting", 7)
    block = record.report or record.handoff
    for name, want in fields.items():
        assert text_f1(getattr(block, name), want) >= F1_MIN, (name, getattr(block, name))


@pytest.mark.parametrize(("text", "urgent"), [
    ("老街两个摊主为抢位置打起来了 已经拉开了 派出所的来了", False),
    ("老街两个摊主为抢位置打起来了 快派人来", True),
])
def test_a_fight_that_is_over(text: str, urgent: bool) -> None:
    assert is_urgent(text) is urgent


def test_a_voice_typed_visit_that_names_a_problem_is_still_a_note(parser, person) -> None:
    """"需要" after the work asks for something else; the visit was done, so the chat can ask 登记事件/只记录."""
    record = parser.parse("今天入户走访了二组5户 发现张奶奶家屋顶漏雨 需要尽快维修", person("罗永红"), at(MAY))
    assert record.kind == "issue" and record.log is not None and record.log.people == 5
