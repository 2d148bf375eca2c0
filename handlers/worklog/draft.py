"""A work record read from a message and not yet confirmed: kept in the open card's question, checked against the
sender's role and villages, and shown back as a card."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, replace
from typing import Any

from handlers.parse import LogBlock, restate_people
from handlers.refs import PersonRef
from handlers.roles import LEADERS, SUPERVISOR, VILLAGE_ROLES
from handlers.work_record_ports import TYPE_LABELS, people_words

LOGGERS = VILLAGE_ROLES + LEADERS
SUMMARY_CHARS = 1000  # a note longer than this is kept to its first part (the inbox keeps the whole message)
PLACE_CHARS = 60
MOST_PEOPLE = 99_999  # a count beyond any village's (a misread number) is dropped, not stored
NOT_A_SUPERVISORS = "抱歉，督导人员只查看工作记录，不登记。走访、会议等工作请由村干部或镇党建办登记。"
CHANGE_HINT = "回复“确认”保存，或直接改写（如“日期改为3月4日”“12户”“类型改为会议”“地点改为村委会”），回复“取消”不保存。"


@dataclass(frozen=True)
class Draft:
    """What the card shows and “确认” stores."""

    type: str
    village: str | None
    day: dt.date
    people: int | None
    summary: str
    place: str | None = None
    inbox_id: int | None = None  # the message it was read from

    def to_data(self) -> dict[str, Any]:
        """As the open question keeps it."""
        return {**asdict(self), "day": self.day.isoformat()}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Draft:
        """Back from the open question."""
        return cls(**{**data, "day": dt.date.fromisoformat(data["day"])})

    def changed(self, **changes: Any) -> Draft:
        """The draft with some fields corrected; a corrected count is written into the summary's own words too."""
        # The summary is what the 台账 shows: "走访8户" beside a count of 10 would leave the clerk asking which.
        if changes.get("people") is not None and "summary" not in changes:
            changes["summary"] = restate_people(self.summary, changes["people"], self.type == "visit")
        return replace(self, **changes)


def draft_of(block: LogBlock, person: PersonRef, inbox_id: int) -> Draft:
    """The draft of a parsed note (its village, when the text names none, the sender's; its place, when named)."""
    kind = block.type if block.type in TYPE_LABELS else "other"
    people = block.people if block.people is not None and 0 <= block.people <= MOST_PEOPLE else None
    place = block.place[:PLACE_CHARS] if block.place else None
    return Draft(kind, block.village or person.reporting_village, block.date, people, block.summary[:SUMMARY_CHARS],
                 place, inbox_id)


def refusal(person: PersonRef, village: str | None) -> str | None:
    """Why this person may not log work in this village (None: the township's own work), or None."""
    if person.role == SUPERVISOR:
        return NOT_A_SUPERVISORS
    if person.role not in LOGGERS:
        return "抱歉，工作记录由村干部、网格员或镇领导、党建办登记。"
    if person.may(LEADERS):
        return None
    if village is None:  # a 包村干部 with no village in the registry covers whichever village they name
        return "请写明是哪个村的工作，例如“今天走访某某村三组8户”。"
    held = person.villages_for(VILLAGE_ROLES)  # a 包村干部 may cover several villages
    if held and village not in held:
        return f"抱歉，您只能登记本村（{'、'.join(held)}）的工作记录，{village}的工作请由该村村干部或镇党建办登记。"
    return None


def headline(draft: Draft) -> str:
    """'3月5日 走访 千佛塔村 8户'."""
    parts = [f"{draft.day.month}月{draft.day.day}日", TYPE_LABELS.get(draft.type, "其他"), draft.village or "镇级",
             people_words(draft.type, draft.people)]
    return " ".join(p for p in parts if p)


def card(draft: Draft, head: str = "📝 工作记录") -> str:
    """The card that asks for “确认”."""
    lines = [f"{head}：{headline(draft)}"]
    if draft.place:
        lines.append(f"地点：{draft.place}")
    lines += [f"内容：{draft.summary}", CHANGE_HINT]
    return "\n".join(lines)
