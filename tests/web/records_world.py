"""What the record pages' tests read: a month of a township's chat (tests/fixtures/township.yaml with a supervisor),
made the way people make it — reports and a correction with photos, hand-offs, a plan returned and revised, an
inspection with its 整改 item, grid issues — and the ids of what it made."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from bot.app import App
from bot.console import ConsoleUser
from handlers.clock import FakeClock
from handlers.messages import Attachment
from storage.models import Issue, Project, Report, Task, Village
from tests.conftest import CST, REGISTRY
from tests.support.chat import registered, with_people
from tests.support.rows import rows

SUPERVISOR = {"name": "赵纪检", "role": "supervisor", "title": "镇纪委督导组"}
REPORT = ("【千佛塔村3月份书记领办事项进展】一、本月进展：三步桥街立面改造完成60%，拆除违建5处。"
          "二、存在问题：资金缺口约20万元。三、下步计划：4月底前完成主街段。")
HAZARD = "二组路口电线杆倾斜，随时可能倒下，很危险"
PLAN = ("请水寨村申报书记项目：白茶产业园。目标：发展白茶种植，带动村集体增收。"
        "步骤：4月底前完成选址，6月底前建成大棚。完成时限：2026年12月底。")


@dataclass(frozen=True)
class World:
    """Ids of what the chat made."""

    projects: dict[str, int]  # by code
    report: int  # 千佛塔村's March report on XC-01, corrected once and confirmed
    other_report: int  # 请水寨村's report on XC-03
    tasks: dict[int, int]  # by number
    issues: dict[int, int]  # by number
    villages: dict[str, int]


async def make_world(app: App, clock: FakeClock, files: Path) -> World:
    """A month of chat: reports (one corrected, with a photo kept and one not), hand-offs, an inspection with its
    整改 item, and grid issues in two villages."""
    names = ("胡立新", "王建国", "储德胜", "吴桂英", "李明亮", "赵纪检")
    # Keys of their own: signing in later says "网页" as a new ConsoleUser, whose keys start again at 1.
    people = {n: ConsoleUser(app, u.sender.id, n, key_prefix=f"world:{u.sender.id}")
              for n in names for u in [await registered(app, n)]}
    hu, wang, chu = people["胡立新"], people["王建国"], people["储德胜"]
    await hu.say("@王建国 请于3月25日前完成千佛塔村征地摸底")  # #1
    await hu.say("@储德胜 请于3月10日前报送后备干部名单")  # #2, overdue by the 20th
    await wang.say("收到")
    await people["吴桂英"].say(HAZARD)  # #E1, 千佛塔村, urgent safety: one working day
    await people["李明亮"].say("三组村民反映低保申请半年了还没批下来，想问问怎么办理")  # #E2, 河西村
    await chu.say(PLAN)  # a declared project (待审核), returned and revised: two plan versions
    await hu.say("白茶产业园方案退回，请补充资金来源")
    await chu.say("修改方案：资金来源为村集体自筹5万元。步骤：4月底前完成选址，6月底前建成大棚。"
                  "完成时限：2026年12月底。")

    clock.set(dt.datetime(2026, 3, 20, 10, 0, tzinfo=CST))
    photo = files / "telegram" / "photo-1.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    await wang.say(REPORT, attachments=(Attachment("photo", "file-1", stored_path=str(photo)),
                                        Attachment("photo", "file-2")))
    clock.advance(dt.timedelta(minutes=5))
    await wang.say("进度改成70%")
    await wang.say("确认")
    await chu.say("后备干部队伍建设本月完成人选摸排，进度30%")
    await chu.say("确认")
    await people["赵纪检"].say("督导党建引领征地搬迁攻坚项目：现场查看签约进度。发现问题：1.台账不全。整改期限4月20日")
    await wang.say("#E1 受理")

    projects = {p.code: p.id for p in await rows(app, Project)}
    reports = {r.project_id: r.id for r in await rows(app, Report)}
    return World(projects, reports[projects["XC-01"]], reports[projects["XC-03"]],
                 {t.number: t.id for t in await rows(app, Task)}, {i.number: i.id for i in await rows(app, Issue)},
                 {v.name: v.id for v in await rows(app, Village)})


def registry(folder: Path) -> Path:
    """The township's registry with the supervisor on its roster."""
    return with_people(REGISTRY, folder, SUPERVISOR)
