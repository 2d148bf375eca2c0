"""Round 8: the classes of the blind sets of session 16 (s16a–s16e: Yunnan highlands, Zhejiang public texts, the
loess hills' voice run-ons, the northeast in winter, and a suite of date expressions). Each test was written before
its change and failed then; texts are ours, on the 云溪镇 registry.
"""
from __future__ import annotations

import pytest

from handlers.parse import MessageParser, amounts_of
from handlers.registry import Registry
from handlers.registry_reader import registry_from_mapping
from tests.parse.conftest import YUNXI, at


@pytest.mark.parametrize(("text", "now", "deadline"), [
    # 后年 is two years on, also before 年底
    ("@罗斌 后年年底前把驿站的运营收入做到十万以上。", "2026-03-10 10:00", "2028-12-31"),
    ("各村：后年年内完成全部危旧房改造。", "2026-03-10 10:00", "2028-12-31"),
    ("@罗斌 驿站后年要实现盈利。", "2026-03-10 10:00", "2028-12-31"),
    # a bare 下月 bounds work said as coming about (办起来, 建起来)
    ("@罗斌 驿站的便民集市下月办起来。", "2026-06-09 10:00", "2026-07-31"),
])
def test_deadlines_round8(parser: MessageParser, registry: Registry, text: str, now: str, deadline: str) -> None:
    record = parser.parse(text, registry.person("孙丽"), at(now))
    assert record.handoff is not None and str(record.handoff.deadline) == deadline


POTATO = {**YUNXI, "projects": [*YUNXI["projects"], {"id": "SH-02", "title": "党建引领马铃薯全产业链提质增效",
                                                     "village": "双河村", "owner": "黄志勇"}]}


@pytest.mark.parametrize("text", [
    "双河村洋芋这块七月份田间管理结束了，统防统治用药花了两万三，进度到了百分之五十五",
    "汇报一下土豆现在挖了一半多了，淀粉厂按订单收走了二百八十吨，回款三十万八",
])
def test_a_crop_said_by_its_everyday_name_finds_the_project(text: str) -> None:
    registry = registry_from_mapping(POTATO)
    record = MessageParser(registry).parse(text, registry.person("黄志勇"), at("2026-08-03 10:00"))
    assert record.report is not None and record.report.project == "党建引领马铃薯全产业链提质增效"


@pytest.mark.parametrize(("sender", "text", "now", "kind", "people"), [
    # volunteering counted by who took part is the activity's record, not a project's progress
    ("罗斌", "今天组织党员志愿者到村口开展义务植树，种了樱花300多棵，参加党员26人。", "2026-03-12 16:00", "log", 26),
    # "节前在…走访了" is a visit made before the holiday, not one to come
    ("罗斌", "今天端午节前在三组四组走访了独居老人和残疾人家庭12户，送了粽子，老人们身体都还可以。", "2026-06-18 17:00",
     "log", 12),
    # those who took part are the count, not those honoured
    ("罗斌", "7月1号上午村党总支召开“七一”主题党日活动，重温入党誓词，表彰优秀党员5名，全村47名党员参加", "2026-07-02 09:00",
     "log", 47),
    # "好着呢" says all is well: no question
    ("杜春梅", "今天和村医一起入户走访了二组的独居老人，一共11户，血压都量了，情况好着呢。", "2026-03-27 18:00", "log", 11),
    ("罗永红", "5月1号在村委会值班，全天没啥事，巡了一圈老街，好着呢", "2026-05-02 08:10", "log", None),
])
def test_notes_of_work_round8(parser: MessageParser, registry: Registry, sender: str, text: str, now: str, kind: str,
                              people: int | None) -> None:
    record = parser.parse(text, registry.person(sender), at(now))
    assert record.kind == kind and record.log is not None and record.log.people == people


@pytest.mark.parametrize(("text", "sums"), [
    ("驿站运营公司村集体全资，注册资本100万，一年合同额36万元。", ["100万", "36万元"]),  # capital is money
    ("还差一台自助终端，要2.8万，钱还没着落。", ["2.8万"]),  # a cost said with 要
    ("冰场开始浇冰了，县文旅局给争取了20万，进度大概一半", ["20万"]),  # money won
    ("共享菜园认领出去48块，每块一年300元。", ["300元"]),  # plots priced each are counted, not paid
    ("合作社收购社员干耳8600斤，每斤按38块收，统一往外卖", ["38块"]),  # a price by the jin
    ("酸菜和超市签了订单，一缸按一百五收，这个月户均又增收一千多块。", ["一百五", "一千多块"]),  # by the vat
    ("今年还要3万人次的游客量，只要5户报名就开班", []),
])
def test_sums_round8(text: str, sums: list[str]) -> None:
    assert [a.text for a in amounts_of(text)] == sums


def _report(parser: MessageParser, registry: Registry, sender: str, text: str, now: str = "2026-10-09 20:00"):
    record = parser.parse(text, registry.person(sender), at(now))
    assert record.report is not None, record.kind
    return record.report


@pytest.mark.parametrize(("text", "problems"), [
    # a trouble that keeps coming back, or cannot be kept in hand
    ("驿站这个月把门头整完了，投入资金3万元。赶集天门口占道的问题还是反反复复，管不住。", "赶集天门口占道的问题还是反反复复，管不住"),
    # orders falling, people idle
    ("驿站这个月出了点情况，来料加工的订单减少了，车间有20多个人暂时没活干。下步准备找新订单。",
     "来料加工的订单减少了，车间有20多个人暂时没活干"),
    # the weather's harm, said with 就是
    ("驿站旁的菌棚这块，秋耳采完了，一共摆了四万袋。就是今年雨水多，烂了两千来袋。进度差不多七成。", "今年雨水多，烂了两千来袋"),
    # 难处是 / 麻达是 say where the trouble starts, as 问题是 does
    ("驿站这个月整了两个事，一个是摸底，一个是讲了一堂课，进度大概百分之四十五吧，难处是年轻人冬天都出去打工了人不好凑",
     "年轻人冬天都出去打工了人不好凑"),
    ("驿站这块过年也没闲着，把库存的米又销了二十来吨，现在麻达是货架还没到位，今年计划再开一家", "货架还没到位"),
])
def test_troubles_said_round8(parser: MessageParser, registry: Registry, text: str, problems: str) -> None:
    assert _report(parser, registry, "罗斌", text).problems == problems


def test_a_plan_for_the_year_said_in_a_run_is_the_plan(parser: MessageParser, registry: Registry) -> None:
    report = _report(parser, registry, "罗斌", "驿站这块把库存的米又销了二十来吨现在麻达是货架还没到位今年计划再开一家进度的话整个算下来"
                     "百分之十五左右吧", "2026-02-24 10:30")
    assert (report.problems, report.next_plan, report.progress) == ("货架还没到位", "再开一家", 15)
