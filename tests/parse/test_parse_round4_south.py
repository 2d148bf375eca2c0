"""Round 4, the classes of the last two blind sets (a southern township; public texts): a fire that has taken hold,
a house giving way with its owner refusing to leave, fire hydrants stripped, hardship told with help asked, roads
crushed by lorries, a graduate without work, water no one dares drink; a leader's follow-up order
(复查), money given on a visit, praise passed on, thanks; 到齐, 下半月再…, a total after the money it sums, 拿来镇里.
Written before the change (17 cases, 16 failed then); texts are ours, on the 云溪镇 registry.
"""
from __future__ import annotations

import pytest

from handlers.parse import MessageParser, is_urgent, issue_category
from handlers.parse.amounts import amounts_of
from handlers.registry import Registry
from tests.parse.conftest import at
from tests.parse.test_parse_report_round2 import report_of

NOW = at("2026-07-15 10:00")


@pytest.mark.parametrize(("text", "category", "urgent"), [
    ("起火了！一组养殖场旁边的柴草堆烧起来了，火势不小，已经打了119，请村里马上组织人来！", "safety", True),
    ("二组张大爷一个人住的土坯房，后墙这几天往外鼓，他不肯搬，说住了几十年没事", "safety", False),
    ("小区的消防栓被人拆了水枪，箱子空着，物业说不归他们管", "safety", False),
    ("一组雷大娘，82岁，老伴走了，儿子残疾，家里没什么收入，想申请低保", "livelihood", False),
    ("二组的村道被拉沙石的大车压坏了好几段，下雨全是泥坑", "livelihood", False),
    ("四组有个刚毕业的大学生回村了，一直没找到工作，家里想问问村里有没有合适的岗位推荐", "livelihood", False),
    ("二组老井的水这几天发浑，有股泥腥味，村民不敢喝", "livelihood", False),
])
def test_issue_texts_round4_south(text: str, category: str, urgent: bool) -> None:
    assert (issue_category(text), is_urgent(text)) == (category, urgent)


KINDS = [
    ("孙丽", "杜春梅：老街那个滑坡隐患点，明天上午再去复查一次，有变化立即报告。", "handoff"),
    ("罗斌", "春节前走访慰问老党员、困难党员8人，每人送去慰问金500元。", "log"),
    ("何静", "三季度书记项目通报已发群里，石桥村、枫林村受到通报表扬，请大家对照学习。", "other"),
    ("何静", "感谢各村及时报送10月月报，本月已全部收齐，辛苦大家！", "other"),
    ("罗永红", "多谢孙委员，昨天主题党日的经验材料我学习了，很好。", "other"),
    ("马晓东", "节前走访慰问社区困难党员和老党员6人，送去米和油。", "log"),
    ("郑国强", "黄志勇 光伏二期的施工合同 下周一拿来镇里我看", "handoff"),
]


@pytest.mark.parametrize(("sender", "text", "kind"), KINDS, ids=[c[1][:16] for c in KINDS])
def test_kinds_round4_south(parser: MessageParser, person, sender: str, text: str, kind: str) -> None:
    assert parser.parse(text, person(sender), NOW).kind == kind


def test_members_all_come_are_counted(parser: MessageParser, person) -> None:
    record = parser.parse("今天上午开了支委会，5个支委都到齐，讨论了合作社分红的事。", person("唐金山"), NOW)
    assert record.log is not None and record.log.people == 5


def test_a_plan_for_the_second_half_of_the_month(parser: MessageParser, registry: Registry) -> None:
    report = report_of(parser, registry, "马晓东", "邻里守望本月暂无新进展，主要精力在防汛，下半月再继续推进楼道整治。", NOW)
    assert report.next_plan is not None and "楼道整治" in report.next_plan


@pytest.mark.parametrize(("text", "values"), [
    ("合作社年底分红方案定了，每股分红六百，总共分出去十一万二。", [600, 112000]),
])
def test_a_total_after_the_money_it_sums(text: str, values: list[float]) -> None:
    assert [a.value for a in amounts_of(text)] == values
