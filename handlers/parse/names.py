"""Registered names in free text: villages, people and their titles, projects (PARSING.md).

`RegistryIndex` is built once per registry: alias tables, compiled alternations and the
distinctive terms of every project title, so reading a message never re-indexes the registry.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz, process

from handlers.parse.text import TITLE_WORDS, word_pattern
from handlers.registry import Person, Project, Registry
from handlers.roles import TOWNSHIP_LEADERS

# Words every project title is made of; they tell nothing about which project is meant, so that
# "饮水工程" does not match every 工程 project.
GENERIC_WORDS = (
    "党建引领", "党建", "引领", "打造", "助推", "助力", "推动", "推进", "促进", "创新举措", "创新", "举措",
    "建设", "提升", "工程", "项目", "乡村振兴", "振兴", "发展", "村级", "建强", "驶入", "全面", "深化",
    "加强", "实施", "开展", "专项", "行动", "工作", "书记", "领办", "事项",
)
_ROLE_TITLES = {"secretary": ("书记", "主任"), "contact_official": ("点长",), "grid_worker": ("网格员",)}
_PASSING_BEFORE = re.compile(r"(?:去|到|赴|向|跟|与|和|同|比|学习|参观|借鉴|邻村|隔壁)了?\s*$")
_PASSING_AFTER = re.compile(r"(?:的经验|学习|取经|参观)")
_SUBJECT_WINDOW = 8  # a village named this close to the start is what the message is about
_PUNCT = re.compile(r"[\s“”\"'‘’「」『』《》〈〉（）()【】\[\]，,、。：:；;！!？?·.]+")


@dataclass(frozen=True)
class Mention:
    """A registered name found in the text at [start, end)."""

    name: str
    start: int
    end: int


@dataclass(frozen=True)
class TitleMention:
    """A title such as 汪书记 at [start, end) and the people it can mean."""

    text: str
    start: int
    end: int
    people: tuple[Person, ...]


@dataclass(frozen=True)
class ProjectKey:
    """A project and the distinctive pieces of its title."""

    project: Project
    terms: tuple[str, ...]
    # Per term, its two-character short forms: 征地搬迁 → 征搬, 征迁 (first char + third or fourth).
    abbreviations: tuple[frozenset[str], ...]
    # What a nickname can go by: the category's words not in the title ("村集体经济"), and the title's
    # meaning-bearing characters ("老学校改的那个茶厂" for 闲置校舍改建茶叶加工厂).
    category_terms: tuple[str, ...] = ()
    meaning: frozenset[str] = frozenset()


# Characters too common in reports to tell one project from another by themselves.
_EMPTY_CHARS = frozenset("的地得了着过和与及或之其等为在是有个一二三四五六七八九十百千万村镇乡县区组户人民群众"
                         "大小多少新老上下中内外用利加工业产生作化性式型级全高好")
# "领办的那个事" is the village's 领办事项, "书记项目这块" its 书记项目 (the generic words that titles drop).
_KIND_SAID = {"led_matter": re.compile(r"领办"), "secretary_project": re.compile(r"书记项目")}
_KIND_SCORE = 2
_NICKNAME_WINDOW = 10  # the characters of a nickname ("老学校改的那个茶厂") lie this close together
GRAM = 3  # a title piece this long, shared verbatim, makes a project a candidate for being named
NAMING_CHARS = 4  # shared characters (in pieces of two or more) that name a project (fewer could be chance: 产业)


class RegistryIndex:
    """Lookup tables for one registry, built once."""

    def __init__(self, registry: Registry) -> None:
        self.zone = ZoneInfo(registry.timezone)
        self.village_names: tuple[str, ...] = tuple(v.name for v in registry.villages)
        self._village_of_word = {v.name: v.name for v in registry.villages}
        for v in registry.villages:
            for alias in v.aliases:
                self._village_of_word.setdefault(alias, v.name)
        self.village_re = word_pattern(list(self._village_of_word))
        # Village words opening a done text or summary ("云溪村这边…"): the record names the village already.
        self.subject_re = re.compile(f"(?:{self.village_re.pattern})(?:这边|这里)?") if self.village_re else None
        # "千佛塔村、请水寨村：" or "石桥、枫林两个村…" opening a hand-off addresses those villages.
        self.village_list_re = re.compile(
            rf"^\s*(?P<ask>请|麻烦)?\s*(?:{self.village_re.pattern})(?:\s*[、和及与,，]\s*(?:{self.village_re.pattern}))*"
            r"(?:\s*(?:两位|三位|几位|各位)?(?:党组织|党支部)?(?:书记|两委|负责人|同志)?\s*[：:]"
            r"|\s*[这那]?[两三四五六七八九几\d]个[\u4e00-\u9fff]{0,4}?(?:村|社区)(?:的)?(?:书记|两委|负责人)?\s*[：:，,]?"
            r"|\s*[这那]?[两三四五六七八九几\d]家的?"  # "龙洞沟、石板场 两家的党费…"
            r"|(?(ask)\s*|(?!)))"  # "请石桥村、枫林村下周三前…": asked by name, the list needs no colon
            # "红柳沟村 黄羊滩村 年底前…": names listed with spaces, two or more
            rf"|^\s*(?:{self.village_re.pattern})(?:[ \t\u3000]+(?:{self.village_re.pattern}))+[ \t\u3000]+"
        ) if self.village_re else None
        self.grids = {v.name: v.grids for v in registry.villages}
        self.people = {p.name: p for p in registry.people}
        self.person_re = word_pattern(list(self.people))
        self._titles: dict[tuple[str, str], tuple[Person, ...]] = {}
        for person in registry.people:
            for prefix in {person.name[:1], person.name[:2] if len(person.name) >= 3 else ""} - {""}:
                for word in _titles_of(person):
                    key = (prefix, word)
                    self._titles[key] = self._titles.get(key, ()) + (person,)
        self.title_re = word_pattern([p + w for p, w in self._titles])
        # A township office said alone ("组织委员牵头…") names the one leader who holds it.
        holders: dict[str, list[Person]] = {}
        for person in registry.people:
            for office in _offices_of(person):
                holders.setdefault(office, []).append(person)
        self.offices = {office: people[0] for office, people in holders.items() if len(people) == 1}
        self.office_re = word_pattern(list(self.offices))
        generic = list(GENERIC_WORDS) + list(self._village_of_word) + [registry.township, registry.county or ""]
        self.generic_re = word_pattern(generic)
        keys = [_project_key(p, self.generic_re) for p in registry.projects]
        self.project_keys = tuple(keys)
        self._keys_of = {name: tuple(k for k in keys if k.project.village == name) for name in self.village_names}

    @functools.cached_property
    def _grams(self) -> dict[str, tuple[ProjectKey, ...]]:
        # Every GRAM-character piece of every title term, to the projects that have it: built once, so finding
        # which project of any village a text names costs one lookup per character of the text.
        grams: dict[str, list[ProjectKey]] = {}
        for key in self.project_keys:
            for term in key.terms:
                for i in range(len(term) - GRAM + 1):
                    holders = grams.setdefault(term[i:i + GRAM], [])
                    if key not in holders:
                        holders.append(key)
        return {gram: tuple(keys) for gram, keys in grams.items()}

    def named_projects(self, text: str) -> list[tuple[int, ProjectKey]]:
        """Projects of any village that the text names by NAMING_CHARS or more characters of their title, scored."""
        grams = self._grams
        found = {key.project.id: key for i in range(len(text) - GRAM + 1) for key in grams.get(text[i:i + GRAM], ())}
        scored = [(sum(covered(term, text) for term in key.terms), key) for key in found.values()]
        return [(score, key) for score, key in scored if score >= NAMING_CHARS]

    def keys_of(self, village: str | None) -> tuple[ProjectKey, ...]:
        """Project keys of one village, or of every village when None."""
        return self.project_keys if village is None else self._keys_of.get(village, ())

    def village_of_word(self, word: str) -> str | None:
        """Registered village name for a name or alias."""
        return self._village_of_word.get(word)

    def titles(self, text: str) -> tuple[Person, ...]:
        """People a title such as 汪书记 can mean."""
        for word in TITLE_WORDS:
            if text.endswith(word):
                return self._titles.get((text[: -len(word)], word), ())
        return ()

    def strip_generic(self, text: str) -> str:
        """The text without generic project words, village names and punctuation (a rapidfuzz processor)."""
        text = self.generic_re.sub(" ", text) if self.generic_re else text
        return _PUNCT.sub(" ", text).strip()


def _offices_of(person: Person) -> set[str]:
    # "镇党委组织委员" → itself and "组织委员"; a bare "书记" or "镇长" is no office of one person.
    if person.role not in TOWNSHIP_LEADERS or not person.title:
        return set()
    short = _OFFICE_PREFIX.sub("", person.title, count=1)
    return {t for t in (person.title, short)
            if t not in TITLE_WORDS and any(t.endswith(w) and len(t) > len(w) for w in TITLE_WORDS)}


def _titles_of(person: Person) -> set[str]:
    words = {w for w in TITLE_WORDS if person.title and w in person.title}
    return words | set(_ROLE_TITLES.get(person.role, ())) | {"同志"}


_QUOTED = re.compile(r"[“\"「]([\u4e00-\u9fff]{2,8})[”\"」]")


def _project_key(project: Project, generic_re: re.Pattern[str] | None) -> ProjectKey:
    title = generic_re.sub(" ", project.title) if generic_re else project.title
    terms = tuple(t for t in _PUNCT.sub(" ", title).split() if len(t) >= 2)
    # "党建引领“金竹笋”产业提质增效" in 金竹村: the quoted name holds the village's name, and stays whole.
    # Only when the village's name leaves too little of it ("笋"): "“黄茅岭高山茶”" keeps "高山茶" as its term.
    terms += tuple(q for q in _QUOTED.findall(project.title)
                   if len(generic_re.sub("", q) if generic_re else q) < 2 and not any(q in t for t in terms))
    if sum(map(len, terms)) < NAMING_CHARS:
        # A title of mostly generic words ("流动党建", a county menu's item) is named by its whole words.
        terms = tuple(t for t in _PUNCT.sub(" ", project.title).split() if len(t) >= 2) or terms
    abbreviations = tuple(frozenset(t[i] + t[i + j] for i in range(len(t) - 3) for j in (2, 3)) for t in terms)
    category = generic_re.sub(" ", project.category or "") if generic_re else project.category or ""
    category_terms = tuple(t for t in _PUNCT.sub(" ", category).split() if len(t) >= 2 and t not in project.title)
    meaning = frozenset("".join(terms + category_terms)) - _EMPTY_CHARS
    return ProjectKey(project, terms, abbreviations, category_terms, meaning)


_OFFICE_PREFIX = re.compile(r"^[\u4e00-\u9fff]{0,4}?(?:镇|乡|街道)(?:党委|党工委|政府|人大)?")


def village_mentions(text: str, index: RegistryIndex) -> list[Mention]:
    """Every village name or alias in the text, as registered names."""
    if index.village_re is None:
        return []
    return [Mention(index.village_of_word(m.group()) or m.group(), m.start(), m.end())
            for m in index.village_re.finditer(text)]


def is_passing(text: str, mention: Mention) -> bool:
    """True for a village named only in passing ("去石桥村学习")."""
    return bool(_PASSING_BEFORE.search(text, max(0, mention.start - 3), mention.start)
                or _PASSING_AFTER.match(text, mention.end))


_GROUP_AFTER = re.compile(r"村?\s*(?:[一二三四五六七八九十\d]{1,3}组|第?[一二三四五六七八九十\d]{1,2}网格)")


def find_village(text: str, index: RegistryIndex, home: str | None = None) -> str | None:
    """The village a text is about, by name or alias; else `home` (the sender's village).

    With a home village, another village is the subject only when the text opens with it
    ("白沙二网格有人…"); named later it is in passing ("石桥村的经验值得学习").
    """
    named = [m for m in village_mentions(text, index) if not is_passing(text, m)]
    if any(m.name == home for m in named):
        return home
    # "看见王楼二组路边有人倒垃圾": a village named with one of its groups is where the thing is, wherever said.
    at_group = [m for m in named if _GROUP_AFTER.match(text, m.end)]
    if at_group:
        return at_group[0].name
    if named and (home is None or named[0].start <= _SUBJECT_WINDOW):
        return named[0].name
    if home is None and len(text) <= 12 and index.village_names:
        # A short correction ("是千佛踏村") may carry a typo (one wrong character in three); longer
        # text never guesses.
        best = process.extractOne(text, index.village_names, scorer=fuzz.partial_ratio, score_cutoff=66)
        return best[0] if best else None
    return home


def person_mentions(text: str, index: RegistryIndex) -> list[Mention]:
    """Registered people named in the text (with or without @)."""
    if index.person_re is None:
        return []
    return [Mention(m.group(), m.start(), m.end()) for m in index.person_re.finditer(text)]


def title_mentions(text: str, index: RegistryIndex, taken: list[Mention]) -> list[TitleMention]:
    """Titles such as 汪书记 or 周委员 that do not overlap a full name already found."""
    if index.title_re is None:
        return []
    out = []
    for m in index.title_re.finditer(text):
        if any(m.start() < t.end and t.start < m.end() for t in taken):
            continue
        out.append(TitleMention(m.group(), m.start(), m.end(), index.titles(m.group())))
    return out


def covered(term: str, text: str) -> int:
    """Characters of the term the text shares, in common pieces of two or more, longest first."""
    count, i = 0, 0
    while i < len(term) - 1:
        if term[i:i + 2] not in text:
            i += 1
            continue
        length = 2
        while i + length < len(term) and term[i:i + length + 1] in text:
            length += 1
        count += length
        i += length
    return count


def project_scores(text: str, village: str | None, index: RegistryIndex) -> list[tuple[int, ProjectKey]]:
    """How strongly the text points at each project of `village` (characters of title terms it shares)."""
    keys = index.keys_of(village)
    text = _folded(text)
    named = [m.group(1) for m in _NAMED_AS_PROJECT.finditer(text)] + [m.group(1) for m in _OPENING_TOPIC.finditer(text)]
    scores = []
    for key in keys:
        score = 0
        for term, short_forms in zip(key.terms, key.abbreviations, strict=True):
            # A short form only counts for a term the text does not share verbatim.
            score += covered(term, text) or (2 if any(f in text for f in short_forms) else 0)
            # "砂糖橘项目：…组织党员先锋岗…": the words said as the project's name outweigh those met in the work.
            if any(run[-k:] in term for run in named for k in range(2, len(run) + 1)):
                score += _NAMED_BONUS
        scores.append((score, key))
    if keys and not any(s for s, _ in scores):
        # Nothing in common verbatim: allow one wrong character per term ("三不桥" for 三步桥), with the
        # generic words gone from the text as they are from the terms.
        plain = index.strip_generic(text)
        scores = [(sum(len(t) - 1 for t in key.terms if len(t) >= 3
                       and fuzz.partial_ratio(t, plain, score_cutoff=100 * (len(t) - 1) / len(t) - 0.1)), key)
                  for _, key in scores]
    return scores


# Spellings of one thing that people mix up ("沙糖桔" for 砂糖橘), and the everyday names of crops a title gives by
# their book name ("洋芋" for 马铃薯): read alike when matching titles, and only there.
_VARIANTS = (("沙糖", "砂糖"), ("桔", "橘"), ("洋芋", "马铃薯"), ("土豆", "马铃薯"), ("苞谷", "玉米"), ("包谷", "玉米"),
             ("番薯", "红薯"), ("地瓜", "红薯"), ("红苕", "红薯"))
_NAMED_BONUS = 3
_NAMED_AS_PROJECT = re.compile(r"([\u4e00-\u9fff]{2,8})(?:项目|这块)")
# "站前社区红色驿站这个月正式开了…在农贸市场东门": what the report opens with, before its month, is its subject.
_OPENING_TOPIC = re.compile(r"^\s*([\u4e00-\u9fff]{2,12}?)(?:这个月|本月|上个?月|\d{1,2}月份?|[：:])")


def _folded(text: str) -> str:
    for said, meant in _VARIANTS:
        text = text.replace(said, meant)
    return text


def best_project(scores: list[tuple[int, ProjectKey]], least: int = 2) -> Project | None:
    """The clear winner of project_scores (at least `least` shared characters, no tie), else None."""
    ranked = sorted(scores, key=lambda s: -s[0])
    if not ranked or ranked[0][0] < least or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
        return None
    return ranked[0][1].project


def find_project(text: str, village: str | None, index: RegistryIndex) -> Project | None:
    """The project of `village` (any village when None) the text refers to; None when it cannot be told."""
    return best_project(project_scores(text, village, index))


def _nickname_score(key: ProjectKey, plain: str) -> int:
    # Category words said verbatim, plus the most meaning-bearing title characters in one short stretch.
    best = 0
    for start, ch in enumerate(plain):
        if ch in key.meaning:
            best = max(best, len(key.meaning.intersection(plain[start:start + _NICKNAME_WINDOW])))
    return sum(covered(t, plain) for t in key.category_terms) + (best if best >= 2 else 0)


def nickname_scores(text: str, village: str, index: RegistryIndex) -> list[tuple[int, ProjectKey]]:
    """Scores of a village's projects by their category, their kind and title characters said in other words."""
    plain = index.strip_generic(text)
    kinds = {kind for kind, said in _KIND_SAID.items() if said.search(text)}
    return [(_nickname_score(key, plain) + (_KIND_SCORE if key.project.kind in kinds else 0), key)
            for key in index.keys_of(village)]
