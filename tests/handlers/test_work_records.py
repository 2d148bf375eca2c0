"""Work records (工作记录) in chat: a note of work done → card → corrections or a rewrite → “确认” stores it; “取消”
stores nothing; a supervisor, or a cadre writing for another village, is refused and nothing is kept; never scored."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.app import App
from bot.console import ConsoleUser
from handlers.quarters import Quarter
from scheduler.outcome import outcomes
from scheduler.rates import Window, rates
from storage.models import Conversation, InboxMessage, Issue, Person, Village, WorkRecord
from tests.conftest import REGISTRY, RecordingTransport
from tests.support.chat import registered, with_people
from tests.support.rows import count, rows

VISIT = "今天走访三组困难户8户，了解春耕生产和生活情况"
MONDAY = dt.date(2026, 3, 2)  # the clock fixture's day
ZONE = ZoneInfo("Asia/Shanghai")
SUPERVISOR = {"name": "赵纪检", "role": "supervisor", "title": "镇纪委督导组"}
ROVING = {"name": "田包村", "role": "contact_official", "title": "包村干部"}  # no village in the registry


@pytest.fixture(scope="module")
def registry_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The township's registry with a supervisor, and a contact official with no village, on its roster."""
    return with_people(REGISTRY, tmp_path_factory.mktemp("registry"), SUPERVISOR, ROVING)


async def _talk(app: App, transport: RecordingTransport, name: str, *lines: str) -> list[str]:
    """What the bot answered to each line, in turn (the last answer to each)."""
    person: ConsoleUser = await registered(app, name)
    answers = []
    for line in lines:
        before = len(transport.texts(person.chat.id))
        await person.say(line)
        said = transport.texts(person.chat.id)[before:]
        answers.append(said[-1] if said else "")
    return answers


async def _stored(app: App) -> list[tuple[str, str | None, dt.date, int | None, str | None, str]]:
    villages = {v.id: v.name for v in await rows(app, Village)}
    people = {p.id: p.name for p in await rows(app, Person)}
    return [(r.type, villages.get(r.village_id), r.day, r.people, r.place, people[r.person_id])
            for r in await rows(app, WorkRecord)]


async def test_a_note_is_shown_and_stored_on_confirmation(app: App, transport: RecordingTransport) -> None:
    card, saved = await _talk(app, transport, "王建国", VISIT, "确认")
    assert card.startswith("📝 工作记录：3月2日 走访 千佛塔村 8户\n地点：三组\n内容：") and "回复“确认”保存" in card
    assert saved == "✅ 已保存工作记录：3月2日 走访 千佛塔村 8户。将列入本季度台账，不计入考核排名。"
    assert await _stored(app) == [("visit", "千佛塔村", MONDAY, 8, "三组", "王建国")]
    (record,) = await rows(app, WorkRecord)
    note = next(m for m in await rows(app, InboxMessage) if m.text == VISIT)
    assert record.inbox_id == note.id and "春耕生产" in record.summary
    assert await count(app, Conversation) == 0  # the card is closed


async def test_nothing_is_stored_before_confirmation(app: App, transport: RecordingTransport) -> None:
    await _talk(app, transport, "王建国", VISIT)
    assert await count(app, WorkRecord) == 0


CORRECTIONS = [
    # (what is said to the open card, how the card's first line reads after it)
    ("日期改为2月27日，12户", "📝 已更正工作记录：2月27日 走访 千佛塔村 12户"),
    ("类型改为会议", "📝 已更正工作记录：2月27日 会议 千佛塔村 12人"),
    ("地点改为村委会", "📝 已更正工作记录：2月27日 会议 千佛塔村 12人"),
    ("内容改为：村两委例会，研究春耕备耕", "📝 已更正工作记录：2月27日 会议 千佛塔村 12人"),
    ("上周三", "📝 已更正工作记录：2月25日 会议 千佛塔村 12人"),
    ("昨天", "📝 已更正工作记录：3月1日 会议 千佛塔村 12人"),
]


async def test_corrections_change_the_card_and_what_is_stored(app: App, transport: RecordingTransport) -> None:
    said = [line for line, _ in CORRECTIONS]
    answers = await _talk(app, transport, "王建国", VISIT, *said, "确认")
    assert [a.split("\n")[0] for a in answers[1:-1]] == [card for _, card in CORRECTIONS]
    assert "地点：村委会" in answers[-2] and "内容：村两委例会，研究春耕备耕" in answers[-2]
    assert await _stored(app) == [("meeting", "千佛塔村", dt.date(2026, 3, 1), 12, "村委会", "王建国")]
    assert [r.summary for r in await rows(app, WorkRecord)] == ["村两委例会，研究春耕备耕"]


@pytest.mark.parametrize(("note", "correction", "head", "summary"), [
    (VISIT, "10户", "3月2日 走访 千佛塔村 10户", "今天走访三组困难户10户，了解春耕生产和生活情况"),
    (VISIT, "共6家", "3月2日 走访 千佛塔村 6户", "今天走访三组困难户6户，了解春耕生产和生活情况"),
    ("昨儿晚上组织党员学了下新修订的条例 来了十五个人", "人数改为16人", "3月1日 学习 千佛塔村 16人",
     "昨儿晚上组织党员学了下新修订的条例 来了16个人"),
    ("今天召开党员大会，应到30人实到27人", "28人", "3月2日 会议 千佛塔村 28人", "今天召开党员大会，应到30人实到28人"),
])
async def test_a_corrected_count_is_the_count_in_the_summary_too(
        app: App, transport: RecordingTransport, note: str, correction: str, head: str, summary: str) -> None:
    _, card, saved = await _talk(app, transport, "王建国", note, correction, "确认")
    assert card.startswith(f"📝 已更正工作记录：{head}\n") and f"内容：{summary}\n" in card
    assert saved.startswith(f"✅ 已保存工作记录：{head}。")
    (record,) = await rows(app, WorkRecord)
    assert (record.people, record.summary) == (int(head.split()[-1][:-1]), summary)


async def test_a_rewritten_note_replaces_the_card(app: App, transport: RecordingTransport) -> None:
    rewrite = "昨天走访三组困难户10户，了解春耕生产情况"
    card, again, _ = await _talk(app, transport, "王建国", VISIT, rewrite, "确认")
    assert again.startswith("📝 已改写工作记录：3月1日 走访 千佛塔村 10户")
    assert await _stored(app) == [("visit", "千佛塔村", dt.date(2026, 3, 1), 10, "三组", "王建国")]
    (record,) = await rows(app, WorkRecord)
    assert record.inbox_id == next(m.id for m in await rows(app, InboxMessage) if m.text == rewrite)


PLACES = [
    # (the note, the place its card shows and “确认” stores)
    ("昨天晚上在村委会值班，一切正常", "村委会"),
    ("今天在二组活动室开了个短会，来了十二个人", "二组"),
    ("今天到千佛塔村3组走访了6户", "三组"),
    ("今天在三步桥街挨家挨户走了一遍", "三步桥街"),
    ("今天组织党员学了下新条例", None),
]


@pytest.mark.parametrize(("note", "place"), PLACES)
async def test_the_place_said_in_a_note_is_the_records_place(
        app: App, transport: RecordingTransport, note: str, place: str | None) -> None:
    card, _ = await _talk(app, transport, "王建国", note, "确认")
    assert (f"\n地点：{place}\n" in card) if place else ("地点：" not in card)
    ((*_, stored, _),) = await _stored(app)
    assert stored == place


async def test_cancel_stores_nothing_and_a_later_confirm_finds_no_card(app: App, transport: RecordingTransport) -> None:
    _, cancelled, later = await _talk(app, transport, "王建国", VISIT, "取消", "确认")
    assert cancelled == "好的，这条工作记录没有保存。"
    assert "工作记录" not in later
    assert await count(app, WorkRecord) == 0


async def test_a_supervisor_is_refused_and_nothing_is_kept(app: App, transport: RecordingTransport) -> None:
    refused, after = await _talk(app, transport, "赵纪检", "今天走访千佛塔村三组困难户8户", "确认")
    assert refused.startswith("抱歉，督导人员只查看工作记录，不登记")
    assert "已保存工作记录" not in after
    assert await count(app, WorkRecord) == 0 and await count(app, Conversation) == 0


async def test_a_cadre_cannot_move_a_note_to_another_village(app: App, transport: RecordingTransport) -> None:
    _, refused, saved = await _talk(app, transport, "王建国", VISIT, "是河西村", "确认")
    assert refused.startswith("抱歉，您只能登记本村（千佛塔村）的工作记录，河西村的工作")
    assert saved.startswith("✅ 已保存工作记录：3月2日 走访 千佛塔村")  # the card as it was before
    assert [r[1] for r in await _stored(app)] == ["千佛塔村"]


async def test_a_contact_official_with_no_village_names_the_village(app: App, transport: RecordingTransport) -> None:
    asked, card, _ = await _talk(app, transport, "田包村", VISIT, "今天走访河西村三组困难户8户", "确认")
    assert asked == "请写明是哪个村的工作，例如“今天走访某某村三组8户”。"
    assert card.startswith("📝 工作记录：3月2日 走访 河西村 8户")
    assert await _stored(app) == [("visit", "河西村", MONDAY, 8, "三组", "田包村")]


async def test_a_leaders_note_is_the_townships_own_work(app: App, transport: RecordingTransport) -> None:
    card, _ = await _talk(app, transport, "胡立新", "今天上午召开镇党委班子例会，参会9人，研究春耕工作", "确认")
    assert card.startswith("📝 工作记录：3月2日 会议 镇级 9人")
    assert await _stored(app) == [("meeting", None, MONDAY, 9, None, "胡立新")]


async def test_a_note_counts_in_no_rate_and_no_score(app: App, transport: RecordingTransport) -> None:
    """A village whose only record is a work note has nothing measured (DESIGN.md: no activity measure)."""
    (town_id,) = {p.township_id for p in await rows(app, Person)}

    async def figures() -> tuple[object, object]:
        async with app.uow() as store:
            (scored,) = await outcomes(store, [town_id], [Quarter.of_period("2026-03")], ZONE)
            (counted,) = await rates(store, [town_id], [Window.month("2026-03")], ZONE)
        return [(o.village.name, o.has_records, o.score()) for o in scored], counted

    before = await figures()
    await _talk(app, transport, "余志强", "今天走访石关村一组农户6户", "确认")
    assert await count(app, WorkRecord) == 1
    assert await figures() == before


async def test_help_tells_how_to_log_work(app: App, transport: RecordingTransport) -> None:
    for name in ("王建国", "吴桂英", "胡立新"):
        (listing,) = await _talk(app, transport, name, "帮助")
        assert "工作记录" in listing, name


PROBLEM = "今天走访三组，发现李大爷家院墙开裂，需要尽快处理"


@pytest.mark.parametrize(("answer", "records", "issues"), [
    ("登记事件", 0, 1),
    ("只记录", 1, 0),
    ("取消", 0, 0),
])
async def test_a_visit_that_names_a_problem_asks_whether_to_log_an_issue(
        app: App, transport: RecordingTransport, answer: str, records: int, issues: int) -> None:
    asked, *then = await _talk(app, transport, "王建国", PROBLEM, answer, "确认")
    assert asked.startswith("这条走访记录提到了需要处理的问题：") and "回复“登记事件”" in asked and "“只记录”" in asked
    assert (await count(app, WorkRecord), await count(app, Issue)) == (records, issues)
    if answer == "登记事件":
        assert then[0].startswith("📝 已登记事件 #E1")
        (issue,) = await rows(app, Issue)
        assert issue.category == "safety" and "院墙开裂" in issue.summary
    if answer == "只记录":
        assert then[0].startswith("📝 工作记录：3月2日 走访 千佛塔村\n地点：三组\n")
        assert then[1].startswith("✅ 已保存工作记录")
        assert [r[4] for r in await _stored(app)] == ["三组"]


async def test_nothing_is_logged_before_the_answer_and_an_urgent_danger_is_logged_at_once(
        app: App, transport: RecordingTransport) -> None:
    (asked,) = await _talk(app, transport, "王建国", PROBLEM)
    assert "回复“登记事件”" in asked and await count(app, Issue) == 0 and await count(app, WorkRecord) == 0
    (logged,) = await _talk(app, transport, "李明亮", "走访时发现二组有户人家煤气泄漏，情况紧急")
    assert logged.startswith("📝 已登记事件") and await count(app, Issue) == 1
