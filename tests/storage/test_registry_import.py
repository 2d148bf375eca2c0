"""`yuebao import`: loads the registry, updates in place, and a bad file changes nothing."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml

from bot.app import App
from bot.cli import main
from storage.models import Grid, Identity, Milestone, Person, Project, Township, Village
from tests.conftest import REGISTRY
from tests.support.rows import count, rows


def _write(tmp_path: Path, data: dict, name: str = "reg.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


async def _snapshot(app: App) -> dict[str, int]:
    return {m.__name__: await count(app, m) for m in (Township, Village, Grid, Person, Project, Milestone, Identity)}


@pytest.fixture
def cli_db(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("YUEBAO_DATABASE_URL", db_url)
    return db_url


async def test_import_then_reimport_updates_in_place(app: App, cli_db: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    before = await _snapshot(app)  # the fixture already imported the shared registry once
    assert before["Village"] == 6 and before["Person"] == 13 and before["Project"] == 8

    data = yaml.safe_load(REGISTRY.read_text(encoding="utf-8"))
    data["projects"][0]["weight"] = 12
    data["people"].append({"name": "新干部", "role": "secretary", "village": "石关村", "telegram": 4242})
    data["projects"][1]["milestones"] = [{"title": "完成签约", "due": "2026-06-30"}]
    assert await asyncio.to_thread(main, ["import", str(_write(tmp_path, data))]) == 0
    assert "已导入 响肠镇" in capsys.readouterr().out
    assert await asyncio.to_thread(main, ["import", str(_write(tmp_path, data))]) == 0  # twice: still no duplicates

    after = await _snapshot(app)
    assert after == {**before, "Person": 14, "Milestone": 1, "Identity": 1}
    (project,) = await rows(app, Project, code="XC-01")
    assert project.weight == 12
    (identity,) = await rows(app, Identity)
    assert identity.platform == "telegram" and identity.platform_user_id == "4242"


MISTAKES = [  # (change, the entry as the message names it, counting from 1, and the field)
    (lambda d: d["people"][12].update(village="不存在村"), "people 第 13 项（陈小兵）", "village"),
    (lambda d: d["projects"][7].update(owner="查无此人"), "projects 第 8 项（XC-08）", "owner"),
    (lambda d: d["projects"][3].update(deadline="2026-13-01"), "projects 第 4 项（XC-04）", "deadline"),
    (lambda d: d["people"][4].update(role="chairman"), "people 第 5 项（储德胜）", "role"),
    (lambda d: d["villages"].append({"name": "千佛塔村"}), "villages 第 7 项（千佛塔村）", "name"),
]


async def _import_refused(app: App, tmp_path: Path, capsys: pytest.CaptureFixture[str], mistakes: list) -> str:
    before = await _snapshot(app)
    data = yaml.safe_load(REGISTRY.read_text(encoding="utf-8"))
    data["projects"][0]["title"] = "改过的标题"  # a valid change earlier in the file must not land either
    for mutate, _, _ in mistakes:
        mutate(data)
    assert await asyncio.to_thread(main, ["import", str(_write(tmp_path, data))]) == 2
    assert await _snapshot(app) == before
    (project,) = await rows(app, Project, code="XC-01")
    assert project.title != "改过的标题"
    return capsys.readouterr().err


@pytest.mark.parametrize(("mutate", "entry", "field"), MISTAKES)
async def test_bad_file_names_entry_and_field_and_changes_nothing(
        app: App, cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], mutate, entry: str,
        field: str) -> None:
    err = await _import_refused(app, tmp_path, capsys, [(mutate, entry, field)])
    assert err.count("\n") == 1 and f"{entry}的 {field}：" in err and "未做任何修改" in err


async def test_every_mistake_in_the_file_is_listed_at_once(app: App, cli_db: str, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    err = await _import_refused(app, tmp_path, capsys, MISTAKES)
    first, *listed = err.splitlines()
    assert "有 5 处错误，未做任何修改" in first
    # In file order: villages, people, projects, each in the order of its entries.
    assert [line.split("的 ")[0].strip() for line in listed] == [
        "villages 第 7 项（千佛塔村）", "people 第 5 项（储德胜）", "people 第 13 项（陈小兵）",
        "projects 第 4 项（XC-04）", "projects 第 8 项（XC-08）"]


async def test_unreadable_or_broken_yaml_is_a_clear_error(cli_db: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert await asyncio.to_thread(main, ["import", str(tmp_path / "missing.yaml")]) == 2
    assert capsys.readouterr().err == f"错误：无法读取名册 {tmp_path / 'missing.yaml'}：路径不存在。请检查文件路径。\n"
    broken = tmp_path / "broken.yaml"
    broken.write_text("township: 响肠镇\nvillages: [\n", encoding="utf-8")
    assert await asyncio.to_thread(main, ["import", str(broken)]) == 2
    assert "YAML 格式有误（第 3 行第 1 列附近）" in capsys.readouterr().err


async def test_a_deactivated_owner_keeps_their_projects_until_handed_over(app: App) -> None:
    """An exported roster leaves a deactivated owner out: importing it back must not orphan their projects."""
    import dataclasses

    from bot.registry_file import load_registry
    from storage.repositories.registry_import import RegistryImporter

    async with app.uow() as store:
        (wang,) = await store.people.by_name("王建国")
        await store.roster.deactivate(wang.township_id, wang.id)
        exported = await store.roster.as_file(wang.township_id, county=False)
    assert exported is not None
    town = exported.townships[0]
    assert [p.owner for p in town.projects if p.id in ("XC-01", "XC-02")] == [None, None]
    async with app.uow() as store:
        summary = await RegistryImporter(store.session, app.clock.now()).run(exported)
    assert not summary.updated["project"] and not summary.leaving
    assert {p.code for p in await rows(app, Project, owner_id=wang.id)} == {"XC-01", "XC-02"}
    registry = load_registry(REGISTRY)  # a file naming a new owner does move the project
    new = dataclasses.replace(registry, people=tuple(p for p in registry.people if p.name != "王建国"),
                              projects=tuple(dataclasses.replace(p, owner="江涛") if p.owner == "王建国" else p
                                             for p in registry.projects))
    async with app.uow() as store:
        await RegistryImporter(store.session, app.clock.now()).run(new)
    assert await count(app, Project, owner_id=wang.id) == 0
