"""Round 4, classes from central-China chat and eastern public texts: capital numerals and spoken ranges (叁仟伍佰,
四五万, 三万七八), a day's pay per person, a price per 斤; shares and parts that are not progress, completions said
other ways; a leader's cheer, orders with no addressee (节前补齐, 下月底办下来, 尽快处理好, 月中前录入), a thanks for
help, a question on the way; a stuck project reported; an extension asked by a span; an idle project a message opens
with; a grid said without 网格; issue texts. Written before the change (37 cases, 33 failed then); texts are ours, on
the 云溪镇 registry.
"""
from __future__ import annotations

import datetime as dt

import pytest

from handlers.parse import MessageParser, is_urgent, issue_category, progress_of
from handlers.parse.amounts import amounts_of
from handlers.parse.issue import location_match
from handlers.parse.text import normalize
from tests.parse.conftest import at

NOW = at("2026-02-25 09:30")


@pytest.mark.parametrize(("text", "values"), [
    ("夜校办了实用技术培训班，请老师花了叁仟伍佰元", [3500]),
    ("驿站改造还没启动，预计要花个四五万", [50000]),
    ("这个月卖蜂蜜卖了三万七八，除去成本净赚一万五左右", [38000, 15000]),
    ("请了二十个人工，每人每天一百五", [150]),
    ("蜂蜜按每斤18块卖的", [18]),
    ("卖了十二万多一点，村集体分了三万", [120000, 30000]),
    ("发电收益到账了大概两万三吧不对是两万六", [26000]),
])
def test_amounts_round4_central(text: str, values: list[float]) -> None:
    assert [a.value for a in amounts_of(normalize(text)[0])] == values  # as the parser reads it: 叁 is 三


@pytest.mark.parametrize(("text", "progress"), [
    ("蜂蜜今年收了，卖了十五万，村集体提了三成", None),
    ("民宿营业收入6.8万元，村集体按约定分成15%", None),
    ("民宿首批3幢已完工，后面6幢还在办手续", None),
    ("共富工坊项目已完成全部建设内容，目前在等验收", 100),
    ("饮水工程已完成县水利局验收，126户全部通上自来水", 100),
    ("加工坊建起来了，机器花了七万二，全部搞完了", 100),
])
def test_progress_round4_central(text: str, progress: int | None) -> None:
    assert progress_of(text) == progress


KINDS = [
    ("郑国强", "大家辛苦了，今年书记项目整体推进不错，年底再加把劲。", "other", None),
    ("何静", "后备干部谈话记录节前补齐。", "handoff", "2026-04-03"),
    ("郑国强", "光伏二期的用地报批下月底办下来。", "handoff", "2026-03-31"),
    ("孙丽", "老街的商户意见要尽快处理好。", "handoff", None),
    ("何静", "考核打分表节后第一个工作日报我。", "handoff", "2026-04-07"),
    ("何静", "各支部党员学习积分月中前录入系统。", "handoff", "2026-03-15"),
    ("何静", "各位书记，系统里上月的月报已经全部收齐，辛苦了。", "other", None),
    ("孙丽", "罗斌，驿站的收益分配公示明天拍照发群里。", "handoff", "2026-02-26"),
    ("罗永红", "谢谢孙委员帮忙协调，县文旅集团今天已经来村里对接了。", "other", None),
    ("罗斌", "今天镇上开会吗 我在路上 大概十分钟到", "other", None),
    ("罗永红", "茶旅示范带项目卡在消防验收上，民宿是木结构，消防通道不达标，正在跟县消防大队对接。", "report", None),
]


@pytest.mark.parametrize(("sender", "text", "kind", "deadline"), KINDS, ids=[c[1][:16] for c in KINDS])
def test_kinds_round4_central(parser: MessageParser, person, sender: str, text: str, kind: str,
                              deadline: str | None) -> None:
    record = parser.parse(text, person(sender), NOW)
    assert record.kind == kind
    if record.handoff is not None:
        assert (record.handoff.deadline.isoformat() if record.handoff.deadline else None) == deadline


@pytest.mark.parametrize(("text", "deadline", "note"), [
    ("#23 申请延期，台账还要几天，延到3月5号行不行", dt.date(2026, 3, 5), "台账还要几天"),
    ("任务18申请延期一周，招标公告要按规定挂满20天。", dt.date(2026, 3, 4), "招标公告要按规定挂满20天"),
])
def test_an_extension_asked_by_date_or_by_span(parser: MessageParser, person, text: str,
                                               deadline: dt.date, note: str) -> None:
    update = parser.parse(text, person("罗斌"), NOW).task_update
    assert update is not None and (update.action, update.deadline, update.note) == ("extend", deadline, note)


@pytest.mark.parametrize(("text", "project"), [
    ("2月份养蜂这块暂无进展，春节放假。", "枫林村生态养蜂合作社发展"),
    ("养蜂合作社这个月没动，农忙。", "枫林村生态养蜂合作社发展"),
    ("这个月养蜂那边没动，主要在忙防汛", None),
])
def test_an_idle_project_the_message_opens_with(parser: MessageParser, person, text: str,
                                                project: str | None) -> None:
    record = parser.parse(text, person("唐金山"), NOW)
    assert record.report is not None and record.report.project == project


def test_a_grid_said_without_the_word_wangge() -> None:
    found = location_match("安置小区3栋楼下的化粪池冒了，一股味道", ("安置小区网格", "老街网格"))
    assert found is not None and found.name == "安置小区网格"


@pytest.mark.parametrize(("text", "category", "urgent"), [
    ("菜场门口早上流动摊贩占道，东西摆得满地都是，电动车都过不去", "environment", False),
    ("新砌的围墙把排水沟堵了一半，隔壁说下雨水往他家灌，两家已经吵过两回", "dispute", False),
    ("跑网约车的小王被乘客打了，脸上有血，人在卫生院，两边还在吵", "dispute", True),
    ("水库马上要泄洪了，下游河滩上还有几个钓鱼的不肯走", "safety", True),
    ("一户人家液化气罐就放在灶台底下挨着火，胶管也发硬了", "safety", False),
    ("有人半夜拉了一车建筑渣土倒在村道边上，占了半边路", "environment", False),
    ("五保户老张这两天没出门，去敲门才知道腿摔了起不来，身边没人照顾", "livelihood", True),
])
def test_issue_texts_round4_central(text: str, category: str, urgent: bool) -> None:
    assert (issue_category(text), is_urgent(text)) == (category, urgent)
