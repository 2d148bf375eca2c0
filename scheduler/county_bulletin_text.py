"""The county's 季通报 as text: towns ranked by outcome score, each with its breakdown and change, towns named
for 通报表扬 and 通报批评 (or 需加快) with one line of why from the figures, the method, and the year so far."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scheduler import bulletin_text
from scheduler.bulletin import Bulletin, Ranked
from scheduler.bulletin_text import breakdown, change, concern, praise
from scheduler.outcome import Weights

CRITICISED_BELOW = 60.0  # a lagging town under this score, or with a red project, is 通报批评; else 需加快


@dataclass(frozen=True)
class YearRow:
    """One town's scores in each quarter of the year so far (None: nothing to score), for the annual roll-up."""

    town: str
    scores: tuple[float | None, ...]

    @property
    def average(self) -> float | None:
        """The mean of the quarters that had something to score."""
        scored = [s for s in self.scores if s is not None]
        return sum(scored) / len(scored) if scored else None


def criticised(row: Ranked) -> bool:
    """通报批评 (work clearly behind: a red project or a failing score) rather than a nudge to speed up."""
    return bool(row.outcome.red) or row.score < CRITICISED_BELOW


PARTS = ("乡镇项目推进", "县交办任务按期办结", "事件限时办结")
RULES = ("项目推进只计县委认定的乡镇党委书记项目（非均衡发展项目），按认定权重计，季末报送进度达到序时进度"
         "（有节点的按节点计）得满分，未达到按比例计分，未报送计0；任务计本季度到期的县交办任务按期办结比例，"
         "事件计全镇本季度到期事件的限时办结比例；某项本季度无到期事项的不计入，其余按比例折算。")


def method(weights: Weights) -> str:
    """How a town's score is made, as the county bulletin states it."""
    return bulletin_text.method(weights, PARTS, RULES)


def year_lines(year: int, rows: Sequence[YearRow]) -> list[str]:
    """The annual roll-up: each town's quarterly scores and their mean, best first (for the year-end assessment)."""
    if not rows:
        return []
    ordered = sorted(rows, key=lambda r: (r.average is None, -(r.average or 0), r.town))
    lines = [f"【{year}年累计（供年度考核参考）】"]
    for row in ordered:
        quarters = " ".join(f"Q{n}:{'—' if s is None else f'{s:.1f}'}" for n, s in enumerate(row.scores, 1))
        average = "—" if row.average is None else f"{row.average:.1f}分"
        lines.append(f"{row.town} 平均{average}（{quarters}）")
    return lines


def render(bulletin: Bulletin, year: Sequence[YearRow] = ()) -> str:
    """The whole county bulletin; the sender splits it to each platform's limit at line boundaries."""
    rows = bulletin.rows
    lines = [f"📣 {bulletin.title}"]
    if not rows:
        return "\n".join(lines + ["本季度没有可计分的乡镇（街道）。", method(bulletin.weights)])
    average = sum(r.score for r in rows) / len(rows)
    lines.append(f"{bulletin.quarter.label}共 {len(rows)} 个乡镇（街道）参评，平均 {average:.1f} 分。")
    lines.append("【排名】")
    lines += [f"{r.rank}. {r.outcome.village.name} {r.score:.1f}分｜{breakdown(r.outcome)}｜{change(r)}" for r in rows]
    if bulletin.unscored:
        lines.append("本季度无可计分事项（无县认定的乡镇项目、无到期任务和事件），不参与排名："
                     + "、".join(o.village.name for o in bulletin.unscored))
    lagging = bulletin.lagging
    lines += [f"表扬 {r.outcome.village.name}（{r.score:.1f}分）：{praise(r.outcome)}" for r in bulletin.commended]
    lines += [f"{'批评' if criticised(r) else '需加快'} {r.outcome.village.name}（{r.score:.1f}分）："
              f"{concern(r.outcome)}" for r in lagging]
    lines += year_lines(bulletin.quarter.year, year)
    lines.append(method(bulletin.weights))
    return "\n".join(lines)
