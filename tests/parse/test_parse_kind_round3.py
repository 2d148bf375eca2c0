"""Kind, round 3: a grid worker's reminder is no issue; 还是 meaning "still" asks nothing; volunteering inside a
主题党日 is the meeting. Written before the change (6 cases, 4 failed then)."""
from __future__ import annotations

import pytest

from tests.parse.conftest import at

CASES = [
    ("杜春梅", "今天雨太大了，路上大家注意安全", "other"),
    ("韩磊", "明天降温，出行注意防滑", "other"),
    # a reminder with a problem named in it stays an issue
    ("杜春梅", "雨太大了，二组路边的山坡有石头滚下来，请大家注意安全，已经拉了警戒线", "issue"),
    ("唐金山", "养蜂这块这个月新分了八十箱蜂现在进度百分之六十现在的困难是销路还是太窄下一步准备去县里展销会", "report"),
    ("黄志勇", "光伏的月报是我报还是村主任报", "other"),
    ("马晓东", "3月3日社区开展学雷锋志愿服务主题党日，党员和志愿者共60人参加", "log"),
]


@pytest.mark.parametrize(("sender", "text", "kind"), CASES, ids=[c[1][:16] for c in CASES])
def test_kind_round3(parser, person, sender: str, text: str, kind: str) -> None:
    record = parser.parse(text, person(sender), at("2026-03-18 10:00"))
    assert record.kind == kind
    if kind == "log":
        assert record.log is not None and record.log.type == "meeting" and record.log.people == 60
