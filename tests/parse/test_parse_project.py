"""Project-lifecycle messages: kind "project" and its block (docs/project-messages.md)."""
from __future__ import annotations

import datetime as dt

from handlers.parse import MilestoneItem, ParsedMessage, ProjectBlock


def test_project_block_json() -> None:
    block = ProjectBlock("declare", village="云溪村", title="小冬桃产业园", deadline=dt.date(2027, 12, 31),
                         milestones=(MilestoneItem("完成选址", dt.date(2027, 3, 31)), MilestoneItem("建成大棚", None)),
                         project_id="YX-09")
    record = ParsedMessage("project", project=block).to_dict()
    assert record == {"kind": "project", "project": {
        "action": "declare", "project": None, "village": "云溪村", "title": "小冬桃产业园", "deadline": "2027-12-31",
        "milestones": [{"title": "完成选址", "due": "2027-03-31"}, {"title": "建成大棚", "due": None}],
        "weight": None, "note": None, "topic": None, "topics": [], "findings": []}, "warnings": []}
