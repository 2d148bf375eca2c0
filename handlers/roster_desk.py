"""The rules and the doing of an admin's roster changes, whoever asks: chat (handlers.roster_chat) and the web
console (bot.web.admin_people, bot.web.admin_invites) both come here, so a change is refused in the same words and
made and audited the same way wherever it was asked for.

Plain inputs in — the store, the acting admin as a PersonRef (their township is where the change is made), that
township's Directory and the time — and a plain answer out: a `Refusal` saying why not (nothing was written), a
`Card` to confirm, or what was `Done`. Who may ask (an admin of that township) is the caller's to check first.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Protocol

from handlers.directory import Directory
from handlers.identity import INVITE_VALIDITY, issue_invite
from handlers.issue_policy import working_time
from handlers.ports import AuditRepo, DirectoryStore, InviteRepo, RosterRepo
from handlers.refs import PersonRef, RosterPerson
from handlers.registry import PROJECT_KINDS
from handlers.roles import ROLE_LABELS, TOWNSHIP_LEADERS, VILLAGE_ROLES
from handlers.roster_words import _NAME, AddPerson, AddProject, Deactivate, HandOver, Invite, role_of

NEED_VILLAGE = ("secretary", "grid_worker")
# The roles a township's admin may give: a county's own people are kept in the county's roster.
TOWN_ROLES = TOWNSHIP_LEADERS + VILLAGE_ROLES + ("supervisor",)
Change = AddPerson | Deactivate | Invite | AddProject | HandOver


class DeskStore(DirectoryStore, Protocol):
    """What checking and making a roster change uses."""

    @property
    def roster(self) -> RosterRepo: ...
    @property
    def invites(self) -> InviteRepo: ...
    @property
    def audit(self) -> AuditRepo: ...


@dataclass(frozen=True)
class Refusal:
    """Why not, as said to the admin; nothing was written."""

    text: str


@dataclass(frozen=True)
class Card:
    """What will be done, for the admin to confirm."""

    text: str


@dataclass(frozen=True)
class Issued:
    """An invite code just made for someone (the code itself is kept nowhere: only its hash is stored)."""

    person_id: int
    name: str
    code: str


@dataclass(frozen=True)
class Notice:
    """A message to someone the change concerns (a hand-over's new holder), held for working hours."""

    person_id: int
    text: str
    key: str  # with the asking message's id appended by chat, so it goes once
    not_before: dt.datetime


@dataclass(frozen=True)
class Done:
    """What was done, as said to the admin, with the codes issued (and until when they may be used)."""

    text: str
    issued: tuple[Issued, ...] = ()
    expires_at: dt.datetime | None = None
    until: str = ""  # "3月9日": the codes' last day, on the township's clock
    person_id: int | None = None  # the person added
    notice: Notice | None = None


def _no(text: str) -> Refusal:
    return Refusal(f"抱歉，{text}")


def read_person(name: str, role: str, unit: str | None, title: str | None) -> AddPerson | Refusal:
    """新增人员 from a form's fields, read as chat reads the words: a name of 2–6 characters, a role by its code
    or what offices call it; whether the role and the place fit is `card`'s to say."""
    if not re.fullmatch(_NAME, name):
        return _no("姓名须为2至6个汉字（少数民族姓名可含“·”）。")
    code = role_of(role)
    if code is None:
        return _no(f"没有“{role}”这个角色。可用：村书记、包村干部、网格员、镇领导、管理员、督导。")
    return AddPerson(name, code, unit or None, title or None)


async def card(store: DeskStore, me: PersonRef, directory: Directory, command: Change) -> Card | Refusal:
    """The card for a change that can be made now, or why it cannot."""
    roster, town = store.roster, me.township_id
    if isinstance(command, AddPerson):
        if command.unit is not None and command.unit != me.township and command.unit not in directory.village_ids:
            return _no(f"没有找到“{command.unit}”。可填本镇村名，或不填（镇机关人员）。")
        if command.unit in (None, me.township) and command.role in NEED_VILLAGE:
            return _no(f"{ROLE_LABELS[command.role]}须填写所在村，如：新增人员 {command.name} "
                       f"{ROLE_LABELS[command.role]} {next(iter(directory.village_ids), '某村')}")
        if command.role not in TOWN_ROLES:
            return _no("县级人员请由县管理员在县名册中登记。")
        existing = await roster.person(town, command.name)
        if existing is not None and existing.active:
            return _no(f"{command.name}已在名册中（{'、'.join(existing.posts)}）。如需调整，请修改名册后导入。")
        where = command.unit if command.unit not in (None, me.township) else me.township
        again = "（曾停用，将重新启用）" if existing is not None else ""
        return Card(f"📋 将新增人员：{command.name}，{ROLE_LABELS[command.role]}，{where}{again}。"
                    "确认后生成邀请码发给您。")
    if isinstance(command, Deactivate):
        person = await roster.person(town, command.name)
        if person is None or not person.active:
            return _no(f"名册中没有在用的“{command.name}”。")
        work = await roster.open_work(person.id)
        lines = [f"📋 将停用：{person.name}（{'、'.join(person.posts)}）。停用后其账号不能再使用，历史记录保留。"]
        if work.lines():
            lines += ["其未了工作：", *work.lines(), f"停用后可发“把{person.name}的工作交给某某”移交。"]
        return Card("\n".join(lines))
    if isinstance(command, Invite):
        people = await invitees(store, me, directory, command)
        if isinstance(people, Refusal):
            return people
        return Card(f"📋 将为 {len(people)} 人生成邀请码（7天内有效）：{'、'.join(p.name for p in people)}。")
    if isinstance(command, AddProject):
        if command.unit != me.township and command.unit not in directory.village_ids:
            return _no(f"没有找到“{command.unit}”。项目须属于本镇某村，或本镇。")
        if await roster.project_code_taken(town, command.code):
            return _no(f"项目编号 {command.code} 已被使用，请换一个编号。")
        if command.owner and await roster.person(town, command.owner) is None:
            return _no(f"名册中没有“{command.owner}”，负责人须是本镇登记人员。")
        parts = [f"📋 将新增项目：{command.code} {command.title}（{command.unit}）"]
        parts += [f"负责人：{command.owner}"] if command.owner else []
        parts += [f"截止：{command.deadline:%Y年%-m月%-d日}"] if command.deadline else []
        return Card("，".join(parts) + "。")
    old, new = await roster.person(town, command.old), await roster.person(town, command.new)
    if old is None or new is None:
        return _no(f"名册中没有“{command.old if old is None else command.new}”。")
    if not new.active:
        return _no(f"{new.name}已停用，不能接手工作。")
    work = await roster.open_work(old.id)
    if not (work.tasks or work.projects):
        return _no(f"{old.name}没有未了的任务或项目需要移交。")
    # Issues belong to their village, not to whoever logged them: they are listed on 停用, not moved.
    moving = dataclasses.replace(work, issues=())
    return Card("\n".join([f"📋 将把{old.name}的工作移交给{new.name}：", *moving.lines()]))


async def invitees(store: DeskStore, me: PersonRef, directory: Directory,
                   command: Invite) -> list[RosterPerson] | Refusal:
    """Who an invite is for: one active person of the township, or every active person of one of its villages."""
    if command.village is not None:
        village_id = directory.village_ids.get(command.village)
        if village_id is None:
            return _no(f"没有找到“{command.village}”。")
        people = await store.roster.village_people(village_id)
        return people or _no(f"{command.village}在名册中还没有人员。")
    assert command.name is not None
    person = await store.roster.person(me.township_id, command.name)
    if person is None:
        return _no(f"名册中没有“{command.name}”。请先“新增人员”。")
    if not person.active:
        return _no(f"{person.name}已停用（不在当前名册中），不能生成邀请码。")
    return [person]


def until(directory: Directory, now: dt.datetime) -> str:
    """The last day of a code made now, as the admin is told it ("3月9日")."""
    return f"{directory.local(now + INVITE_VALIDITY):%-m月%-d日}"


async def do(store: DeskStore, me: PersonRef, directory: Directory, now: dt.datetime,
             command: Change) -> Done | Refusal:
    """Make a confirmed change, audited as `me`; a Refusal when it can no longer be made (nothing written)."""
    roster, town = store.roster, me.township_id
    village_ids = directory.village_ids
    if isinstance(command, AddPerson):
        village_id = village_ids.get(command.unit) if command.unit else None
        person_id = await roster.add_person(town, command.name, command.role, village_id, command.title)
        await store.audit.record(me.id, "roster.add", f"person:{person_id}",
                                 {"name": command.name, "role": command.role, "unit": command.unit}, now)
        code = await issue_invite(store, person_id, now)
        last = until(directory, now)
        return Done(f"✅ 已新增{command.name}。邀请码：{code}（{last}前有效），请转发给本人，"
                    "让其把邀请码发给我完成登记。", (Issued(person_id, command.name, code),),
                    now + INVITE_VALIDITY, last, person_id)
    if isinstance(command, Deactivate):
        person = await roster.person(town, command.name)
        if person is None or not person.active:
            return Refusal(f"{command.name}已不在在用名册中，无需停用。")
        await roster.deactivate(town, person.id)
        await store.audit.record(me.id, "roster.deactivate", f"person:{person.id}", {"name": person.name}, now)
        return Done(f"✅ 已停用{person.name}。", person_id=person.id)
    if isinstance(command, Invite):
        people = await invitees(store, me, directory, command)
        if isinstance(people, Refusal):
            return people
        issued = tuple([Issued(p.id, p.name, await issue_invite(store, p.id, now)) for p in people])
        last = until(directory, now)
        return Done(f"✅ 邀请码（{last}前有效，每个只能用一次），请分别转发：\n"
                    + "\n".join(f"{i.name}：{i.code}" for i in issued), issued, now + INVITE_VALIDITY, last)
    if isinstance(command, AddProject):
        owner = await roster.person(town, command.owner) if command.owner else None
        project_id = await roster.add_project(town, command.code, command.title, PROJECT_KINDS[0],
                                              village_ids.get(command.unit), owner.id if owner else None,
                                              command.deadline)
        await store.audit.record(me.id, "roster.add_project", f"project:{project_id}",
                                 {"code": command.code, "title": command.title}, now)
        return Done(f"✅ 已新增项目 {command.code} {command.title}。")
    old, new = await roster.person(town, command.old), await roster.person(town, command.new)
    assert old is not None and new is not None
    moved = await roster.hand_over(town, old.id, new.id, me.id, now)
    await store.audit.record(me.id, "roster.handover", f"person:{old.id}",
                             {"to": new.id, "tasks": len(moved.tasks), "projects": len(moved.projects)}, now)
    parts = [f"{len(moved.tasks)} 项任务" if moved.tasks else "", f"{len(moved.projects)} 个项目" if moved.projects
             else ""]
    lines = [f"📌 以下工作已移交给您（原由{old.name}负责）："]
    lines += [f"任务 {t}" for t in moved.tasks] + [f"项目 {p}" for p in moved.projects]
    lines.append("发送“任务”或“我的”查看。")
    # Said in working hours, as a hand-off would be: it is news, not an emergency.
    notice = Notice(new.id, "\n".join(lines), f"handover:{old.id}", working_time(directory.local(now)))
    return Done(f"✅ 已把{old.name}的工作移交给{new.name}：{'、'.join(p for p in parts if p)}。", notice=notice)
