"""Villages, projects, people and titles in free text (PARSING.md, "Village", "Project", "Assignees")."""
from __future__ import annotations

import pytest

from handlers.parse import assignees_of, find_project, find_village, location_of

YX_ALL = ["云溪村", "石桥村", "枫林村", "白沙社区", "双河村"]


@pytest.mark.parametrize(("text", "home", "village"), [
    ("云溪村茶旅示范带本月接待游客", None, "云溪村"),
    ("石桥这边驿站开始运营", None, "石桥村"),  # an alias gives the registered name
    ("本月去石桥村学习驿站经验，茶旅示范带新建观景台", "云溪村", "云溪村"),  # named in passing
    ("和枫林村联合开展防火巡查", "双河村", "双河村"),
    ("茶旅示范带接待游客3200人次，石桥村的驿站做法值得学习", "云溪村", "云溪村"),  # not the subject
    ("新建观景台2处", "云溪村", "云溪村"),  # none named: the sender's
    ("新建观景台2处", None, None),
    ("白沙二网格有人咨询医保", "云溪村", "白沙社区"),  # the subject is another village
    ("是枫林的", None, "枫林村"),
    ("是枫琳村", None, "枫林村"),  # a short correction with a typo
])
def test_find_village(index, text: str, home: str | None, village: str | None) -> None:
    assert find_village(text, index, home) == village


@pytest.mark.parametrize(("text", "village", "project_id"), [
    ("饮水工程铺设管网2.3公里", "云溪村", "YX-02"),
    ("茶旅示范带新建观景台", "云溪村", "YX-01"),
    ("项目是饮水安全那个", "云溪村", "YX-02"),
    ("养蜂合作社新增蜂箱200箱", "枫林村", "FL-01"),
    ("农房风貌改造完成样板房3栋", "枫林村", "FL-02"),
    ("风貌提升这块", "枫林村", "FL-02"),
    ("红色驿站接待群众260人次", None, "SQ-01"),  # any village when none is known
    ("邻里守望巡逻12次", "白沙社区", "BS-01"),
    ("茶旅融和示范带", "云溪村", "YX-01"),  # one wrong character still tells
    ("这个月主要忙防汛，两个项目都没什么进展", "枫林村", None),
    ("饮水工程", "枫林村", None),  # "工程" alone must not pick 农房风貌提升工程
    ("村里的项目推进顺利", "云溪村", None),
])
def test_find_project(index, text: str, village: str | None, project_id: str | None) -> None:
    project = find_project(text, village, index)
    assert (project.id if project else None) == project_id


@pytest.mark.parametrize(("text", "sender", "names", "ambiguous"), [
    ("@罗永红 茶旅示范带的方案3月20日前报党委会", "郑国强", ["罗永红"], []),
    ("@马晓东 @黄志勇 两位书记把台账整理一下", "孙丽", ["马晓东", "黄志勇"], []),
    ("唐书记，国庆前把样板房做出来", "郑国强", ["唐金山"], []),  # one 唐 secretary
    ("罗书记，周五前把台账整理好", "何静", [], ["罗书记"]),  # two 罗 secretaries, no village
    ("石桥村罗书记，周五前把台账整理好", "何静", ["石桥村"], []),
    ("请云溪村罗永红书记下月底前拿出方案", "孙丽", ["罗永红"], []),
    ("许文同志，饮水工程进度表下周三前报给我", "孙丽", ["许文"], []),
    ("@罗永红 方案周五前交给孙丽审核", "郑国强", ["罗永红"], []),  # 孙丽 only in passing
    ("请罗斌同志联系唐金山，把防火通道清理出来", "郑国强", ["罗斌"], []),
    ("各村：月底前报送党员发展计划", "何静", YX_ALL, []),
    ("各村（社区）书记注意：防汛物资月中前报上来", "郑国强", YX_ALL, []),
    ("全体村书记：年度述职报告两周内报组织办", "孙丽", YX_ALL, []),
    ("枫林村、双河村：清明前完成山林防火巡查", "郑国强", ["枫林村", "双河村"], []),
    ("孙委员，材料已经发您了", "何静", ["孙丽"], []),
    ("每村报送不超过5人的名单", "何静", [], []),  # 每村 is not 各村
])
def test_assignees(index, person, text: str, sender: str, names: list[str], ambiguous: list[str]) -> None:
    found = assignees_of(text, index, person(sender))
    assert sorted(found.names) == sorted(names)
    assert list(found.ambiguous) == ambiguous


@pytest.mark.parametrize(("text", "grids", "location"), [
    ("一组有个村民欠薪", ("一组", "二组"), "一组"),
    ("3组两家吵起来了", ("一组", "二组", "三组"), "三组"),  # spelled as registered
    ("三组两家吵起来了", ("1组", "2组", "3组"), "3组"),
    ("第三组有危房", ("一组", "二组", "三组"), "三组"),
    ("二组路口的公开栏被撕坏了", ("一组", "二组"), "二组"),  # the grid, not the finer place
    ("老街有家餐馆油烟扰民", ("一组", "老街"), "老街"),
    ("1网格有居民咨询医保", ("第一网格", "第二网格"), "第一网格"),
    ("八组有人烧秸秆", ("一组", "二组"), "八组"),  # not registered: still the place named
    ("村部门口的路灯坏了", ("一组",), "村部"),
    ("村口的桥栏杆断了两根", ("一组",), "村口"),
    ("有村民来问宅基地审批政策", ("一组",), None),
])
def test_location(text: str, grids: tuple[str, ...], location: str | None) -> None:
    assert location_of(text, grids) == location
