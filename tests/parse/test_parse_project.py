"""Project-lifecycle messages: kind "project" and its block (docs/project-messages.md)."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from handlers.parse import MessageParser, MilestoneItem, ParsedMessage, ProjectBlock
from handlers.registry import Person, Project
from tests.parse.conftest import at

# Not in the 云溪镇 registry: a county leader is listed under the county, and a supervisor sends no reports.
OUTSIDERS = {"陶县长": Person("陶县长", "county_leader", title="县委副书记"),
             "钱进": Person("钱进", "supervisor", title="镇督导组组长")}
DECEMBER = "2026-12-20 10:00"  # plans for next year are declared at the end of this one
MARCH = "2026-03-10 09:00"

CHA = "党建引领茶旅融合示范带建设"  # 云溪村
GUANGFU = "党建引领双河村光伏发电增收项目"  # 双河村
YANGFENG = "枫林村生态养蜂合作社发展"  # 枫林村
YIZHAN = "石桥村“红色驿站”便民服务项目"  # 石桥村

PLAN = ("我申报一个书记项目：小冬桃产业园。目标：带动50户增收。步骤：3月底前完成选址，5月底前建成大棚，"
        "10月底前首批挂果。措施：合作社+农户。资金：预算20万元。完成时限：2027年12月底")

# (sender, text, when, expected): "kind" and, for a project, the block's fields that must hold.
CASES: list[tuple[str, str, str, dict[str, Any]]] = [
    # leaders publish the topic menu
    ("郑国强", "今年书记项目选题：1.发展村集体经济 2.人居环境整治 3.乡风文明", MARCH,
     {"action": "topics", "topics": ["发展村集体经济", "人居环境整治", "乡风文明"], "title": None, "project": None}),
    ("何静", "2027年书记项目点题：①发展村集体经济②人居环境整治；③移风易俗。请各村3月底前认领", DECEMBER,
     {"action": "topics", "topics": ["发展村集体经济", "人居环境整治", "移风易俗"]}),
    ("陶县长", "领办事项选题：发展村集体经济；基层治理", MARCH,
     {"action": "topics", "topics": ["发展村集体经济", "基层治理"]}),
    # … approve, with the weight when typed
    ("郑国强", "双河村光伏发电方案通过，权重1.2", MARCH,
     {"action": "approve", "project": GUANGFU, "village": "双河村", "weight": 1.2, "note": None}),
    ("郑国强", "同意立项", MARCH, {"action": "approve", "project": None, "village": None, "weight": None}),
    ("孙丽", "枫林村养蜂合作社项目认定，分值1.5", MARCH,
     {"action": "approve", "project": YANGFENG, "village": "枫林村", "weight": 1.5}),
    ("何静", "方案审核通过，请抓紧实施", MARCH, {"action": "approve", "note": "请抓紧实施", "weight": None}),
    # … return, with the comment (and a date to hand the plan in again)
    ("郑国强", "双河村光伏方案退回，请补充资金来源", MARCH,
     {"action": "return", "project": GUANGFU, "village": "双河村", "note": "请补充资金来源", "deadline": None}),
    ("郑国强", "方案需修改：资金来源不明确", MARCH, {"action": "return", "note": "资金来源不明确"}),
    ("孙丽", "验收不通过，请整改：台账不全", MARCH, {"action": "return", "note": "请整改：台账不全"}),
    ("郑国强", "指导修改意见：步骤要细化到月", MARCH, {"action": "return", "note": "步骤要细化到月"}),
    ("郑国强", "茶旅示范带方案退回，请3月20日前补充资金来源后重新提交", MARCH,
     {"action": "return", "project": CHA, "deadline": "2026-03-20"}),
    # … accept and showcase
    ("郑国强", "红色驿站项目验收通过", MARCH,
     {"action": "accept", "project": YIZHAN, "village": "石桥村", "note": None}),
    ("郑国强", "镇级验收通过，销号", MARCH, {"action": "accept", "project": None, "note": None}),
    ("陶县长", "同意验收", MARCH, {"action": "accept", "note": None}),
    ("郑国强", "光伏发电项目列为示范点：带动30户增收", MARCH,
     {"action": "showcase", "project": GUANGFU, "village": "双河村", "note": "带动30户增收"}),
    # a leader's hand-offs and news stay what they were; a leader declares nothing
    ("郑国强", "请各村3月20日前报送书记项目实施方案", MARCH, {"kind": "handoff"}),
    ("郑国强", "@罗永红 方案3月20日前报党委会。", MARCH, {"kind": "handoff"}),
    ("郑国强", "请各村月底前申报书记项目", MARCH, {"kind": "handoff"}),
    ("孙丽", "请各村3月底前报送书记项目选题：每村1到2个", MARCH, {"kind": "handoff"}),
    ("郑国强", "我申报一个书记项目：小冬桃产业园", MARCH, {"kind": "other"}),
    ("郑国强", "石桥村红色驿站项目6月8日通过镇级验收", MARCH, {"kind": "other"}),
    ("郑国强", "#12 验收通过", MARCH, {"kind": "task_update"}),
    ("郑国强", "退回修改，照片不清晰", MARCH, {"kind": "other"}),  # a task's, not a plan's
    # reporters declare a plan: its name, steps with their dates, 完成时限
    ("罗永红", PLAN, DECEMBER,
     {"action": "declare", "project": None, "village": "云溪村", "title": "小冬桃产业园", "deadline": "2027-12-31",
      "note": "带动50户增收", "milestones": [{"title": "完成选址", "due": "2027-03-31"},
                                         {"title": "建成大棚", "due": "2027-05-31"},
                                         {"title": "首批挂果", "due": "2027-10-31"}]}),
    ("罗永红", "书记项目申报表：项目名称：茶园提质增效；目标：亩产提高两成；完成时限：2027年6月底", DECEMBER,
     {"action": "declare", "title": "茶园提质增效", "note": "亩产提高两成", "deadline": "2027-06-30"}),
    ("罗永红", "我们村的书记项目是茶旅示范带，目前进度60%", DECEMBER, {"kind": "report"}),
    ("罗永红", "申报书记项目“茶园提质增效”，年底前完成", DECEMBER,
     {"action": "declare", "title": "茶园提质增效", "deadline": "2026-12-31", "milestones": []}),
    ("许文", "我们村今年的书记项目是茶旅民宿提升，计划6月底前完成改造", DECEMBER,
     {"action": "declare", "village": "云溪村", "title": "茶旅民宿提升", "deadline": None,
      "milestones": [{"title": "完成改造", "due": "2027-06-30"}]}),
    ("唐金山", "枫林村蜂蜜加工坊实施方案：3月底前完成选址，5月底前建成厂房", DECEMBER,
     {"action": "declare", "village": "枫林村", "title": "蜂蜜加工坊", "project": None,
      "milestones": [{"title": "完成选址", "due": "2027-03-31"}, {"title": "建成厂房", "due": "2027-05-31"}]}),
    ("罗永红", "实施方案：步骤：1.完成选址；2.5月底前建成大棚。完成时限2027年底", DECEMBER,
     {"action": "declare", "title": None, "deadline": "2027-12-31",
      "milestones": [{"title": "完成选址", "due": None}, {"title": "建成大棚", "due": "2027-05-31"}]}),
    # … revise it after a return
    ("罗永红", "修改方案：3月底前完成选址，资金来源为县级配套10万元", DECEMBER,
     {"action": "revise", "village": "云溪村", "milestones": [{"title": "完成选址", "due": "2027-03-31"}]}),
    ("罗斌", "补充资金来源：县级配套10万元，村集体自筹5万元", MARCH, {"action": "revise", "village": "石桥村"}),
    ("罗永红", "重新提交茶旅示范带实施方案，请审核", MARCH, {"action": "revise", "project": CHA}),
    # … claim a topic
    ("罗永红", "领第2个", MARCH, {"action": "claim", "topic": 2, "title": None, "village": "云溪村", "project": None}),
    ("黄志勇", "我村领选题2", MARCH, {"action": "claim", "topic": 2, "village": "双河村"}),
    ("罗斌", "认领第三个选题", MARCH, {"action": "claim", "topic": 3}),
    ("唐金山", "领题：发展村集体经济", MARCH, {"action": "claim", "topic": None, "title": "发展村集体经济",
                                        "project": None}),
    # … tick a milestone (only with the word 里程碑)
    ("罗永红", "里程碑完成：观景台建成", MARCH, {"action": "milestone_done", "title": "观景台建成"}),
    ("罗永红", "茶旅示范带项目的观景台已完成（里程碑）", MARCH,
     {"action": "milestone_done", "title": "观景台", "project": CHA, "village": "云溪村"}),
    ("黄志勇", "完成里程碑：光伏板安装", MARCH,
     {"action": "milestone_done", "title": "光伏板安装", "project": GUANGFU}),
    ("罗永红", "完成里程碑：首批游客接待", MARCH,
     {"action": "milestone_done", "title": "首批游客接待", "project": None}),
    # … ask for acceptance
    ("罗永红", "申请验收：茶旅示范带项目已完工。解决了茶农增收问题，形成了茶旅融合经验", MARCH,
     {"action": "request_acceptance", "project": CHA, "note": "解决了茶农增收问题，形成了茶旅融合经验"}),
    ("许文", "茶旅示范带项目申请镇级验收", MARCH, {"action": "request_acceptance", "project": CHA, "note": None}),
    ("罗斌", "申请镇级验收", MARCH, {"action": "request_acceptance", "project": YIZHAN}),  # 石桥村's only project
    ("罗永红", "申请镇级验收", MARCH, {"action": "request_acceptance", "project": None}),  # 云溪村 has two
    # a reporter's reports stay reports; a reporter neither approves nor accepts
    ("罗永红", "茶旅示范带本月迎接验收，进度90%", MARCH, {"kind": "report"}),
    ("罗永红", "茶旅示范带11月通过县级验收，全年接待游客2万人次", MARCH, {"kind": "report"}),
    ("罗永红", "茶旅示范带主体完工，进度95%，下月准备申请验收", MARCH, {"kind": "report"}),
    ("罗永红", "茶旅示范带本月完成观景台建设，进度60%", MARCH, {"kind": "report"}),
    ("罗永红", "下步准备申报茶叶地理标志", MARCH, {"kind": "report"}),
    ("罗永红", "方案通过了", MARCH, {"kind": "other"}),
    ("罗永红", "同意立项", MARCH, {"kind": "other"}),
    ("罗永红", "我们村今年的书记项目是什么？", MARCH, {"kind": "other"}),
    ("罗永红", "#12 申请验收", MARCH, {"kind": "task_update"}),
    ("罗永红", "本月带领第2组党员清扫村道", MARCH, {"kind": "report"}),
    ("罗永红", "已领取第2批茶苗，本月补植20亩", MARCH, {"kind": "report"}),
    ("罗永红", "今年书记项目选题：1.发展村集体经济 2.人居环境整治", MARCH, {"kind": "other"}),  # the menu passed on
    ("杜春梅", "申请验收：二组路灯已修好", MARCH, {"kind": "issue"}),  # a grid worker has no project
    # a supervisor inspects; nothing else they say is recorded
    ("钱进", "督导茶旅示范带项目：现场查看观景台。发现问题：1.台账不全 2.公示未上墙。整改期限3月20日", MARCH,
     {"action": "inspect", "project": CHA, "village": "云溪村", "findings": ["台账不全", "公示未上墙"],
      "deadline": "2026-03-20", "note": "督导茶旅示范带项目：现场查看观景台", "milestones": [], "topics": []}),
    ("钱进", "到双河村检查光伏项目，发现问题：台账不全，公示未上墙，请于3月25日前整改到位", MARCH,
     {"action": "inspect", "project": GUANGFU, "findings": ["台账不全", "公示未上墙"], "deadline": "2026-03-25"}),
    ("钱进", "督导双河村光伏项目，现场查看运行正常，未发现问题", MARCH,
     {"action": "inspect", "project": GUANGFU, "findings": [], "deadline": None,
      "note": "督导双河村光伏项目，现场查看运行正常，未发现问题"}),
    ("钱进", "明天督导组来检查，请各村做好准备，有问题及时整改", MARCH, {"kind": "other"}),
    ("钱进", "明天到双河村督导光伏项目", MARCH, {"kind": "other"}),
    ("钱进", "云溪村二组路灯坏了，晚上出行不方便", MARCH, {"kind": "other"}),
    ("钱进", "双河村光伏发电方案通过", MARCH, {"kind": "other"}),
]


def _sender(person, name: str) -> Person:
    return OUTSIDERS.get(name) or person(name)


@pytest.mark.parametrize(("sender", "text", "when", "expected"), CASES, ids=[c[1][:24] for c in CASES])
def test_project_messages(parser: MessageParser, person, sender: str, text: str, when: str,
                          expected: dict[str, Any]) -> None:
    out = parser.parse(text, _sender(person, sender), at(when)).to_dict()
    kind = expected.get("kind", "project")
    assert out["kind"] == kind, out
    if kind == "project":
        block = out["project"]
        assert {key: block[key] for key in expected} == expected, block


def test_a_return_is_no_handoff(parser: MessageParser, person) -> None:
    # It used to become a task for 双河村 ("请补充资金来源"): a verdict on a plan is not an instruction.
    record = parser.parse("双河村光伏方案退回，请补充资金来源", person("郑国强"), at(MARCH))
    assert record.kind == "project" and record.handoff is None
    assert record.project is not None and record.project.action == "return"


def test_a_declaration_is_no_report(parser: MessageParser, person) -> None:
    # It used to be a report of the month (its 完成时限 and budget read as progress news).
    record = parser.parse(PLAN, person("罗永红"), at(DECEMBER))
    assert record.kind == "project" and record.report is None
    assert record.project is not None and record.project.action == "declare"


def test_showcase_words_name_no_project(registry) -> None:
    # With a 石桥村 project whose title ends in 示范点, "列为示范点" must not point at it.
    with_showcase = dataclasses.replace(registry, projects=registry.projects + (
        Project("SQ-02", "石桥村人居环境示范点", "secretary_project", "石桥村", "罗斌"),))
    parser = MessageParser(with_showcase)
    record = parser.parse("石桥村驿站列为示范点：带动30户增收", with_showcase.person("郑国强"), at(MARCH))
    assert record.project is not None and record.project.project == YIZHAN, record


def test_the_block_keeps_the_project_id(parser: MessageParser, person) -> None:
    record = parser.parse("茶旅示范带项目申请镇级验收", person("罗永红"), at(MARCH))
    assert record.project is not None and record.project.project_id == "YX-01"
    assert "project_id" not in record.to_dict()["project"]


def test_an_unnamed_project_is_warned_about(parser: MessageParser, person) -> None:
    record = parser.parse("里程碑完成：观景台建成", person("罗永红"), at(MARCH))
    assert record.warnings == ("project unclear: 2 projects in 云溪村",)


def test_project_block_json() -> None:
    block = ProjectBlock("declare", village="云溪村", title="小冬桃产业园", deadline=dt.date(2027, 12, 31),
                         milestones=(MilestoneItem("完成选址", dt.date(2027, 3, 31)), MilestoneItem("建成大棚", None)),
                         project_id="YX-09")
    record = ParsedMessage("project", project=block).to_dict()
    assert record == {"kind": "project", "project": {
        "action": "declare", "project": None, "village": "云溪村", "title": "小冬桃产业园", "deadline": "2027-12-31",
        "milestones": [{"title": "完成选址", "due": "2027-03-31"}, {"title": "建成大棚", "due": None}],
        "weight": None, "note": None, "topic": None, "topics": [], "findings": []}, "warnings": []}
