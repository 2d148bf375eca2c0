"""Reading an admin's roster commands in chat (pure): 新增人员, 停用, 邀请, 新增项目, 把…的工作交给…, 切换.

Each form starts with its own word and is read strictly: anything else is left for the other steps, so an
ordinary message ("邀请各村书记参加明天的会") is never taken for a command by accident.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from handlers.roles import role_code

# What offices call each role when they type it (beyond the template's labels).
ROLE_WORDS = {"书记": "secretary", "村支书": "secretary", "支书": "secretary", "包村": "contact_official",
              "包村领导": "contact_official", "网格长": "grid_worker", "领导": "township_leader",
              "党建办": "admin", "组织委员": "township_leader"}
_NAME = r"[\u4e00-\u9fff·]{2,6}"
_SEP = r"[\s,，、]+"
_DEACTIVATE = re.compile(rf"^停用\s*({_NAME})$")
_INVITE = re.compile(rf"^邀请\s*(?:({_NAME}?(?:村|社区))\s*(?:全部|所有人|全体)|({_NAME}))$")
_HANDOVER = re.compile(rf"^(?:把\s*)?({_NAME}?)\s*的(?:全部)?(?:工作|任务和项目|工作和项目)(?:全部)?\s*"
                       rf"(?:移交|交接|转交|交)给\s*({_NAME})$")
_SWITCH = re.compile(r"^切换(?:到|至)?\s*(\S{2,12})$")
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


@dataclass(frozen=True)
class AddPerson:
    name: str
    role: str
    unit: str | None  # a village, or None for the township itself
    title: str | None = None


@dataclass(frozen=True)
class Deactivate:
    name: str


@dataclass(frozen=True)
class Invite:
    name: str | None = None  # one person, or
    village: str | None = None  # everyone of a village


@dataclass(frozen=True)
class AddProject:
    code: str
    title: str
    unit: str
    owner: str | None = None
    deadline: dt.date | None = None


@dataclass(frozen=True)
class HandOver:
    old: str
    new: str


@dataclass(frozen=True)
class Switch:
    township: str


RosterCommand = AddPerson | Deactivate | Invite | AddProject | HandOver | Switch


class RosterWordsError(ValueError):
    """The command's word was said but the rest cannot be read; the message says how to write it."""


def role_of(word: str) -> str | None:
    """A role from a template label, a code or an everyday word (书记, 包村)."""
    return role_code(word) or ROLE_WORDS.get(word)


def read_roster_command(text: str) -> RosterCommand | None:
    """The roster command in `text`, or None when it is not one; RosterWordsError when it is one, badly written."""
    text = text.strip().rstrip("。.")
    if text.startswith("新增人员"):
        return _add_person(text.removeprefix("新增人员"))
    if text.startswith("新增项目"):
        return _add_project(text.removeprefix("新增项目"))
    if m := _DEACTIVATE.match(text):
        return Deactivate(m.group(1))
    if m := _INVITE.match(text):
        return Invite(village=m.group(1)) if m.group(1) else Invite(name=m.group(2))
    if m := _HANDOVER.match(text):
        return HandOver(m.group(1), m.group(2))
    if m := _SWITCH.match(text):
        return Switch(m.group(1))
    return None


def _add_person(rest: str) -> AddPerson:
    words = [w for w in re.split(_SEP, rest.strip()) if w]
    usage = "请这样写：新增人员 姓名 角色 单位（如：新增人员 李四 村书记 千佛塔村）"
    if len(words) < 2 or not re.fullmatch(_NAME, words[0]):
        raise RosterWordsError(usage)
    role = role_of(words[1])
    if role is None:
        raise RosterWordsError(f"没有“{words[1]}”这个角色。可用：村书记、包村干部、网格员、镇领导、管理员、督导。{usage}")
    unit = words[2] if len(words) > 2 else None
    return AddPerson(words[0], role, unit, " ".join(words[3:]) or None)


def _add_project(rest: str) -> AddProject:
    usage = "请这样写：新增项目 编号 名称 村名 负责人姓名 截止2026-12-31（负责人、截止可不写）"
    owner = deadline = None
    words = []
    for word in (w for w in re.split(_SEP, rest.strip()) if w):
        if word.startswith("负责人"):
            owner = word.removeprefix("负责人").lstrip(":：") or None
        elif word.startswith("截止") or _DATE.fullmatch(word):
            found = _DATE.search(word)
            if found is None:
                raise RosterWordsError(f"截止日期“{word}”看不懂。{usage}")
            try:
                deadline = dt.date(*(int(g) for g in found.groups()))
            except ValueError:
                raise RosterWordsError(f"截止日期“{word}”不是有效日期。{usage}") from None
        else:
            words.append(word)
    if len(words) < 3 or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}", words[0]):
        raise RosterWordsError(usage)
    return AddProject(words[0], " ".join(words[1:-1]), words[-1], owner, deadline)
