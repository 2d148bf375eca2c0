"""Whole messages through MessageParser: kind and the full record (PARSING.md, "The record")."""
from __future__ import annotations

import pytest

from handlers.parse import ParsedMessage
from handlers.parse.intent import Evidence, kind_of
from tests.parse.conftest import at

YX_ALL = ["云溪村", "石桥村", "枫林村", "白沙社区", "双河村"]


@pytest.mark.parametrize(("sender", "text", "kind"), [
    ("罗永红", "茶旅示范带本月新建观景台2处，进度60%。", "report"),
    ("许文", "饮水工程这块这个月又完成入户改造20户", "report"),
    ("唐金山", "养蜂合作社这个月蜂蜜卖得不错，具体进度月底一起报", "report"),
    ("罗斌", "石桥村二组后山塌方了，三户人家要马上转移，请镇里立即派人！", "issue"),
    ("马晓东", "社区两家商户因为占道经营吵起来了，需要出面协调。", "issue"),
    ("罗永红", "请问月报模板在哪里下载？", "other"),
    ("罗永红", "收到", "other"),
    ("郑国强", "@罗永红 茶旅示范带的方案3月20日前报党委会。", "handoff"),
    ("孙丽", "各村书记：防汛物资储备情况月中前报上来。", "handoff"),
    ("何静", "@马晓东 @黄志勇 两位书记抽空把活动室制度上墙整理一下。", "handoff"),
    ("何静", "各位书记早上好！新的一周开始了，大家辛苦了！", "other"),
    ("孙丽", "大家辛苦了，本周的调度会改到周四下午。", "other"),
    ("杜春梅", "二组有户人家的狗咬伤了邻居小孩，两家在争医药费。", "issue"),
    ("杜春梅", "祝各位领导新春快乐，万事如意！", "other"),
    ("韩磊", "好的，谢谢孙委员，我明天一早过去看看。", "other"),
    ("黄志勇", "#52 已办结，材料已报送。", "task_update"),
])
def test_kind(parser, person, sender: str, text: str, kind: str) -> None:
    assert parser.parse(text, person(sender), at("2026-03-10 09:00")).kind == kind


def test_report_record(parser, person) -> None:
    text = ("【云溪村饮水安全巩固提升工程4月进展】\n"
            "一、本月进展：铺设主管网2.3公里，完成入户改造46户，完成总工程量的60%。\n"
            "二、存在问题：还差配套资金12万元。\n"
            "三、下步计划：5月中旬前完成剩余管网接通。")
    record = parser.parse(text, person("罗永红"), at("2026-05-03 09:00"))
    assert record.to_dict() == {
        "kind": "report",
        "report": {"project": "云溪村饮水安全巩固提升工程", "village": "云溪村", "period": "2026-04", "progress": 60,
                   "done": "铺设主管网2.3公里，完成入户改造46户，完成总工程量的60%", "problems": "还差配套资金12万元",
                   "next_plan": "5月中旬前完成剩余管网接通",
                   "amounts": [{"value": 120000, "unit": "元", "text": "12万元"}]},
        "warnings": [],
    }
    assert record.report.project_id == "YX-02"


def test_report_of_a_one_project_village_needs_no_project_words(parser, person) -> None:
    record = parser.parse("这个月蜂蜜卖了3万多元，进度七成。", person("黄志勇"), at("2026-07-20 09:00"))
    assert (record.report.project, record.report.progress) == ("党建引领双河村光伏发电增收项目", 70)
    two = parser.parse("这个月主要忙防汛，两个项目都没什么进展。", person("唐金山"), at("2026-07-20 09:00"))
    assert (two.report.project, two.report.village, two.report.progress) == (None, "枫林村", None)


@pytest.mark.parametrize(("sender", "text", "now", "expect", "warned"), [
    ("郑国强", "请云溪村罗永红书记下月底前拿出茶旅示范带二期规划初稿。", "2026-04-08 15:20",
     {"assignees": ["罗永红"], "deadline": "2026-05-31", "task": "拿出茶旅示范带二期规划初稿"}, False),
    ("何静", "各村（社区）：请于本月底前将一季度党员发展计划报送党建办，逾期将通报。", "2026-03-25 08:45",
     {"assignees": YX_ALL, "deadline": "2026-03-31", "task": "将一季度党员发展计划报送党建办，逾期将通报"}, False),
    ("孙丽", "枫林村、双河村：清明前完成山林防火巡查，情况报镇应急办。", "2026-03-16 10:30",
     {"assignees": ["枫林村", "双河村"], "deadline": "2026-04-03", "task": "完成山林防火巡查，情况报镇应急办"}, False),
    ("何静", "罗书记，请把驿站的台账资料周五前整理好。", "2026-03-10 09:00",
     {"assignees": [], "deadline": "2026-03-13", "task": "把驿站的台账资料整理好"}, True),
    ("郑国强", "@黄志勇 光伏电站的消防设施3天内检查一遍，有问题及时整改。", "2026-10-12 08:30",
     {"assignees": ["黄志勇"], "deadline": "2026-10-15", "task": "光伏电站的消防设施检查一遍，有问题及时整改"}, False),
    ("孙丽", "@罗斌 抓紧把驿站二期的预算做出来。", "2026-10-12 08:30",
     {"assignees": ["罗斌"], "deadline": None, "task": "把驿站二期的预算做出来"}, False),  # no 抓紧 opener
])
def test_handoff_record(parser, person, sender: str, text: str, now: str, expect: dict, warned: bool) -> None:
    record = parser.parse(text, person(sender), at(now))
    assert record.kind == "handoff"
    assert record.to_dict()["handoff"] == expect
    assert any("罗书记" in w for w in record.warnings) is warned


def test_only_the_block_of_the_kind_is_present(parser, person) -> None:
    record = parser.parse("收到，谢谢！", person("罗永红"), at("2026-03-10 09:00"))
    assert record == ParsedMessage("other")
    assert record.to_dict() == {"kind": "other", "warnings": []}


@pytest.mark.parametrize(("sender", "text", "task"), [
    ("郑国强", "@罗斌 请于本周五前将驿站运营情况报党政办。", "将驿站运营情况报党政办"),
    ("孙丽", "各村：务必在5月底前完成党员信息采集，逾期通报。", "完成党员信息采集，逾期通报"),
    ("何静", "唐书记，农房风貌改造的照片明天下午前发我。", "农房风貌改造的照片发我"),
    ("郑国强", "枫林村、双河村两位书记：两周内把防汛物资清单报应急办。", "把防汛物资清单报应急办"),
    ("孙丽", "@黄志勇 光伏收益分配方案6月10日前报党委会研究，有问题及时沟通。",
     "光伏收益分配方案报党委会研究，有问题及时沟通"),
    ("何静", "各村书记注意：明天上午前把本月党日活动照片发群里。", "把本月党日活动照片发群里"),
    ("郑国强", "请许文同志3个工作日内把饮水工程的竣工资料整理好。", "把饮水工程的竣工资料整理好"),
    ("孙丽", "@马晓东 下月中旬前组织一次网格员业务培训。", "组织一次网格员业务培训"),
    ("何静", "双河村：截止6月5日，报送上半年集体经济收入情况。", "报送上半年集体经济收入情况"),
    ("郑国强", "罗永红书记，端午前把茶旅示范带的安全隐患排查一遍。", "把茶旅示范带的安全隐患排查一遍"),
    # every title of text.TITLE_WORDS after a name is part of the address, not of the task
    ("何静", "@许文老师，月底前把饮水工程台账整理好。", "把饮水工程台账整理好"),
    ("郑国强", "@韩磊组长 明天把3组的排查表报上来。", "把3组的排查表报上来"),
])
def test_handoff_task(parser, person, sender: str, text: str, task: str) -> None:
    record = parser.parse(text, person(sender), at("2026-05-20 10:00"))
    assert record.kind == "handoff"
    assert record.handoff.task == task


@pytest.mark.parametrize("text", [
    "祝各位领导马年大吉！", "祝各位领导蛇年大吉，万事如意！", "祝大家龙年吉祥", "鼠年快乐",
])
def test_a_new_year_greeting_of_any_zodiac_year_is_chatter(text: str) -> None:
    # Even when something else points to an issue (a place named), greetings alone are "other".
    named_a_place = Evidence(role="grid_worker", progress=False, project=False, amounts=False, deadline=False,
                             addressees=False, located=True, issue_score=0)
    assert kind_of(text, named_a_place) == "other"
