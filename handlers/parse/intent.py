"""Kind: report, handoff, issue or other (PARSING.md, "Kind"); a task number alone makes task_update.

Who sends a message decides most of it (leaders hand off, secretaries report, grid workers log
issues); the words then confirm it, or mark it as chatter.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.parse.text import TITLES
from handlers.roles import LEADERS, REPORTERS

_REPORT_WORDS = re.compile(
    r"进度|进展|汇报|报告|工作小结|小结|累计|完成了|已完成|全部完工|竣工|开展了?|召开|新建|建成|签约|腾空|投入|"
    r"验收|下一?步|存在问题|本月|这个月|上个?月|\d{1,2}月份?|推进|实施|流转|收益|收入|带动|比武|培训|评选"
)
_REQUEST = re.compile(r"求助|帮忙|帮一下|反映|投诉|咨询|请镇里|请村里|需要村里|出面|协调|处理一下|派人|怎么办|"
                      r"来问|来找|想请|能不能|麻烦")
_DAMAGE = re.compile(r"坏了|坏|破|撕|漏|塌|堵|脏|臭|没人管|没人|不方便|堆")
_IMPERATIVE = re.compile(
    r"请|务必|抓紧|尽快|及时|要|把|将|报送|报上来|交上来|上报|提交|报给|发我|发给|补交|补齐|落实|完成|整理|做好|"
    r"拿出|定稿|签完|清理|组织|开展|排查|核对|安排|准备|负责|跟进|督促|牵头|对接"
)
_GREETING_ONLY = re.compile(
    r"^[\s，,。！!？?、~…]*(?:(?:祝|各位|大家|领导|同事|们|新春|春节|节日|新年|中秋|国庆|快乐|万事如意|身体健康|"
    r"阖家幸福|[鼠牛虎兔龙蛇马羊猴鸡狗猪]年|大吉|吉祥|早上好|上午好|下午好|晚上好|你好|您好|辛苦了|辛苦|"
    r"谢谢|感谢|收到|好的|明白|"
    rf"[\u4e00-\u9fff]{{1,3}}(?:{TITLES}))[\s，,。！!？?、~…]*)+$"
)


_QUESTION = re.compile(r"[?？]\s*$|[吗呢]\s*[?？]?\s*$|怎么报|怎么填|怎么写|如何报|如何填|是我报还是|谁来报|谁报"
                       r"|报了没|收到没")


@dataclass(frozen=True)
class Evidence:
    """What the field readers found, for the kind decision."""

    role: str
    progress: bool
    project: bool
    amounts: bool
    deadline: bool  # a deadline said as one (…前, …内, 截止…), not just a date
    addressees: bool
    located: bool  # a grid or place is named
    issue_score: int  # category evidence (0–3) + urgency


def kind_of(text: str, ev: Evidence) -> str:
    """The kind of a message that names no task number, given what was found in it."""
    if _GREETING_ONLY.match(text) or not text.strip():
        return "other"
    issue = ev.issue_score + len(_REQUEST.findall(text)) + (1 if _DAMAGE.search(text) else 0)
    if ev.role in LEADERS:
        if (ev.addressees or ev.deadline) and (ev.deadline or _IMPERATIVE.search(text)):
            return "handoff"
        return "issue" if issue >= 3 else "other"
    report = (2 if ev.progress else 0) + len(_REPORT_WORDS.findall(text)) + ev.project + ev.amounts
    if ev.role in REPORTERS:
        # A secretary's question or remark is chatter unless it clearly names a local problem; a question
        # with no figure in it ("我们村这个月的情况怎么报") is never a report.
        if report == 0 and issue < 2:
            return "other"
        if not ev.progress and _QUESTION.search(text):
            return "issue" if issue >= 3 else "other"
        return "report" if report >= issue else "issue"
    return "issue" if issue or ev.located else "other"
