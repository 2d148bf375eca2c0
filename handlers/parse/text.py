"""Text plumbing shared by the field readers: normalization, truncation, clauses and tidy-up."""
from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CHARS = 5000

# Full-width digits, Latin letters and a few symbols become ASCII one-for-one, so offsets found in
# the normalized text are valid in the original and numbers/percent signs need one spelling only.
# Chinese punctuation (，。：) stays: it is what a cadre typed and what the card shows back.
_WIDTH = {0xFF10 + i: 0x30 + i for i in range(10)}
_WIDTH.update({0xFF21 + i: 0x41 + i for i in range(26)})
_WIDTH.update({0xFF41 + i: 0x61 + i for i in range(26)})
_WIDTH.update({ord("％"): "%", ord("﹪"): "%", ord("＃"): "#", ord("＠"): "@", ord("．"): ".",
               ord("～"): "~", ord("－"): "-", ord("／"): "/", 0x3000: " ", ord("\r"): None,
               ord("\u200b"): None, ord("\ufeff"): None})

CLAUSE_SEPARATORS = "，,；;。！!？?\n"
SENTENCE_ENDS = "。！!？?\n"
_PUNCT_EDGES = " \t\n，,；;。！!？?：:、…~-—"


@dataclass(frozen=True)
class Clause:
    """A run of text between separators; `sep` is the separator that ended it ('' at the end)."""

    text: str
    start: int
    sep: str

    @property
    def end(self) -> int:
        """Offset just past the clause text."""
        return self.start + len(self.text)

    @property
    def ends_sentence(self) -> bool:
        """True when the separator closes a sentence (。！？ or a line break) or the text ends."""
        return self.sep == "" or self.sep in SENTENCE_ENDS


def normalize(text: str) -> tuple[str, bool]:
    """Normalized text and whether it was cut to MAX_CHARS."""
    truncated = len(text) > MAX_CHARS
    if truncated:
        text = text[:MAX_CHARS]
    return text.translate(_WIDTH), truncated


_SPLIT = re.compile(f"[{re.escape(CLAUSE_SEPARATORS)}]+")


def clauses(text: str, extra_breaks: re.Pattern[str] | None = None) -> list[Clause]:
    """Split at punctuation (and before every match of `extra_breaks`, for unpunctuated voice text)."""
    cuts: list[tuple[int, int, str]] = []
    for m in _SPLIT.finditer(text):
        sep = m.group()
        # A run such as "。\n" counts as its strongest member.
        strongest = next((c for c in sep if c in SENTENCE_ENDS), sep[0])
        cuts.append((m.start(), m.end(), strongest))
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
        elif out and sep in SENTENCE_ENDS:
            # Keep a sentence end that follows a virtual break, e.g. "…吧。"
            out[-1] = Clause(out[-1].text, out[-1].start, sep)
        pos = end
    if text[pos:].strip():
        out.append(Clause(text[pos:], pos, ""))
    return out


def join(pieces: list[tuple[str, str]]) -> str | None:
    """Join (text, separator) pieces back into one string; None when nothing is left."""
    parts: list[str] = []
    for i, (piece, sep) in enumerate(pieces):
        piece = tidy(piece)
        if not piece:
            continue
        parts.append(piece)
        if i < len(pieces) - 1:
            parts.append("，" if sep in ("", "\n") else sep)
    result = tidy("".join(parts))
    return result or None


def tidy(text: str) -> str:
    """Strip spaces and dangling punctuation from both ends."""
    return text.strip(_PUNCT_EDGES)


def cut_spans(text: str, spans: list[tuple[int, int]]) -> str:
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
    r"^\s*(?:各位领导|各位同事|各位书记|各位|领导|[\u4e00-\u9fff]{1,3}(?:书记|委员|干事|同志|主任|镇长|部长|点长|老师))"
    r"(?:[、和及][\u4e00-\u9fff]{1,3}(?:书记|委员|干事|同志|主任|镇长|部长|点长|老师))*\s*(?:好|您好|你好)?\s*$"
)
