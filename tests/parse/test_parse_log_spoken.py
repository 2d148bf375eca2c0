"""Work logs as village cadres say them (PARSING.md, "Log"): colloquial notes, the villages' own meeting, study and
duty words, counts as said, the place of the work, and a corrected count written back into the summary.

Sent on Wednesday 2026-03-18, as in test_parse_log.py.
"""
from __future__ import annotations

import pytest

from handlers.parse import restate_people
from tests.parse.conftest import at
from tests.parse.test_parse_log import WED, log

# How village cadres say it in chat, by voice or thumb: not the ledger's words.
COLLOQUIAL = [
    ("罗斌", "昨儿晚上组织党员学了下新修订的条例 来了十五个人", WED,
     log("study", "石桥村", "2026-03-17", 15, "昨儿晚上组织党员学了下新修订的条例 来了十五个人")),
    ("唐金山", "前儿个两委开了个短会 说了说春耕的事", WED,
     log("meeting", "枫林村", "2026-03-16", None, "前儿个两委开了个短会 说了说春耕的事")),
    ("黄志勇", "今儿上午跟两委几个人碰了个头", WED,
     log("meeting", "双河村", "2026-03-18", None, "今儿上午跟两委几个人碰了个头")),
    ("杜春梅", "下午在老街跑了几户", WED, log("visit", "云溪村", "2026-03-18", None, "下午在老街跑了几户")),
    ("许文", "昨天去了趟老张家 他家情况都还好", WED,
     log("visit", "云溪村", "2026-03-17", None, "昨天去了趟老张家 他家情况都还好")),
    ("韩磊", "今天把3组挨家挨户过了一遍", WED, log("visit", "双河村", "2026-03-18", None, "今天把3组挨家挨户过了一遍")),
    ("唐金山", "上午看望了五保户李大爷", WED, log("visit", "枫林村", "2026-03-18", None, "上午看望了五保户李大爷")),
    ("罗永红", "晚上到老党员家拉了拉家常", WED, log("visit", "云溪村", "2026-03-18", None, "晚上到老党员家拉了拉家常")),
    ("罗斌", "昨晚在村部守着，没啥事", WED, log("duty", "石桥村", "2026-03-17", None, "昨晚在村部守着，没啥事")),
    ("唐金山", "今天轮到我值班", WED, log("duty", "枫林村", "2026-03-18", None, "今天轮到我值班")),
    ("黄志勇", "昨天值了个夜班 一切正常", WED, log("duty", "双河村", "2026-03-17", None, "昨天值了个夜班 一切正常")),
    ("罗斌", "昨天组织党员学了学党章 到了二十几个", WED,
     log("study", "石桥村", "2026-03-17", 20, "昨天组织党员学了学党章 到了二十几个")),
    ("杜春梅", "今天走了七八户 宣传医保缴费", WED,
     log("visit", "云溪村", "2026-03-18", 8, "今天走了七八户 宣传医保缴费")),
    ("许文", "今天入户 一共去了6家", WED, log("visit", "云溪村", "2026-03-18", 6, "今天入户 一共去了6家")),
]

# Meeting, study and duty words of the villages that the ledger words miss.
MORE_WORDS = [
    ("罗斌", "昨天开了三组村民小组会", "meeting"),
    ("罗斌", "今天开了组务会，研究修路的事", "meeting"),
    ("唐金山", "上午召开户主会 讲了讲人居环境整治", "meeting"),
    ("黄志勇", "今天召开党员会", "meeting"),
    ("罗永红", "昨天晚上开了支部会", "meeting"),
    ("罗斌", "二组今天开了小组会", "meeting"),
    ("马晓东", "今天开了院坝会", "meeting"),
    ("唐金山", "昨晚在晒场开了坝坝会，来了四十多人", "meeting"),
    ("黄志勇", "今天开了群众会，讲解光伏分红办法", "meeting"),
    ("罗永红", "前天晚上开了村民夜话会", "meeting"),
    ("罗斌", "昨晚办了一期农民夜校", "study"),
    # a 党课 is one of 三会一课, which PARSING.md lists among meetings
    ("罗永红", "今天给党员讲了一堂微党课", "meeting"),
    ("唐金山", "上午书记上了党课", "meeting"),
    ("马晓东", "周六社区搞了个读书会", "study"),
    ("韩磊", "昨晚在河边守夜", "duty"),
    ("杜春梅", "昨天防汛值守 无异常", "duty"),
    ("罗斌", "这两天村部24小时值班", "duty"),
]

# How many came or were reached, as said.
COUNTS = [
    ("罗斌", "今天开了支部会，参加的有32名党员", 32),
    ("唐金山", "昨天召开党员大会，实到28人", 28),
    ("黄志勇", "今天召开党员会 应到30人实到27人", 27),
    ("罗永红", "今天召开党员大会，应到30人，到会27人", 27),
    ("杜春梅", "今天走访了十几户", 10),  # "十几": at least ten, as "40多人" is 40
    ("许文", "昨天入户走访了十来户", 10),
    ("韩磊", "今天走访了七八户", 8),  # a pair of digits: the upper end, as for amounts
    ("罗斌", "下午跑了几户", None),  # "几" alone says no figure
    ("唐金山", "今天上午开了党员会 来了十五个人", 15),
]


@pytest.mark.parametrize(("sender", "text", "now", "expect"), COLLOQUIAL)
def test_colloquial_notes_are_logs(parser, person, sender: str, text: str, now: str, expect: dict) -> None:
    record = parser.parse(text, person(sender), at(now))
    assert record.kind == "log"
    assert record.to_dict()["log"] == expect


@pytest.mark.parametrize(("sender", "text", "type_"), MORE_WORDS)
def test_village_meeting_study_and_duty_words(parser, person, sender: str, text: str, type_: str) -> None:
    record = parser.parse(text, person(sender), at(WED))
    assert record.kind == "log" and record.log is not None
    assert record.log.type == type_


@pytest.mark.parametrize(("sender", "text", "people"), COUNTS)
def test_people_as_said(parser, person, sender: str, text: str, people: int | None) -> None:
    record = parser.parse(text, person(sender), at(WED))
    assert record.kind == "log" and record.log is not None
    assert record.log.people == people


@pytest.mark.parametrize(("sender", "text", "kind"), [
    ("许文", "群众会有意见的，饮水工程这个月完成入户改造30户", "report"),  # 会 = "will", no meeting
    ("罗斌", "党员会带头参加义务劳动吗？", "other"),
    ("杜春梅", "明儿去老街走访", "other"),
    ("罗斌", "昨晚在家守着孩子", "other"),
    ("罗永红", "孩子今天上学了", "other"),
    ("罗斌", "今天学了下怎么用这个系统", "other"),  # learning, but no study session
    ("黄志勇", "学一学别人的经验", "other"),
    ("唐金山", "明天开个短会，各位两委干部记得参加", "other"),
    # A plan that names a project's place reports nothing done either.
    ("罗永红", "明天去茶旅示范带走访沿线农户", "other"),
    ("唐金山", "下周准备到养蜂合作社开个会", "other"),
])
def test_colloquial_words_that_are_not_a_log(parser, person, sender: str, text: str, kind: str) -> None:
    assert parser.parse(text, person(sender), at(WED)).kind == kind


# The place of the work: the registered grid or group, spelled as registered; else the place named; never in the JSON.
PLACES = [
    ("罗斌", "昨天在村委会值班", "村委会"),
    ("罗斌", "今天在二组活动室开会，来了12人", "二组"),
    ("郑国强", "今天到石桥村3组走访了5户", "三组"),
    ("韩磊", "今天走访了二组 下步准备走访三组", "2组"),
    ("杜春梅", "今天走访一组 二组共十五户", "一组、二组"),
    ("唐金山", "今天上门走访了上湾五户留守老人", "上湾"),
    ("许文", "昨晚在云溪村村部值班", "村部"),
    ("罗永红", "晚上到老党员家拉了拉家常", "老党员家"),
    ("许文", "今天入户 一共去了6家", None),
    ("孙丽", "今天下午在云溪村参加了民主生活会", None),
    ("郑国强", "今天在镇里带班值班，各村情况平稳", None),
]


@pytest.mark.parametrize(("sender", "text", "place"), PLACES)
def test_the_place_of_the_work(parser, person, sender: str, text: str, place: str | None) -> None:
    record = parser.parse(text, person(sender), at(WED))
    assert record.log is not None and record.log.place == place
    assert "place" not in record.to_dict()["log"]


@pytest.mark.parametrize(("summary", "people", "restated"), [
    ("今天走访三组困难户8户，了解春耕生产", 10, "今天走访三组困难户10户，了解春耕生产"),
    ("昨晚开了党员会 来了十五个人", 16, "昨晚开了党员会 来了16个人"),
    ("召开党员大会应到30人实到27人", 28, "召开党员大会应到30人实到28人"),
    ("居民代表40多人参加", 45, "居民代表45人参加"),
    ("今天走了七八户", 9, "今天走了9户"),
    ("今天在村部值班", 2, "今天在村部值班"),
])
def test_a_corrected_count_is_restated_in_the_summary(summary: str, people: int, restated: str) -> None:
    assert restate_people(summary, people) == restated
