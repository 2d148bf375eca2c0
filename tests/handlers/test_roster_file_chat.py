"""An admin sending the roster workbook in a private chat: a 换届 file is shown first and imported on 确认; a bad
file lists its problems; non-admins, groups and other townships' files are refused, and nothing changes."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.app import App
from bot.registry_file import load_organisation
from bot.roster.workbook import write_roster
from handlers.messages import Attachment
from storage.models import AuditLog, Person, Village
from tests.conftest import RecordingTransport
from tests.support.chat import registered
from tests.support.rows import count, rows

COUNTY = Path(__file__).parents[1] / "fixtures" / "county.yaml"


@pytest.fixture(scope="module")
def registry_file() -> Path:
    """The county of three townships."""
    return COUNTY


def _xuantan_after_election(folder: Path) -> Path:
    """玄滩镇's own roster after its 换届: 陈志刚 and 龙华社区 are gone, 孙新 is new."""
    town = load_organisation(COUNTY).townships[0]
    town = dataclasses.replace(
        town, villages=town.villages[:2],
        people=tuple(p for p in town.people if p.name != "陈志刚") + (dataclasses.replace(
            town.people[2], name="孙新", village="蔡家村"),),
        projects=tuple(p for p in town.projects if p.id != "XT-03"))
    return write_roster(load_organisation(COUNTY).__class__(None, (town,)), folder / "玄滩镇名册.xlsx")


def _document(path: Path) -> tuple[Attachment, ...]:
    return (Attachment("document", path.name, path.name, stored_path=str(path)),)


async def test_an_election_workbook_is_shown_then_imported_on_confirm(app: App, transport: RecordingTransport,
                                                                    tmp_path: Path) -> None:
    admin = await registered(app, "张丽华")
    await admin.say("", _document(_xuantan_after_election(tmp_path)))
    card = transport.texts(admin.chat.id)[-1]
    assert card.startswith("📋 玄滩镇名册.xlsx（玄滩镇）与现有名册相比：\n新增（1）：人员 孙新（玄滩镇）"), card
    assert "· 村（社区） 龙华社区（玄滩镇）" in card and "· 人员 陈志刚（玄滩镇）" in card and "回复“确认”导入" in card
    assert await count(app, Person, name="孙新") == 0
    await admin.say("确认")
    assert transport.texts(admin.chat.id)[-1].startswith("✅ 已导入玄滩镇名册，停用 3 项")
    assert [(p.name, p.active) for p in await rows(app, Person, name="陈志刚")] == [("陈志刚", False)]
    assert [v.active for v in await rows(app, Village, name="龙华社区")] == [False]
    assert await count(app, Person, name="孙新") == 1
    assert [a.action for a in await rows(app, AuditLog)][-1] == "roster.import"


async def test_refusals_change_nothing(app: App, transport: RecordingTransport, tmp_path: Path) -> None:
    workbook = _xuantan_after_election(tmp_path)
    secretary = await registered(app, "赵全友")
    other_admin = await registered(app, "吴敏")  # 云锦镇's admin
    admin = await registered(app, "张丽华")
    await secretary.say("", _document(workbook))
    assert transport.texts(secretary.chat.id)[-1].startswith("抱歉，人员和项目名册由党建办管理员维护")
    await other_admin.say("", _document(workbook))
    assert transport.texts(other_admin.chat.id)[-1] == "抱歉，您只能导入本镇（云锦镇）的名册，这份名册含有玄滩镇。没有导入。"
    admin.enter_group("玄滩镇工作群")
    await admin.say("", _document(workbook))
    assert transport.texts(admin.chat.id)[-1] == "名册含个人信息，请在与我的私聊中发送。"
    broken = tmp_path / "坏名册.yaml"
    broken.write_text("township: 玄滩镇\npeople: [{name: 甲, role: mayor}]\n", encoding="utf-8")
    admin.enter_private()
    await admin.say("", _document(broken))
    assert transport.texts(admin.chat.id)[-1].startswith("名册有误，没有导入：\npeople 第 1 项（甲）的 role：")
    assert await count(app, Person, active=False) == 0 and await count(app, Person, name="孙新") == 0


def _yaml(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


async def test_a_file_may_not_move_a_township_between_counties_nor_take_accounts(
        app: App, transport: RecordingTransport, tmp_path: Path) -> None:
    from storage.repositories.registry_import import RegistryImporter

    other = _yaml(tmp_path, "合江县.yaml", "county: 合江县\ntownships:\n  - township: 白鹿镇\n    villages: [{name: 白鹿村}]\n"
                  "    people: [{name: 白书记, role: secretary, village: 白鹿村}]\n")
    async with app.uow() as store:
        await RegistryImporter(store.session, app.clock.now()).run(load_organisation(other))
        (wu,) = await store.people.by_name("吴敏")
        await store.people.link_identity(wu.id, "telegram", "777", app.clock.now())
    he, zhang = await registered(app, "何晓梅"), await registered(app, "张丽华")
    takeover = _yaml(tmp_path, "泸县.yaml", "county: 泸县\ntownships:\n  - township: 白鹿镇\n"
                     "    villages: [{name: 新村}]\n")
    await he.say("", _document(takeover))
    assert transport.texts(he.chat.id)[-1] == "抱歉，您只能导入本县的名册，这份名册含有不属于本县的白鹿镇。没有导入。"
    town = load_organisation(COUNTY).townships[0]
    moved = _yaml(tmp_path, "玄滩镇.yaml", "county: 别县\n" + _township_yaml(town))
    await zhang.say("", _document(moved))
    assert transport.texts(zhang.chat.id)[-1] == ("抱歉，您只能导入本镇（玄滩镇）的名册，这份名册把本镇写在“别县”下，"
                                                  "而本镇属于泸县。没有导入。")
    taken = _yaml(tmp_path, "玄滩镇2.yaml", _township_yaml(town) + "  - {name: 冒名, role: grid_worker, village: 石牛村, "
                  "telegram: 777}\n")
    await zhang.say("", _document(taken))
    assert transport.texts(zhang.chat.id)[-1] == ("名册与已有数据冲突，没有导入：\n人员 冒名（玄滩镇）的 telegram："
                                                  "账号 777 已登记给本名册以外的人员，不能改登记")
    assert await count(app, Person, name="冒名") == 0 and await count(app, Person, active=False) == 0
    assert [v.active for v in await rows(app, Village, name="白鹿村")] == [True]


def _township_yaml(town: object) -> str:
    """玄滩镇 as a township file, people last (so a test can append to them)."""
    import yaml

    data = yaml.safe_load(COUNTY.read_text(encoding="utf-8"))["townships"][0]
    people = data.pop("people")
    text = yaml.safe_dump(data, allow_unicode=True) + "people:\n"
    return text + "".join(f"  - {yaml.safe_dump(p, allow_unicode=True, default_flow_style=True).strip()}\n"
                          for p in people)
