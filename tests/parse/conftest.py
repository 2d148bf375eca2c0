"""A registry of another township (云溪镇), so the parser is tested away from the corpus it was tuned on."""
from __future__ import annotations

import datetime as dt

import pytest

from handlers.parse import MessageParser, RegistryIndex
from handlers.registry import Person, Registry
from handlers.registry_reader import registry_from_mapping

CST = dt.timezone(dt.timedelta(hours=8))

YUNXI = {
    "township": "云溪镇",
    "county": "青山县",
    "timezone": "Asia/Shanghai",
    "villages": [
        {"name": "云溪村", "aliases": ["云溪"], "grids": ["一组", "二组", "三组", "老街"]},
        {"name": "石桥村", "aliases": ["石桥"], "grids": ["一组", "二组", "三组", "四组", "五组", "六组", "七组"]},
        {"name": "枫林村", "aliases": ["枫林"], "grids": ["上湾", "下湾", "三组"]},
        {"name": "白沙社区", "aliases": ["白沙"], "grids": ["第一网格", "第二网格", "第三网格"]},
        {"name": "双河村", "aliases": ["双河"], "grids": ["1组", "2组", "3组", "4组"]},
    ],
    "people": [
        {"name": "郑国强", "role": "township_leader", "title": "镇党委书记"},
        {"name": "孙丽", "role": "township_leader", "title": "镇党委组织委员"},
        {"name": "何静", "role": "admin", "title": "镇党建办干事"},
        {"name": "罗永红", "role": "secretary", "village": "云溪村"},
        {"name": "罗斌", "role": "secretary", "village": "石桥村"},
        {"name": "唐金山", "role": "secretary", "village": "枫林村"},
        {"name": "马晓东", "role": "secretary", "village": "白沙社区"},
        {"name": "黄志勇", "role": "secretary", "village": "双河村"},
        {"name": "许文", "role": "contact_official", "title": "包村干部", "village": "云溪村"},
        {"name": "杜春梅", "role": "grid_worker", "village": "云溪村", "grids": ["一组", "二组", "老街"]},
        {"name": "韩磊", "role": "grid_worker", "village": "双河村", "grids": ["1组", "2组", "3组", "4组"]},
        {"name": "田芳", "role": "grid_worker", "village": "白沙社区", "grids": ["第一网格", "第二网格"]},
    ],
    "projects": [
        {"id": "YX-01", "title": "党建引领茶旅融合示范带建设", "village": "云溪村", "owner": "罗永红"},
        {"id": "YX-02", "title": "云溪村饮水安全巩固提升工程", "village": "云溪村", "owner": "罗永红",
         "kind": "led_matter"},
        {"id": "SQ-01", "title": "石桥村“红色驿站”便民服务项目", "village": "石桥村", "owner": "罗斌"},
        {"id": "FL-01", "title": "枫林村生态养蜂合作社发展", "village": "枫林村", "owner": "唐金山"},
        {"id": "FL-02", "title": "枫林村农房风貌提升工程", "village": "枫林村", "owner": "唐金山"},
        {"id": "BS-01", "title": "“邻里守望”社区网格化治理", "village": "白沙社区", "owner": "马晓东"},
        {"id": "SH-01", "title": "党建引领双河村光伏发电增收项目", "village": "双河村", "owner": "黄志勇"},
    ],
}


@pytest.fixture(scope="session")
def registry() -> Registry:
    """The 云溪镇 registry."""
    return registry_from_mapping(YUNXI)


@pytest.fixture(scope="session")
def parser(registry: Registry) -> MessageParser:
    """One parser for the session, as the bot builds it."""
    return MessageParser(registry)


@pytest.fixture(scope="session")
def index(parser: MessageParser) -> RegistryIndex:
    """The parser's registry index."""
    return parser.index


@pytest.fixture(scope="session")
def person(registry: Registry):
    """Look up a registered person by name."""
    def lookup(name: str) -> Person:
        found = registry.person(name)
        assert found is not None, name
        return found
    return lookup


@pytest.fixture(scope="session")
def with_supervisor() -> tuple[MessageParser, Person]:
    """The 云溪镇 registry with the township's discipline inspector, and a reader of it."""
    inspector = {"name": "蒋正", "role": "supervisor", "title": "镇纪委书记"}
    registry = registry_from_mapping({**YUNXI, "people": [*YUNXI["people"], inspector]})
    supervisor = registry.person("蒋正")
    assert supervisor is not None
    return MessageParser(registry), supervisor


def at(text: str) -> dt.datetime:
    """An aware datetime in the township's time zone from "2026-03-28 10:00"."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=CST)
