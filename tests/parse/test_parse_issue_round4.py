"""Issue texts, round 4: danger at deep or fast water and people crowded onto farm vehicles are safety; things piled
onto the street are environment; rent not paid (没付) is a dispute; a lost animal or a door-number plate is other,
not the model's guess; 流得急 is no urgency word, a person still in the ditch is urgent.
Written before the change (10 cases, 7 failed then); texts are ours."""
from __future__ import annotations

import pytest

from handlers.parse import is_urgent, issue_category

# (text, category, urgent)
CASES = [
    ("河湾那边这两天老有人下网捕鱼 水深 流得急 劝了也不听", "safety", False),
    ("有几个小孩在水塘边玩水，那塘水深得很", "safety", False),
    ("三组有户用农用三轮拉着一车人去赶集 车斗里坐了十来个", "safety", False),
    ("二组几户把柴火堆到村道上了 车都过不去", "environment", False),
    ("村里流转的果园租金到现在还没付给农户 好几户来问", "dispute", False),
    ("五组有户的牛跑丢了 想让村里在大喇叭上喊一喊", "other", False),
    ("一组有户说他家的门牌掉了 想让村里补一个", "other", False),
    ("刚才有个老人骑电动车翻进路边沟里了 人还在沟里", "safety", True),
    ("水库边几个学生在游泳 叫也叫不上来 我现在过去", "safety", True),
    # an urgency word still counts
    ("急！三组有户人家厨房着火了", "safety", True),
]


@pytest.mark.parametrize(("text", "category", "urgent"), CASES, ids=[c[0][:14] for c in CASES])
def test_issue_round4(text: str, category: str, urgent: bool) -> None:
    assert (issue_category(text), is_urgent(text)) == (category, urgent)
