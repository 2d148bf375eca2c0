"""Registry validation: every problem at once, in Chinese, entries counted from 1, each named once."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.registry_file import load_registry
from handlers.registry import RegistryError
from handlers.registry_reader import registry_from_mapping


def _problems(data: object) -> list[str]:
    with pytest.raises(RegistryError) as caught:
        registry_from_mapping(data)
    return [str(problem) for problem in caught.value.problems]


def test_every_problem_is_listed_once_in_file_order() -> None:
    assert _problems({
        "township": " ", "timezone": "Mars/Olympus",
        "villages": [{"name": "云溪村", "grids": ["一组"]}, "云溪村", {"aliases": ["x"]}],
        "people": [{"name": "甲", "role": "mayor"}, {"name": "乙", "role": "grid_worker", "village": "云溪村",
                                                      "grids": ["九组"], "platform_ids": {"qq": 1}}],
        "projects": [{"id": "P1", "title": "修路", "village": "云溪村", "owner": "甲", "weight": -1,
                      "milestones": [{"title": "开工", "due": "明年"}, 3]},
                     {"id": "P1", "title": "重复", "village": "云溪村"}],
    }) == [
        "名册的 township：未填写",
        "名册的 timezone：未知时区“Mars/Olympus”，请写成 Asia/Shanghai 这样的名称",
        "villages 第 2 项：应为“字段: 值”的映射，如 {name: …}",
        "villages 第 3 项的 name：未填写",
        "people 第 1 项（甲）的 role：“mayor”不是可用的角色，"
        "可用：township_leader、admin、secretary、contact_official、grid_worker、supervisor",
        "people 第 2 项（乙）的 grids：“九组”不是云溪村的网格",
        "people 第 2 项（乙）的 platform_ids：未知平台“qq”，可用：telegram、wecom、wechat",
        # 甲 has a bad role but is registered: naming them as owner is not a second problem.
        "projects 第 1 项（P1）的 weight：不能为负数",
        "projects 第 1 项（P1）的 milestones 第 1 项的 due：“明年”不是日期，请写成 YYYY-MM-DD",
        "projects 第 1 项（P1）的 milestones 第 2 项：应为文字，或 {title: …, due: YYYY-MM-DD}",
        "projects 第 2 项（P1）的 id：与第 1 项重复",
    ]


def test_a_document_that_is_not_a_mapping() -> None:
    assert _problems(["township", "villages"]) == ["名册：应为映射，包含 township、villages、people、projects（或 county、townships）"]
    assert _problems({"township": "云溪镇", "people": {"name": "甲"}}) == ["people：应为列表，每项一条记录"]


def test_file_problems_name_the_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("township: 云溪镇\nvillages:\n  - name: 云溪村\n   aliases: [云溪\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"^YAML 格式有误（第 4 行第 \d+ 列附近），请检查缩进、冒号和括号是否成对$"):
        load_registry(broken)


def test_gbk_files_load_and_undecodable_bytes_say_what_to_do(tmp_path: Path) -> None:
    legacy = tmp_path / "gbk.yaml"
    legacy.write_bytes("township: 云溪镇\nvillages: [{name: 云溪村, grids: [一组]}]\n".encode("gbk"))
    loaded = load_registry(legacy)
    assert (loaded.township, loaded.villages[0].name, loaded.villages[0].grids) == ("云溪镇", "云溪村", ("一组",))
    garbage = tmp_path / "garbage.yaml"
    garbage.write_bytes(b"township: \xff\xfe\x80\x81\n")
    with pytest.raises(RegistryError, match=r"^无法识别文件的编码（既不是 UTF-8，也不是 GBK/GB18030），"
                                            r"请另存为 UTF-8 编码后再试（Excel、WPS 中选“CSV UTF-8”）$"):
        load_registry(garbage)
