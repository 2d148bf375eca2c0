"""Work logs (PARSING.md, "Log"): visits, meetings, study sessions and duty shifts, noted after the fact.

Sent on Wednesday 2026-03-18 unless a case says otherwise; the expected block is the whole record.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import bot.cli
from handlers.parse import restate_people
from tests.parse.conftest import YUNXI, at

WED = "2026-03-18 10:00"


def log(type_: str, village: str | None, date: str, people: int | None, summary: str) -> dict:
    """The expected "log" block."""
    return {"type": type_, "village": village, "date": date, "people": people, "summary": summary}


VISITS = [
    ("马晓东", "2号组织网格员走访了辖区独居老人十一户", WED,
     log("visit", "白沙社区", "2026-03-02", 11, "2号组织网格员走访了辖区独居老人十一户")),
    ("孙丽", "今天陪同县委组织部领导到云溪村调研茶旅示范带", WED,
     log("visit", "云溪村", "2026-03-18", None, "今天陪同县委组织部领导到云溪村调研茶旅示范带")),
    ("罗斌", "今天入户走访8户，明天继续走访二组", WED,
     log("visit", "石桥村", "2026-03-18", 8, "今天入户走访8户，明天继续走访二组")),
    ("杜春梅", "今天走访了8户，准备下周继续", WED,
     log("visit", "云溪村", "2026-03-18", 8, "今天走访了8户，准备下周继续")),
    ("韩磊", "今天走访了二组 下步准备走访三组", WED,
     log("visit", "双河村", "2026-03-18", None, "今天走访了二组 下步准备走访三组")),
    ("罗斌", "今天入户走访8户，群众无反映问题", WED,
     log("visit", "石桥村", "2026-03-18", 8, "今天入户走访8户，群众无反映问题")),
    ("杜春梅", "入户走访一组12户，宣传防火知识", WED,
     log("visit", "云溪村", "2026-03-18", 12, "入户走访一组12户，宣传防火知识")),
    ("郑国强", "今天到石桥村走访了5户", WED, log("visit", "石桥村", "2026-03-18", 5, "今天到石桥村走访了5户")),
    ("许文", "昨天下午包村联户走访老街10户群众", WED,
     log("visit", "云溪村", "2026-03-17", 10, "昨天下午包村联户走访老街10户群众")),
    ("唐金山", "前天和两委干部一起入户走访困难户6户，送去慰问品", WED,
     log("visit", "枫林村", "2026-03-16", 6, "前天和两委干部一起入户走访困难户6户，送去慰问品")),
    ("韩磊", "上周三走访2组独居老人3户，身体都还好", WED,
     log("visit", "双河村", "2026-03-11", 3, "上周三走访2组独居老人3户，身体都还好")),
    ("马晓东", "3月15日走访社区困难党员4名", WED,
     log("visit", "白沙社区", "2026-03-15", 4, "3月15日走访社区困难党员4名")),
    ("黄志勇", "今天走访了十五户农户，听取大家对村里发展的意见", WED,
     log("visit", "双河村", "2026-03-18", 15, "今天走访了十五户农户，听取大家对村里发展的意见")),
    ("孙丽", "昨天到枫林村入户走访八户", WED, log("visit", "枫林村", "2026-03-17", 8, "昨天到枫林村入户走访八户")),
    ("田芳", "今天第一网格入户走访20户未发现安全隐患", WED,
     log("visit", "白沙社区", "2026-03-18", 20, "今天第一网格入户走访20户未发现安全隐患")),
    ("杜春梅", "今天走访老街商户没什么问题", WED,
     log("visit", "云溪村", "2026-03-18", None, "今天走访老街商户没什么问题")),
    ("罗永红", "5号走访了村里的老党员", WED, log("visit", "云溪村", "2026-03-05", None, "5号走访了村里的老党员")),
    ("何静", "今天上午陪同郑书记到双河村走访慰问困难群众7户", WED,
     log("visit", "双河村", "2026-03-18", 7, "今天上午陪同郑书记到双河村走访慰问困难群众7户")),
    ("许文", "包村联户入户12户，收集意见建议3条", WED,
     log("visit", "云溪村", "2026-03-18", 12, "包村联户入户12户，收集意见建议3条")),
    ("唐金山", "今天上门走访了上湾五户留守老人", WED,
     log("visit", "枫林村", "2026-03-18", 5, "今天上门走访了上湾五户留守老人")),
    ("罗斌", "28号入户走访了6户", "2026-03-02 09:00", log("visit", "石桥村", "2026-02-28", 6, "28号入户走访了6户")),
    ("马晓东", "12月30日走访社区独居老人9人", "2026-01-05 09:00",
     log("visit", "白沙社区", "2025-12-30", 9, "12月30日走访社区独居老人9人")),
    ("韩磊", "今天上午走访了二组六户群众没有反映什么问题", WED,
     log("visit", "双河村", "2026-03-18", 6, "今天上午走访了二组六户群众没有反映什么问题")),
    ("罗斌", "孙委员好，今天入户走访了三组7户", WED, log("visit", "石桥村", "2026-03-18", 7, "今天入户走访了三组7户")),
    ("杜春梅", "今天把老街挨家挨户走访了一遍 大家都挺好的", WED,
     log("visit", "云溪村", "2026-03-18", None, "今天把老街挨家挨户走访了一遍 大家都挺好的")),
    ("郑国强", "今天上午到枫林村调研养蜂合作社", WED,
     log("visit", "枫林村", "2026-03-18", None, "今天上午到枫林村调研养蜂合作社")),
    ("唐金山", "这个月入户走访了40户，收集意见8条，都已答复", WED,
     log("visit", "枫林村", "2026-03-18", 40, "这个月入户走访了40户，收集意见8条，都已答复")),
    ("杜春梅", "今天走访一组 二组共十五户 宣传防诈骗知识", WED,
     log("visit", "云溪村", "2026-03-18", 15, "今天走访一组 二组共十五户 宣传防诈骗知识")),
    ("许文", "饮水工程这两天又上门跑了5户，3户同意改造", WED,
     log("visit", "云溪村", "2026-03-18", 5, "饮水工程这两天又上门跑了5户，3户同意改造")),
    ("罗永红", "今天走访了茶旅示范带沿线的12户农户，大家都支持", WED,
     log("visit", "云溪村", "2026-03-18", 12, "今天走访了茶旅示范带沿线的12户农户，大家都支持")),
]

MEETINGS = [
    ("罗斌", "上上周五召开了党员大会应到25人实到23人", WED,
     log("meeting", "石桥村", "2026-03-06", 23, "上上周五召开了党员大会应到25人实到23人")),
    ("黄志勇", "今天上午村两委班子开了个会 研究光伏电站收益分配 大家意见统一", WED,
     log("meeting", "双河村", "2026-03-18", None, "今天上午村两委班子开了个会 研究光伏电站收益分配 大家意见统一")),
    ("郑国强", "上周四到双河村开了村民代表大会 参会代表30人", WED,
     log("meeting", "双河村", "2026-03-12", 30, "上周四到双河村开了村民代表大会 参会代表30人")),
    ("罗永红", "今天上午召开三会一课，12名党员参加", WED,
     log("meeting", "云溪村", "2026-03-18", 12, "今天上午召开三会一课，12名党员参加")),
    ("罗永红", "3月15日开展主题党日活动，参会23人", WED,
     log("meeting", "云溪村", "2026-03-15", 23, "3月15日开展主题党日活动，参会23人")),
    ("罗斌", "今天村两委开例会，研究春耕工作", WED,
     log("meeting", "石桥村", "2026-03-18", None, "今天村两委开例会，研究春耕工作")),
    ("唐金山", "昨天晚上召开党员大会 到会党员18名", WED,
     log("meeting", "枫林村", "2026-03-17", 18, "昨天晚上召开党员大会 到会党员18名")),
    ("马晓东", "本周一召开社区组织生活会，党员26人参加", WED,
     log("meeting", "白沙社区", "2026-03-16", 26, "本周一召开社区组织生活会，党员26人参加")),
    ("黄志勇", "上周五村党支部召开支委会研究发展党员工作", WED,
     log("meeting", "双河村", "2026-03-13", None, "上周五村党支部召开支委会研究发展党员工作")),
    ("孙丽", "今天下午在云溪村参加了民主生活会", WED,
     log("meeting", "云溪村", "2026-03-18", None, "今天下午在云溪村参加了民主生活会")),
    ("许文", "前天参加村党员大会，参会党员31名", WED,
     log("meeting", "云溪村", "2026-03-16", 31, "前天参加村党员大会，参会党员31名")),
    ("郑国强", "今天召开镇村干部例会 参会四十二人", WED,
     log("meeting", None, "2026-03-18", 42, "今天召开镇村干部例会 参会四十二人")),
    ("何静", "昨天组织各村书记开了月度例会", WED,
     log("meeting", None, "2026-03-17", None, "昨天组织各村书记开了月度例会")),
    ("罗永红", "3月12日召开村民代表会议，参会代表35人", WED,
     log("meeting", "云溪村", "2026-03-12", 35, "3月12日召开村民代表会议，参会代表35人")),
    ("田芳", "今天参加社区网格员例会", WED, log("meeting", "白沙社区", "2026-03-18", None, "今天参加社区网格员例会")),
    ("黄志勇", "今天上午开展主题党日活动 组织党员17人清理河道垃圾", WED,
     log("meeting", "双河村", "2026-03-18", 17, "今天上午开展主题党日活动 组织党员17人清理河道垃圾")),
    ("唐金山", "十二号开了党小组会", WED, log("meeting", "枫林村", "2026-03-12", None, "十二号开了党小组会")),
    ("马晓东", "上周六社区开了院坝会，居民代表40多人参加", WED,
     log("meeting", "白沙社区", "2026-03-14", 40, "上周六社区开了院坝会，居民代表40多人参加")),
    ("马晓东", "白沙社区今天召开党员大会，参会党员28名", WED,
     log("meeting", "白沙社区", "2026-03-18", 28, "今天召开党员大会，参会党员28名")),
    ("郑国强", "昨天主持召开镇党委会", WED, log("meeting", None, "2026-03-17", None, "昨天主持召开镇党委会")),
    ("罗永红", "村里昨天召开了党员冬训动员会", WED,
     log("meeting", "云溪村", "2026-03-17", None, "村里昨天召开了党员冬训动员会")),
    ("罗斌", "本月共走访农户36户，召开党员大会1次，开展主题党日2次", WED,
     log("visit", "石桥村", "2026-03-18", 36, "本月共走访农户36户，召开党员大会1次，开展主题党日2次")),
    ("黄志勇", "上午镇里开会回来，传达了会议精神", WED,
     log("meeting", "双河村", "2026-03-18", None, "上午镇里开会回来，传达了会议精神")),
]

STUDIES = [
    ("许文", "今天组织村两委集中学习全会精神", WED,
     log("study", "云溪村", "2026-03-18", None, "今天组织村两委集中学习全会精神")),
    ("罗斌", "昨天晚上组织党员学习，参加15人", WED,
     log("study", "石桥村", "2026-03-17", 15, "昨天晚上组织党员学习，参加15人")),
    ("唐金山", "今天参加县委党校的书记培训班", WED,
     log("study", "枫林村", "2026-03-18", None, "今天参加县委党校的书记培训班")),
    ("韩磊", "上午参加了网格员业务培训", WED, log("study", "双河村", "2026-03-18", None, "上午参加了网格员业务培训")),
    ("孙丽", "今天组织镇机关干部学习新修订的条例，参学32人", WED,
     log("study", None, "2026-03-18", 32, "今天组织镇机关干部学习新修订的条例，参学32人")),
    ("马晓东", "周一组织社区党员集中学习 18名党员参加", WED,
     log("study", "白沙社区", "2026-03-16", 18, "周一组织社区党员集中学习 18名党员参加")),
    ("黄志勇", "3月10日组织党员到石桥村学习红色驿站经验", WED,
     log("study", "双河村", "2026-03-10", None, "3月10日组织党员到石桥村学习红色驿站经验")),
    ("罗永红", "前天带后备干部去县里学习基层治理经验", WED,
     log("study", "云溪村", "2026-03-16", None, "前天带后备干部去县里学习基层治理经验")),
]

DUTIES = [
    ("唐金山", "星期天在村部值班", WED, log("duty", "枫林村", "2026-03-15", None, "星期天在村部值班")),
    ("许文", "昨天晚上在云溪村值班没有什么情况", WED,
     log("duty", "云溪村", "2026-03-17", None, "昨天晚上在云溪村值班没有什么情况")),
    ("唐金山", "昨天晚上在村部值班，一切正常", WED,
     log("duty", "枫林村", "2026-03-17", None, "昨天晚上在村部值班，一切正常")),
    ("杜春梅", "今天防汛值班 无异常", WED, log("duty", "云溪村", "2026-03-18", None, "今天防汛值班 无异常")),
    ("郑国强", "今天在镇里带班值班，各村情况平稳", WED,
     log("duty", None, "2026-03-18", None, "今天在镇里带班值班，各村情况平稳")),
    ("罗斌", "前天晚上村部值守到十二点，没有发现险情", WED,
     log("duty", "石桥村", "2026-03-16", None, "前天晚上村部值守到十二点，没有发现险情")),
    ("黄志勇", "春节期间村两委轮流值班，全村平安", "2026-02-18 09:00",
     log("duty", "双河村", "2026-02-18", None, "春节期间村两委轮流值班，全村平安")),
    ("田芳", "各位领导好！今天社区防汛值班，一切正常。", WED,
     log("duty", "白沙社区", "2026-03-18", None, "今天社区防汛值班，一切正常")),
]

OTHER_WORK = [
    ("韩磊", "今天巡河一次 河道干净", WED, log("other", "双河村", "2026-03-18", None, "今天巡河一次 河道干净")),
    ("田芳", "今天上午巡查第二网格一圈，未发现异常", WED,
     log("other", "白沙社区", "2026-03-18", None, "今天上午巡查第二网格一圈，未发现异常")),
    ("黄志勇", "上周日组织党员志愿者巡山护林", WED,
     log("other", "双河村", "2026-03-15", None, "上周日组织党员志愿者巡山护林")),
    ("罗永红", "今天组织党员到村道义务劳动，参加党员20人", WED,
     log("other", "云溪村", "2026-03-18", 20, "今天组织党员到村道义务劳动，参加党员20人")),
]


@pytest.mark.parametrize(("sender", "text", "now", "expect"), VISITS + MEETINGS + STUDIES + DUTIES + OTHER_WORK)
def test_log_record(parser, person, sender: str, text: str, now: str, expect: dict) -> None:
    record = parser.parse(text, person(sender), at(now))
    assert record.kind == "log"
    assert record.to_dict()["log"] == expect


@pytest.mark.parametrize(("sender", "text"), [
    ("唐金山", "走访中发现王某家房屋开裂需要尽快处理"),
    ("罗斌", "今天入户走访8户，发现二组李大爷家电线老化，需要尽快更换"),
    ("杜春梅", "今天走访老街，群众反映路灯坏了好几盏，请协调维修"),
    ("韩磊", "巡河时发现3组河边有人倾倒建筑垃圾"),
    ("郑国强", "今天到石桥村走访，发现二组有一处危房还住着人，要立即转移"),
    ("马晓东", "例会上居民代表反映小区污水管道堵塞，需要协调处理"),
    ("田芳", "值班时接到群众电话，第一网格有老人摔倒受伤"),
    ("许文", "包村走访时有村民反映低保评定不公平，需要镇里答复"),
    ("黄志勇", "今天入户走访发现2组有户人家房顶漏水 老人住着不安全"),
    ("许文", "今天跟罗书记一起入户走访，了解到二组张大爷家缺水严重"),
    ("韩磊", "昨天在2组走访时有村民问医保怎么缴费"),
])
def test_a_work_note_that_names_a_problem_is_an_issue(parser, person, sender: str, text: str) -> None:
    record = parser.parse(text, person(sender), at(WED))
    assert record.kind == "issue"
    assert record.issue is not None and record.issue.summary


@pytest.mark.parametrize(("sender", "text", "kind"), [
    ("罗斌", "召开村民代表大会通过驿站二期方案，项目完成60%", "report"),
    ("唐金山", "养蜂合作社本月召开社员大会，进度70%，分红3万元", "report"),
    ("马晓东", "网格化治理项目本月组织网格员培训2次，完成第三网格划分，进度50%", "report"),
    ("罗永红", "茶旅示范带召开现场推进会，新建观景台2处", "report"),
    ("孙丽", "各村书记：本周五前把主题党日活动记录报镇党建办", "handoff"),
    ("何静", "请各村本月底前完成入户走访，走访记录交党建办", "handoff"),
    ("郑国强", "@罗斌 抓紧组织党员学习新条例", "handoff"),
    ("孙丽", "@罗斌 昨天的走访记录今天整理好发我", "handoff"),
    ("何静", "石桥村昨天例会的照片发给我一下", "handoff"),
    ("罗永红", "下周二开主题党日，各位党员记得参加", "other"),
    ("杜春梅", "明天上午入户走访二组", "other"),
    ("罗斌", "我在县里开会，驿站的事晚点回复", "other"),
    ("韩磊", "今晚谁值班？", "other"),
    ("杜春梅", "今天下雨没去走访", "other"),
    ("孙丽", "大家辛苦了，下周一的例会改到周二上午", "other"),
    ("罗永红", "茶旅示范带本月召开推进会，研究游步道建设", "report"),
    ("唐金山", "养蜂合作社这个月召开社员大会，讨论分红，进度过半", "report"),
    ("许文", "群众会有意见的，饮水工程这个月完成入户改造30户", "report"),
    # A report's own problems do not make its training an issue.
    ("唐金山", "【枫林村3月份养蜂合作社工作进展】本月组织蜂农培训1期，新增蜂箱40箱。"
               "存在问题：蜂蜜销路不稳定，需要镇里帮助对接电商。", "report"),
    ("马晓东", "社区网格化治理本月召开居民议事会3次，化解矛盾纠纷4起，存在问题是网格员流动大", "report"),
])
def test_work_words_that_are_not_a_log(parser, person, sender: str, text: str, kind: str) -> None:
    assert parser.parse(text, person(sender), at(WED)).kind == kind


@pytest.mark.parametrize(("sender", "text"), [
    ("黄志勇", "光伏收益分配方案报党委会研究"),  # sent to a meeting, not a meeting held
    ("许文", "困难党员慰问名单3月20日前报给我"),
    ("杜春梅", "#E3 回访：群众满意"),
    ("罗斌", "石桥村的走访记录3天内补交"),
    ("唐金山", "清明前完成山林防火巡查"),
    ("郑国强", "今天去龙桥镇调研，请各位注意安全"),
])
def test_work_to_be_done_is_never_a_log(parser, person, sender: str, text: str) -> None:
    assert parser.parse(text, person(sender), at(WED)).kind != "log"


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """`yuebao parse --registry <云溪镇> ARGS…` in-process; returns the records printed."""
    monkeypatch.setattr(bot.cli, "COMMANDS", ("parse",))
    registry = tmp_path / "registry.yaml"
    registry.write_text(yaml.safe_dump(YUNXI, allow_unicode=True), encoding="utf-8")

    def run(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
        assert bot.cli.main(["parse", "--registry", str(registry), *args]) == 0
        return [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    return run


def test_cli_prints_the_log_block_for_one_message(cli, capsys) -> None:
    (record,) = cli(capsys, "--sender", "唐金山", "--now", "2026-03-18T21:00", "昨天晚上召开党员大会，到会党员18名")
    assert record == {"id": None, "kind": "log", "warnings": [], "log": {
        "type": "meeting", "village": "枫林村", "date": "2026-03-17", "people": 18,
        "summary": "昨天晚上召开党员大会，到会党员18名"}}


def test_cli_prints_the_log_block_for_jsonl(cli, capsys, tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text("\n".join(json.dumps(case, ensure_ascii=False) for case in [
        {"id": "v", "text": "今天到石桥村走访了5户", "sender": "郑国强", "now": "2026-03-18T16:00"},
        {"id": "q", "text": "茶旅示范带的月报是我报还是许文报？", "sender": "罗永红", "now": "2026-03-18T16:00"},
    ]), encoding="utf-8")
    visit, question = cli(capsys, "--jsonl", str(cases))
    assert visit == {"id": "v", "kind": "log", "warnings": [], "log": {
        "type": "visit", "village": "石桥村", "date": "2026-03-18", "people": 5, "summary": "今天到石桥村走访了5户"}}
    assert question == {"id": "q", "kind": "other", "warnings": []}


# How village cadres say it in chat, by voice or thumb: not the ledger's words.
COLLOQUIAL = [
    ("罗斌", "昨儿晚上组织党员学了下新修订的条例 来了十五个人", WED,
     log("study", "石桥村", "2026-03-17", 15, "昨儿晚上组织党员学了下新修订的条例 来了十五个人")),
    ("唐金山", "前儿个两委开了个短会 说了说春耕的事", WED,
     log("meeting", "枫林村", "2026-03-16", None, "前儿个两委开了个短会 说了说春耕的事")),
    ("黄志勇", "今儿上午跟两委几个人碰了个头", WED,
     log("meeting", "双河村", "2026-03-18", None, "今儿上午跟两委几个人碰了个头")),
    ("杜春梅", "下午在老街跑了几户", WED, log("visit", "云溪村", "2026-03-18", None, "下午在老街跑了几户")),
    ("许文", "昨天去了趟老张家 他家情况都还好", WED,
     log("visit", "云溪村", "2026-03-17", None, "昨天去了趟老张家 他家情况都还好")),
    ("韩磊", "今天把3组挨家挨户过了一遍", WED, log("visit", "双河村", "2026-03-18", None, "今天把3组挨家挨户过了一遍")),
    ("唐金山", "上午看望了五保户李大爷", WED, log("visit", "枫林村", "2026-03-18", None, "上午看望了五保户李大爷")),
    ("罗永红", "晚上到老党员家拉了拉家常", WED, log("visit", "云溪村", "2026-03-18", None, "晚上到老党员家拉了拉家常")),
    ("罗斌", "昨晚在村部守着，没啥事", WED, log("duty", "石桥村", "2026-03-17", None, "昨晚在村部守着，没啥事")),
    ("唐金山", "今天轮到我值班", WED, log("duty", "枫林村", "2026-03-18", None, "今天轮到我值班")),
    ("黄志勇", "昨天值了个夜班 一切正常", WED, log("duty", "双河村", "2026-03-17", None, "昨天值了个夜班 一切正常")),
    ("罗斌", "昨天组织党员学了学党章 到了二十几个", WED,
     log("study", "石桥村", "2026-03-17", 20, "昨天组织党员学了学党章 到了二十几个")),
    ("杜春梅", "今天走了七八户 宣传医保缴费", WED,
     log("visit", "云溪村", "2026-03-18", 8, "今天走了七八户 宣传医保缴费")),
    ("许文", "今天入户 一共去了6家", WED, log("visit", "云溪村", "2026-03-18", 6, "今天入户 一共去了6家")),
]

# Meeting, study and duty words of the villages that the ledger words miss.
MORE_WORDS = [
    ("罗斌", "昨天开了三组村民小组会", "meeting"),
    ("罗斌", "今天开了组务会，研究修路的事", "meeting"),
    ("唐金山", "上午召开户主会 讲了讲人居环境整治", "meeting"),
    ("黄志勇", "今天召开党员会", "meeting"),
    ("罗永红", "昨天晚上开了支部会", "meeting"),
    ("罗斌", "二组今天开了小组会", "meeting"),
    ("马晓东", "今天开了院坝会", "meeting"),
    ("唐金山", "昨晚在晒场开了坝坝会，来了四十多人", "meeting"),
    ("黄志勇", "今天开了群众会，讲解光伏分红办法", "meeting"),
    ("罗永红", "前天晚上开了村民夜话会", "meeting"),
    ("罗斌", "昨晚办了一期农民夜校", "study"),
    ("罗永红", "今天给党员讲了一堂微党课", "study"),
    ("唐金山", "上午书记上了党课", "study"),
    ("马晓东", "周六社区搞了个读书会", "study"),
    ("韩磊", "昨晚在河边守夜", "duty"),
    ("杜春梅", "昨天防汛值守 无异常", "duty"),
    ("罗斌", "这两天村部24小时值班", "duty"),
]

# How many came or were reached, as said.
COUNTS = [
    ("罗斌", "今天开了支部会，参加的有32名党员", 32),
    ("唐金山", "昨天召开党员大会，实到28人", 28),
    ("黄志勇", "今天召开党员会 应到30人实到27人", 27),
    ("罗永红", "今天召开党员大会，应到30人，到会27人", 27),
    ("杜春梅", "今天走访了十几户", 10),  # "十几": at least ten, as "40多人" is 40
    ("许文", "昨天入户走访了十来户", 10),
    ("韩磊", "今天走访了七八户", 8),  # a pair of digits: the upper end, as for amounts
    ("罗斌", "下午跑了几户", None),  # "几" alone says no figure
    ("唐金山", "今天上午开了党员会 来了十五个人", 15),
]


@pytest.mark.parametrize(("sender", "text", "now", "expect"), COLLOQUIAL)
def test_colloquial_notes_are_logs(parser, person, sender: str, text: str, now: str, expect: dict) -> None:
    record = parser.parse(text, person(sender), at(now))
    assert record.kind == "log"
    assert record.to_dict()["log"] == expect


@pytest.mark.parametrize(("sender", "text", "type_"), MORE_WORDS)
def test_village_meeting_study_and_duty_words(parser, person, sender: str, text: str, type_: str) -> None:
    record = parser.parse(text, person(sender), at(WED))
    assert record.kind == "log" and record.log is not None
    assert record.log.type == type_


@pytest.mark.parametrize(("sender", "text", "people"), COUNTS)
def test_people_as_said(parser, person, sender: str, text: str, people: int | None) -> None:
    record = parser.parse(text, person(sender), at(WED))
    assert record.kind == "log" and record.log is not None
    assert record.log.people == people


@pytest.mark.parametrize(("sender", "text", "kind"), [
    ("许文", "群众会有意见的，饮水工程这个月完成入户改造30户", "report"),  # 会 = "will", no meeting
    ("罗斌", "党员会带头参加义务劳动吗？", "other"),
    ("杜春梅", "明儿去老街走访", "other"),
    ("罗斌", "昨晚在家守着孩子", "other"),
    ("罗永红", "孩子今天上学了", "other"),
    ("唐金山", "明天开个短会，各位两委干部记得参加", "other"),
    # A plan that names a project's place reports nothing done either.
    ("罗永红", "明天去茶旅示范带走访沿线农户", "other"),
    ("唐金山", "下周准备到养蜂合作社开个会", "other"),
])
def test_colloquial_words_that_are_not_a_log(parser, person, sender: str, text: str, kind: str) -> None:
    assert parser.parse(text, person(sender), at(WED)).kind == kind


# The place of the work: the registered grid or group, spelled as registered; else the place named; never in the JSON.
PLACES = [
    ("罗斌", "昨天在村委会值班", "村委会"),
    ("罗斌", "今天在二组活动室开会，来了12人", "二组"),
    ("郑国强", "今天到石桥村3组走访了5户", "三组"),
    ("韩磊", "今天走访了二组 下步准备走访三组", "2组"),
    ("杜春梅", "今天走访一组 二组共十五户", "一组、二组"),
    ("唐金山", "今天上门走访了上湾五户留守老人", "上湾"),
    ("许文", "昨晚在云溪村村部值班", "村部"),
    ("罗永红", "晚上到老党员家拉了拉家常", "老党员家"),
    ("许文", "今天入户 一共去了6家", None),
    ("孙丽", "今天下午在云溪村参加了民主生活会", None),
    ("郑国强", "今天在镇里带班值班，各村情况平稳", None),
]


@pytest.mark.parametrize(("sender", "text", "place"), PLACES)
def test_the_place_of_the_work(parser, person, sender: str, text: str, place: str | None) -> None:
    record = parser.parse(text, person(sender), at(WED))
    assert record.log is not None and record.log.place == place
    assert "place" not in record.to_dict()["log"]


@pytest.mark.parametrize(("summary", "people", "restated"), [
    ("今天走访三组困难户8户，了解春耕生产", 10, "今天走访三组困难户10户，了解春耕生产"),
    ("昨晚开了党员会 来了十五个人", 16, "昨晚开了党员会 来了16个人"),
    ("召开党员大会应到30人实到27人", 28, "召开党员大会应到30人实到28人"),
    ("居民代表40多人参加", 45, "居民代表45人参加"),
    ("今天走了七八户", 9, "今天走了9户"),
    ("今天在村部值班", 2, "今天在村部值班"),
])
def test_a_corrected_count_is_restated_in_the_summary(summary: str, people: int, restated: str) -> None:
    assert restate_people(summary, people) == restated
