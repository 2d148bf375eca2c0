"""Saying that nothing moved: "暂无进展", "没动", "这个月没啥可报的".

The reader uses IDLE to tell a project named only as idle from the one reported on; the chat uses `idle_remark`
to take a message that says only this as the month's report of every project not yet reported (减负: one line,
not one per project).
"""
from __future__ import annotations

import re

# "没动", "没什么新进展", "暂无进展": nothing happened ("没动工" is a progress of 0, not this).
IDLE = re.compile(r"没(?:什么|啥子|啥|有|怎么|咋)?(?:太大|多大|大的|新的?)?(?:进展|动静|变化|推进|起色)|没(?:怎么)?动(?![工土])"
                  r"|(?:暂|尚)?无(?:新的?)?进展|停滞|推进(?:得)?(?:都|也)?不多|进展(?:都|也)?不大"
                  r"|进度(?:还是)?(?:跟|和|与)上个?月(?:差不多|一样|持平)|没有?(?:什么)?新的?情况")
# "这个月没啥可报的": the reader takes it as chatter, the chat as the month's report of nothing done.
NOTHING_TO_REPORT = r"没(?:啥|什么|有什么|有啥)(?:可|好|要)?(?:报|说|汇报)的?"
_NOTHING_TO_REPORT = re.compile(NOTHING_TO_REPORT + r"|无事可报|没(?:啥|什么)事")
# What may stand around the idle words in such a message: the month, the village or "both projects", fillers.
_FRAME = re.compile(r"这个月|这月|本月|上个?月|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月份?|最近|近期|目前|暂时|今年|"
                    r"(?:两|几|[2-9])个项目|各个?项目|项目上?|村里|我们村|咱村|俺村|本村|我村|这边|都|全部|也|还是|还|"
                    r"确实|真的|嗯|那个|哈|啊|呢|吧|的|[\s，,。.！!～~、：:]")
_REASON_MAX = 10  # "农忙", "天冷停工": a short reason may follow; anything longer is a report of its own


def idle_remark(text: str, village_words: tuple[str, ...] = ()) -> str | None:
    """The reason given when the message says only that nothing moved this month ('' when none); None when it says
    more (a figure, a project's work, a problem)."""
    if re.search(r"\d+\s*%|百分之|[一二三四五六七八九十]成(?!本)", text):
        return None
    found = IDLE.search(text) or _NOTHING_TO_REPORT.search(text)
    if found is None:
        return None
    rest = text[:found.start()] + "，" + text[found.end():]
    for word in village_words:
        rest = rest.replace(word, "")
    rest = _FRAME.sub("", rest)
    if len(rest) > _REASON_MAX or re.search(r"\d", rest):
        return None
    return rest
