"""Text plumbing shared by the field readers: normalization, truncation, clauses and tidy-up."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

MAX_CHARS = 5000

# Full-width digits, Latin letters and a few symbols become ASCII one-for-one, so offsets found in
# the normalized text are valid in the original and numbers/percent signs need one spelling only.
# Chinese punctuation (，。：) stays: it is what a cadre typed and what the card shows back.
_WIDTH: dict[int, int | str | None] = {0xFF10 + i: 0x30 + i for i in range(10)}
_WIDTH.update({0xFF21 + i: 0x41 + i for i in range(26)})
_WIDTH.update({0xFF41 + i: 0x61 + i for i in range(26)})
_WIDTH.update({ord("％"): "%", ord("﹪"): "%", ord("＃"): "#", ord("＠"): "@", ord("．"): ".",
               ord("～"): "~", ord("－"): "-", ord("／"): "/", 0x3000: " ", ord("\r"): None,
               ord("\u200b"): None, ord("\ufeff"): None})
# Traditional characters that matter in dates and hand-offs read as simplified ("後天", "週三", "禮拜一",
# "國慶節前", "報上來"). One character for one keeps offsets valid, as above. No installed library converts
# scripts (opencc, zhconv and hanziconv are not dependencies), and a full table would cost every message a
# scan for thousands of characters that a township's chat almost never holds.
_TRADITIONAL = ("後週禮號節慶個內點時於請報務須終為兩這過陽婦師國勞動將開會來還間準備進長鐘當從幾歲舊曆歷"
                "農設辦單書記鄉鎮區戶組網黨實現與給讓說們嗎對關問題據處總結統計劃樣衛環險災寫聯員領導傳達"
                "學習檢樓資貼補費錢萬億齊盡緊馬場東門頭車電燈線橋裡裏廣麼遞層況氣緒專龍歡貧餘隊蓋釐圖賬"
                "繳臺發飲認識謝應該沒裝護風產業價織選舉換屆檔歸類訪難幫鄰")
_SIMPLIFIED = ("后周礼号节庆个内点时于请报务须终为两这过阳妇师国劳动将开会来还间准备进长钟当从几岁旧历历"
               "农设办单书记乡镇区户组网党实现与给让说们吗对关问题据处总结统计划样卫环险灾写联员领导传达"
               "学习检楼资贴补费钱万亿齐尽紧马场东门头车电灯线桥里里广么递层况气绪专龙欢贫余队盖厘图账"
               "缴台发饮认识谢应该没装护风产业价织选举换届档归类访难帮邻")
_WIDTH.update(dict(zip(map(ord, _TRADITIONAL), _SIMPLIFIED, strict=True)))

# "一家省了一万多 不对 是一万五", "上个月 哦不对 是这个月": what is said right before 不对 is taken back.
_RETRACTION = re.compile(r"[\s，,。]*(?:吧|啦)?(?:哦|嗯|呃|啊)?[\s，,]*(?:不对|说错了|说错|错了)(?![^\s，,。]{0,2}[的地])")


def retracted(text: str, end: int) -> bool:
    """True when what ends at `end` is taken back by the speaker right after it ("八万 不对 是九万")."""
    return _RETRACTION.match(text, end) is not None


# A figure or a month taken back and said again ("花了八万多块 不对 是九万" → "花了九万"): the card shows what stands.
_FIGURE_SAID = (r"(?:[\d零〇一二三四五六七八九两十百千万亿.]+(?:多|余|来)?[万千亿]?(?:多|余)?(?:元|块钱|块|%|户|人|亩|个|成[五半]?)?"
                r"|百分之[零〇一二三四五六七八九十百.\d]+|[上下本这]个?月|[零〇一二三四五六七八九十\d]{1,2}月份?|[今明去]年)")
_TAKEN_BACK = re.compile(rf"{_FIGURE_SAID}(?={_RETRACTION.pattern}[\s，,]*(?:应该是|是)?[\s，,]*{_FIGURE_SAID})"
                         rf"{_RETRACTION.pattern}[\s，,]*(?:应该是|是)?[\s，,]*")


# "把初制所的设备 不对 是把茶叶的采摘标准印出来": what is done to something, said again from its 把.
_OBJECT_TAKEN_BACK = re.compile(rf"把[^，,。；;把]{{1,12}}?{_RETRACTION.pattern}[\s，,]*(?:应该是|是)?[\s，,]*(?=把)")


def without_retractions(text: str) -> str:
    """The text with each figure, month or object the speaker took back, and the words taking it back, left out."""
    if "不对" not in text and "错" not in text:
        return text
    return _OBJECT_TAKEN_BACK.sub("", _TAKEN_BACK.sub("", text))


CLAUSE_SEPARATORS = "，,；;。！!？?\n"
SENTENCE_ENDS = "。！!？?\n"
SENTENCE = re.compile(f"[^{SENTENCE_ENDS}]+")  # one sentence, its end mark left out
_SENTENCE_END = re.compile(f"[{SENTENCE_ENDS}]")


def sentence_end(text: str, start: int) -> int:
    """Where the sentence holding `start` ends (its end mark's index, or the text's length)."""
    end = _SENTENCE_END.search(text, start)
    return end.start() if end else len(text)
_PUNCT_EDGES = " \t\n，,；;。！!？?：:、…~-—"

# Titles after a surname or name ("汪书记", "胡立新主任"), read wherever a person is addressed.
TITLE_WORDS = ("书记", "主任", "委员", "干事", "点长", "网格员", "镇长", "部长", "组长", "站长", "所长",
               "局长", "同志", "老师")
TITLES = "|".join(TITLE_WORDS)  # a regex alternation; no word is a prefix of another
# Words that make what follows a plan, not work done ("计划月底前完工", "准备3月份开工").
PLANNED_WORDS = r"下一?步|计划|准备|打算|争取|力争|预计|将|拟|还要|需要|要在|迎接|确保"


class Clause(NamedTuple):
    """A run of text between separators; `sep` is the separator run that ended it ('' at the end)."""

    text: str
    start: int
    sep: str

    @property
    def ends_sentence(self) -> bool:
        """True when the separator closes a sentence (。！？ or a line break) or the text ends."""
        return self.sep == "" or any(c in SENTENCE_ENDS for c in self.sep)

    @property
    def mark(self) -> str:
        """The visible punctuation that ended the clause ("；" of "；\n"), "，" when there is none."""
        return next((c for c in self.sep if not c.isspace()), "，")


_NEEDS_WIDTH = re.compile("[" + "".join(re.escape(chr(c)) for c in _WIDTH) + "]")
# Northern and southern spoken negation as voice input types it ("设备还木有到", "木法干活", "冇人管") reads as
# 没, so every reader's 没/还没 rules hold for it. 木 alone is wood (苗木, 木材): only these contexts are negation.
# Same length, as above, so offsets stay valid; the card shows the standard word, as it does for 後→后.
# Bare 木 only before 有/法/啥…; before a verb only after 还 ("还木开工"), so "松木到货" stays wood.
_DIALECT_NO = re.compile(r"冇|(?<![苗林树草积原枕圆红乌杉柏楠檀椴桦枣杏梨核实伐松桐竹])木(?=有|法|啥|得|事儿?$|人管|问题|进展|变化)"
                         r"|(?<=[还是都也])木(?=开|动|到|弄|搞|干|流|谈|见|来|去|收|卖|种|做|修|通|办)")
# Hubei and Hunan 么 for 什么 ("冇么进展", "么时候发", "搞么事") reads as 啥, one for one; not 什么, 怎么, 那么….
_DIALECT_WHAT = re.compile(r"(?<=没)[么乜]|(?<![什怎那这多要])么(?=时候|样|事|子|进展|新进展|大问题|问题|情况|变化|动静)")
# The north-west's 么 for 没 ("还么解决完", "一直么人修", "么人管"), and Cantonese 冇乜 (没乜 → 没啥, above).
_NORTHWEST_NO = re.compile(r"(?<=[还直都也])么(?=[\u4e00-\u9fff])(?!样|事|子|时候)|(?<![什怎那这多要])么(?=人(?:管|修|问|理|收|来))")
# Voice input's slip for 进度 ("二月份近度汇报", "整体近度百分之六十"): 近度 is no word of its own.
_SLIPS = (("近度", "进度"),)
# Capital numerals of receipts and forms ("叁仟伍佰元") read as everyday ones, one for one — only in a run of them or
# before a unit, since 陆 and 伍 are surnames and 拾 is in 收拾.
_CAPITAL = str.maketrans("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟", "一二二三三四五六六七八九十百千")
_CAPITAL_RUN = re.compile(r"[壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]{2,}|[壹贰貳叁參肆伍陆陸柒捌玖拾佰仟](?=元|圆|万|角)")


def normalize(text: str) -> tuple[str, bool]:
    """Normalized text and whether it was cut to MAX_CHARS."""
    truncated = len(text) > MAX_CHARS
    if truncated:
        text = text[:MAX_CHARS]
    # str.translate walks every character in Python; most messages need no change at all.
    text = text.translate(_WIDTH) if _NEEDS_WIDTH.search(text) else text
    text = _CAPITAL_RUN.sub(lambda m: m.group().translate(_CAPITAL), text)
    text = _DIALECT_NO.sub("没", text) if "木" in text or "冇" in text else text
    text = _NORTHWEST_NO.sub("没", text) if "么" in text else text
    for slip, meant in _SLIPS:
        text = text.replace(slip, meant) if slip in text else text
    return (_DIALECT_WHAT.sub("啥", text) if "么" in text or "乜" in text else text), truncated


_SPLIT = re.compile(f"[{re.escape(CLAUSE_SEPARATORS)}]+")
_SPLIT_ONE = re.compile(f"[{re.escape(CLAUSE_SEPARATORS)}]")


def clauses(text: str, extra_breaks: re.Pattern[str] | None = None) -> list[Clause]:
    """Split at punctuation (and before every match of `extra_breaks`, for unpunctuated voice text)."""
    cuts: list[tuple[int, int, str]] = []
    for m in _SPLIT.finditer(text):
        cuts.append((m.start(), m.end(), m.group()))
    if extra_breaks is not None:
        inside = [m.start() for m in extra_breaks.finditer(text)]
        cuts.extend((pos, pos, "，") for pos in inside if pos > 0)
        cuts.sort()
    out: list[Clause] = []
    pos = 0
    for start, end, sep in cuts:
        if start < pos:
            continue
        piece = text[pos:start]
        if piece.strip():
            out.append(Clause(piece, pos, sep))
        elif out and any(c in SENTENCE_ENDS for c in sep):
            # Keep a sentence end that follows a virtual break, e.g. "…吧。"
            out[-1] = Clause(out[-1].text, out[-1].start, sep)
        pos = end
    if text[pos:].strip():
        out.append(Clause(text[pos:], pos, ""))
    return out


Trie = dict[str, "Trie"]  # one level per character; the key "" marks the end of a word


def word_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """A regex matching any of the words, longest first, built as a trie.

    Python's re tries every branch of a flat alternation at every position; a trie shares the
    prefixes, which makes a 100-word vocabulary several times faster to scan.
    """
    tree: Trie = {}
    for word in words:
        if not word:
            continue
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return re.compile(_trie(tree)) if tree else None


def _trie(node: Trie) -> str:
    branches = [re.escape(ch) + _trie(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def anchored(pattern: re.Pattern[str], anchor: re.Pattern[str], text: str,
             before: int, after: int) -> Iterator[re.Match[str]]:
    """Matches of `pattern` that reach a match of `anchor`, searched only in a window around each.

    A pattern that opens with optional parts ("(今年)?3月") defeats re's fast scan, so a full
    search tries every character; the anchors (月, 元, %) are found with a fast scan instead.
    `before`/`after` must cover the longest match on either side of its anchor.
    """
    last = 0
    for a in anchor.finditer(text):
        where = a.start()
        if where < last:
            continue
        end = min(len(text), a.end() + after)
        m = pattern.search(text, max(last, where - before), end)
        while m is not None and m.end() < where:  # a match wholly before the anchor
            m = pattern.search(text, max(m.end(), m.start() + 1), end)
        if m is None or m.start() > where:
            continue
        last = m.end()
        yield m


class TrailingWords:
    """Finds where a run of known words (commas and spaces between) ending at a position begins.

    Used to take lead-in words ("目前整体进度约") along with the figure they introduce; scanning
    backwards word by word is linear, unlike a regex anchored at the end.
    """

    def __init__(self, words: Iterable[str]) -> None:
        by_last: dict[str, list[str]] = {}
        for word in sorted(set(words), key=len, reverse=True):
            by_last.setdefault(word[-1], []).append(word)
        self._by_last = {ch: tuple(ws) for ch, ws in by_last.items()}

    def start_of(self, text: str, start: int, end: int) -> int:
        """Start of the run of words that ends at `end`, not before `start` (`end` if none)."""
        pos = end
        while pos > start:
            ch = text[pos - 1]
            if ch in " ，,":
                pos -= 1
                continue
            word = next((w for w in self._by_last.get(ch, ()) if text.endswith(w, start, pos)), None)
            if word is None:
                break
            pos -= len(word)
        while pos < end and text[pos] in " ，,":
            pos += 1
        return pos


class ClauseBounds:
    """Clause limits around any span of one text, from its separator positions found once."""

    def __init__(self, text: str) -> None:
        self._cuts = [m.start() for m in _SPLIT_ONE.finditer(text)]
        self._len = len(text)

    def around(self, start: int, end: int) -> tuple[int, int]:
        """(first index of the clause holding [start, end), index just past it)."""
        i = bisect.bisect_left(self._cuts, start)
        left = self._cuts[i - 1] + 1 if i else 0
        j = bisect.bisect_left(self._cuts, end)
        right = self._cuts[j] if j < len(self._cuts) else self._len
        return left, right


def join(pieces: list[tuple[str, str]]) -> str | None:
    """Join (text, punctuation) pieces back into one string; None when nothing is left."""
    parts: list[str] = []
    for i, (piece, mark) in enumerate(pieces):
        piece = tidy(piece)
        if not piece:
            continue
        parts.append(piece)
        if i < len(pieces) - 1:
            parts.append(mark or "，")
    result = tidy("".join(parts))
    return result or None


def tidy(text: str) -> str:
    """Strip spaces and dangling punctuation from both ends."""
    return text.strip(_PUNCT_EDGES)


def cut_spans(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """Text with the given (start, end) spans removed; overlapping spans are merged."""
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if end <= pos:
            continue
        out.append(text[pos:max(start, pos)])
        pos = end
    out.append(text[pos:])
    return "".join(out)


_REPEATED_PUNCT = re.compile(r"([，,；;。！!？?、：:])[，,；;。！!？?、：:\s]+")


def squeeze(text: str) -> str:
    """Collapse runs of punctuation left behind by cuts ("，，" → "，") and tidy the ends."""
    return tidy(_REPEATED_PUNCT.sub(r"\1", text))


# Salutations and pleasantries that carry no content: "胡书记，", "各位领导好", "谢谢", "麻烦".
GREETING = re.compile(
    r"(?:各位|大家|同志们|领导们?)?(?:早上好|上午好|下午好|晚上好|早安|晚安|你好|您好|好)"
    r"|新春快乐|春节快乐|节日快乐|新年快乐|中秋快乐|国庆快乐|万事如意|身体健康|阖家幸福|大吉|吉祥|"
    r"辛苦了|辛苦|谢谢|感谢|多谢|麻烦了?|打扰了?|收到|好的|好嘞|明白|知道了|[祝恭]贺?|恭喜"
)
ADDRESS = re.compile(
    rf"^\s*(?:各位领导|各位同事|各位书记|各位|领导|[\u4e00-\u9fff]{{1,3}}(?:{TITLES}))"
    rf"(?:[、和及][\u4e00-\u9fff]{{1,3}}(?:{TITLES}))*\s*(?:好|您好|你好)?\s*$"
)
