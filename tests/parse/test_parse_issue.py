"""Issues from the field (PARSING.md, "Issue category", "Urgent", "Location", "Summary")."""
from __future__ import annotations

import pytest

from handlers.parse import is_urgent, issue_category
from tests.parse.conftest import at


@pytest.mark.parametrize(("text", "category"), [
    ("两户人家为了田埂边界吵起来了，差点动手", "dispute"),
    ("老板拖欠工资半年了，工人想讨薪", "dispute"),
    ("邻里之间因为排水沟闹矛盾", "dispute"),
    ("电线杆歪了，电线垂得很低，怕漏电", "safety"),
    ("后山有落石，下面住着人", "safety"),
    ("河边护栏断了一截，小孩多，存在安全隐患", "safety"),
    ("河边有小孩落水，已经救上来了", "safety"),
    ("有户人家煤气泄漏，已经通知燃气公司", "safety"),
    ("有人在田里焚烧秸秆，烟很大", "environment"),
    ("餐馆油烟扰民，住户反映好几次", "environment"),
    ("水塘发黑发臭，蚊蝇很多", "environment"),
    ("自来水停了两天，村民没水喝", "livelihood"),
    ("五保户老人生病住院，生活困难，来村里求助", "livelihood"),
    ("通组路被货车压坏了，出行不方便", "livelihood"),
    ("居民咨询医保缴费怎么办理", "policy"),
    ("想问危房改造补贴申请要准备哪些手续", "policy"),
    ("村务公开栏被人撕坏了，需要重新张贴", "other"),
])
def test_category(text: str, category: str) -> None:
    assert issue_category(text) == category


@pytest.mark.parametrize(("text", "urgent"), [
    ("紧急！后山塌方了", True),
    ("急！三组起火了", True),
    ("电线垂下来了，请供电所马上来处理", True),
    ("请镇里立即派人来看", True),
    ("有人受伤了，已打120", True),
    ("墙体裂缝越来越大，随时可能倒", True),
    ("自来水停了一天，比较急", True),
    ("护栏坏了，建议尽快修一下", False),
    ("路灯不亮，建议处理", False),
    ("不急，下周有空来看看就行", False),
    ("急需一批防汛沙袋", False),
])
def test_urgent(text: str, urgent: bool) -> None:
    assert is_urgent(text) is urgent


@pytest.mark.parametrize(("sender", "text", "expect"), [
    ("杜春梅", "紧急！二组有根电线杆歪了，电线垂得很低，请供电所马上来处理！",
     {"category": "safety", "village": "云溪村", "location": "二组", "urgent": True,
      "summary": "二组有根电线杆歪了，电线垂得很低，请供电所马上来处理"}),
    ("韩磊", "三组两户人家为了田埂边界吵起来了，差点动手，我已经在现场劝解，后续还要跟进。",
     {"category": "dispute", "village": "双河村", "location": "3组", "urgent": False,
      "summary": "3组两户人家为了田埂边界吵起来了，差点动手，已在现场劝解"}),
    ("田芳", "何干事好，第二网格有居民来咨询医保缴费怎么办理，我也说不清楚，请给个答复。",
     {"category": "policy", "village": "白沙社区", "location": "第二网格", "urgent": False,
      "summary": "第二网格有居民来咨询医保缴费怎么办理"}),
    ("马晓东", "白沙社区第一网格有栋老楼墙皮脱落，砸坏了一辆电动车，存在安全隐患，请镇里派人鉴定。",
     {"category": "safety", "village": "白沙社区", "location": "第一网格", "urgent": False,
      "summary": "第一网格有栋老楼墙皮脱落，砸坏了一辆电动车，存在安全隐患，请镇里派人鉴定"}),
    ("杜春梅", "老街有家餐馆油烟扰民，住户反映好几次了，群众意见很大。",
     {"category": "environment", "village": "云溪村", "location": "老街", "urgent": False,
      "summary": "老街有家餐馆油烟扰民，住户反映好几次了"}),
    # the community a grid worker serves is its village, not a place in it
    ("田芳", "社区有居民问今年的高龄补贴怎么申请，要准备什么材料",
     {"category": "policy", "village": "白沙社区", "location": None, "urgent": False,
      "summary": "社区有居民问今年的高龄补贴怎么申请，要准备什么材料"}),
])
def test_issue_record(parser, person, sender: str, text: str, expect: dict) -> None:
    record = parser.parse(text, person(sender), at("2026-05-20 21:00"))
    assert record.kind == "issue"
    assert record.to_dict()["issue"] == expect


@pytest.mark.parametrize(("sender", "text", "summary"), [
    ("杜春梅", "领导好，二组有户人家的狗咬伤了邻居小孩，两家在争医药费，麻烦村里出面调解一下。",
     "二组有户人家的狗咬伤了邻居小孩，两家在争医药费，请村里出面调解一下"),
    ("杜春梅", "紧急！一组河边有小孩落水，已经救上来了，正在送医院。", "一组河边有小孩落水，已经救上来了，正在送医院"),
    ("韩磊", "急急急！4组有户人家煤气泄漏，已经通知燃气公司，我马上过去。", "4组有户人家煤气泄漏，已经通知燃气公司"),
    ("田芳", "第二网格的垃圾桶满了三天没人清运，居民意见很大。", "第二网格的垃圾桶满了三天没人清运"),
    ("韩磊", "谢谢孙委员关心！三组的路面塌陷已经用沙袋围起来了，请交通站尽快来修。",
     "3组的路面塌陷已经用沙袋围起来了，请交通站尽快来修"),
    ("杜春梅", "老街有人在路边焚烧垃圾，烟很大，我已经劝停了，后续还要加强巡查。",
     "老街有人在路边焚烧垃圾，烟很大，已劝停了"),
    ("韩磊", "2组两户人家因为宅基地边界吵架，我调解了两次没谈拢，请镇司法所来帮忙。",
     "2组两户人家因为宅基地边界吵架，调解了两次没谈拢，请镇司法所来帮忙"),
    ("韩磊", "双河村1组低保户王大娘的低保卡丢了，想问补办要带什么材料。",
     "1组低保户王大娘的低保卡丢了，想问补办要带什么材料"),
    ("韩磊", "有村民来问，老房子翻修要办哪些手续，我也说不准，请镇里给个明白话。",
     "有村民来问，老房子翻修要办哪些手续"),
    ("田芳", "急！第一网格有人受伤了，我正往现场赶！", "第一网格有人受伤了"),
])
def test_summary(parser, person, sender: str, text: str, summary: str) -> None:
    record = parser.parse(text, person(sender), at("2026-05-20 21:00"))
    assert record.kind == "issue"
    assert record.issue.summary == summary
