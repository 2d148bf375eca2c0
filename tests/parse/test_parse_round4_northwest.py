"""Round 4, the last classes: from north-western chat and north-eastern/south-western public texts. Sums (18万的活,
收益到账了，一共九万六千三, 月薪, 一天能挣, 定金, 从十八万降到八万八 in a sentence about 彩礼, 一天一人一百五),
progress (项目完成。), a plan month in the plan's sentence, 适老化 is no wear, a task number said aloud, an extension
to a day after 延期到, a meeting's record, a festival's eve is done, hand-offs closed by 汇总/搞完/拿到, a leader's
thanks, attendance as work done, issue texts. Written before the change (28 cases, 27 failed then); texts are ours,
on the 云溪镇 registry.
"""
from __future__ import annotations

import datetime as dt

import pytest

from handlers.parse import MessageParser, is_urgent, issue_category, period_of, progress_of
from handlers.parse.amounts import amounts_of
from handlers.registry import Registry
from tests.parse.conftest import at
from tests.parse.test_parse_report_round2 import report_of

NOW = at("2026-06-30 09:00")


@pytest.mark.parametrize(("text", "values"), [
    ("11月车间产值出来了，一个月干了18万的活，工人工资发了十二万四千。", [180000, 124000]),
    ("光伏8月份收益到账了，一共九万六千三，按方案三成分到户。", [96300]),
    ("输出保安保洁45人，月薪三千五左右", [3500]),
    ("一个工人一天能挣一百二左右", [120]),
    ("蜜源苗子订下了，定金交了三万", [30000]),
    ("彩礼这个事理事会又劝下来两家，一家从十八万降到八万八，一家十二万降到六万。", [180000, 88000, 120000, 60000]),
    ("雇了四十多个摘茶的，一天一人一百五", [150]),
    ("共走访了三万户，人口从1万降到8千", []),
])
def test_amounts_round4_northwest(text: str, values: list[float]) -> None:
    assert [a.value for a in amounts_of(text)] == values


def test_a_project_said_complete_is_100() -> None:
    assert progress_of("饮水工程11月通水了，全村286户都用上了自来水，项目完成。还剩尾款4.5万元没结。") == 100


def test_a_month_in_the_plans_sentence_is_not_the_period() -> None:
    assert period_of("驿站场地装修完成百分之六十。下一步招募志愿者，5月开门。", dt.date(2026, 4, 8)) == "2026-04"


def test_elder_friendly_is_no_wear(parser: MessageParser, registry: Registry) -> None:
    report = report_of(parser, registry, "罗斌", "驿站场地装修完成百分之六十，采购了适老化桌椅和儿童绘本，花费3.4万元。", NOW)
    assert report.problems is None and report.done is not None and "适老化" in report.done


@pytest.mark.parametrize(("text", "task", "action", "deadline"), [
    ("四十五号任务已经完成了复垦的情况都摸清楚了表也报上去了", 45, "done", None),
    ("#42 申请延期，年底人手太紧，延期到明年1月15号。", 42, "extend", dt.date(2027, 1, 15)),
])
def test_task_updates_said_aloud_or_with_two_dates(parser: MessageParser, person, text: str, task: int,
                                                   action: str, deadline: dt.date | None) -> None:
    update = parser.parse(text, person("罗斌"), at("2026-12-22 10:00")).task_update
    assert update is not None and (update.task, update.action, update.deadline) == (task, action, deadline)


KINDS = [
    ("唐金山", "今天召开3月份主题党日，枫林村应到党员42人，实到36人，学习了两会精神，开展了养蜂场环境整治志愿服务。", "log"),
    ("罗斌", "春节前夕走访慰问村里困难党员和老党员9人，送去米面油。", "log"),
    ("何静", "6月23日组织机关党支部开展主题党日，到石桥村参观红色驿站，参加24人。", "log"),
    ("郑国强", "这个月各村报得都及时，辛苦大家了。", "other"),
    ("何静", "@罗斌 驿站审计资料明天拿到镇上。", "handoff"),
    ("何静", "@马晓东 邻里守望志愿者报名情况上半月汇总。", "handoff"),
    ("孙丽", "@黄志勇 光伏消防检查明后天搞完。", "handoff"),
    ("孙丽", "各村书记：下周二上午到镇会议室开年度述职评议会，述职材料控制在5分钟。", "handoff"),
    ("杜春梅", "一组低保户何大娘今年的低保复核材料交了两个月，还没消息，她想问一下进度。", "issue"),
]


@pytest.mark.parametrize(("sender", "text", "kind"), KINDS, ids=[c[1][:16] for c in KINDS])
def test_kinds_round4_northwest(parser: MessageParser, person, sender: str, text: str, kind: str) -> None:
    assert parser.parse(text, person(sender), NOW).kind == kind


@pytest.mark.parametrize(("text", "category", "urgent"), [
    ("二组马某的房子翻修，挡了后面邓家的光，邓家堵着不让施工", "dispute", False),
    ("三组有户独居老人用的还是老式的液化气罐，阀门有点松，气味大", "safety", False),
    ("一组那段村道下雨冲出两个大坑，三轮车都翻过一回了，村民希望补一下", "livelihood", False),
    ("一组老杨家独居老汉，炉子烟筒漏了，屋里一股煤烟味，我先让他开窗了", "safety", False),
    ("昨晚大暴雨，二组沟口涵洞被堵了，水漫到路面上，急需镇上派台挖掘机", "safety", True),
    ("后山上午下过雨，坡上的土往下溜，底下住着两户，得赶紧撤人！", "safety", True),
])
def test_issue_texts_round4_northwest(text: str, category: str, urgent: bool) -> None:
    assert (issue_category(text), is_urgent(text)) == (category, urgent)
