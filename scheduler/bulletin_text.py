"""The 季通报 as chat text: ranking with breakdown, commended and lagging villages in a line each, the method."""
from __future__ import annotations

from collections import Counter

from scheduler import kinds
from scheduler.bulletin import Bulletin, Ranked
from scheduler.outcome import VillageOutcome, Weights


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{100 * share:.0f}%"


def breakdown(o: VillageOutcome) -> str:
    """'项目 95%（书记项目1个、领办事项1个）· 任务 3/3 · 事件 1/1': the numbers behind a score."""
    projects = f"项目 {_percent(o.project_share)}（{kinds.counts(o.kinds)}）" if o.project_count else "项目 —"
    tasks = f"任务 {o.tasks.met}/{o.tasks.due}" if o.tasks.due else "任务 —"
    issues = f"事件 {o.issues.met}/{o.issues.due}" if o.issues.due else "事件 —"
    return f"{projects} · {tasks} · {issues}"


def change(row: Ranked) -> str:
    """Rank and score against last quarter."""
    if row.previous_rank is None or row.previous_score is None:
        return "上季无数据"
    moved = row.previous_rank - row.rank
    place = f"↑{moved}位" if moved > 0 else f"↓{-moved}位" if moved < 0 else "名次持平"
    return f"{place}，{row.score - row.previous_score:+.1f}分"


def praise(o: VillageOutcome) -> str:
    """Why a village is commended, in one line."""
    share = o.project_share
    pieces = ["项目全部达到序时进度" if share is not None and share >= 1 else f"项目推进 {_percent(share)}"]
    if o.tasks.due:
        pieces.append(f"任务 {o.tasks.met}/{o.tasks.due} 按期办结")
    if o.issues.due:
        pieces.append(f"事件 {o.issues.met}/{o.issues.due} 限时办结")
    return "，".join(pieces)


def concern(o: VillageOutcome) -> str:
    """Why a village lags, in one line: what is red or missed, named."""
    pieces = []
    if o.project_count and o.unreported == o.project_count:
        pieces.append("本季度未报送项目进度")
    lags = sorted(o.lags, key=lambda lag: (not lag.red, (lag.progress or 0) - lag.planned))
    if lags and o.unreported < o.project_count:
        worst = lags[0]
        shown = "未报" if worst.progress is None else f"{worst.progress}%"
        more = f"等{len(lags)}个项目" if len(lags) > 1 else ""
        pieces.append(f"「{worst.title}」{shown}（序时{worst.planned}%）{more}落后")
    if o.tasks.met < o.tasks.due:
        pieces.append(f"任务 {o.tasks.due - o.tasks.met}/{o.tasks.due} 未按期办结")
    if o.issues.met < o.issues.due:
        pieces.append(f"事件 {o.issues.due - o.issues.met}/{o.issues.due} 超时限")
    return "，".join(pieces) or "综合得分靠后"


PARTS = ("项目推进", "任务按期办结", "事件限时办结")
RULES = ("项目推进只计已认定的项目，按权重计，季末报送进度达到序时进度（有节点的按节点计）得满分，"
         "未达到按比例计分，未报送计0；"
         "任务、事件分别计本季度到期的按期办结、限时办结比例，本季度无到期事项的一项不计入，其余按比例折算。")


def method(weights: Weights, parts: tuple[str, str, str] = PARTS, rules: str = RULES) -> str:
    """How the score is made, as the bulletin states it (a county's bulletin names its own parts and rules)."""
    shares = (round(100 * w) for w in (weights.projects, weights.tasks, weights.issues))
    formula = " + ".join(f"{part}×{share}%" for part, share in zip(parts, shares, strict=True))
    return f"评分办法：综合得分 = {formula}。{rules}不统计发言次数、在线时长等“痕迹”指标。"


def render(bulletin: Bulletin) -> str:
    """The whole bulletin; the sender splits it to each platform's limit at line boundaries."""
    rows = bulletin.rows
    lines = [f"📣 {bulletin.title}"]
    if not rows:
        return "\n".join(lines + ["本季度没有参评的村（社区）。", method(bulletin.weights)])
    average = sum(r.score for r in rows) / len(rows)
    earlier = [r for r in rows if r.previous_score is not None]
    trend = ""
    if earlier:
        delta = sum(r.score - (r.previous_score or 0) for r in earlier) / len(earlier)
        trend = f"，可比村（社区）较上季度平均{delta:+.1f}分"
    counted = kinds.counts(sum((r.outcome.kinds for r in rows), Counter[str]()))
    projects = f"（项目：{counted}）" if counted else ""
    lines.append(f"{bulletin.quarter.label}共 {len(rows)} 个村（社区）参评{projects}，平均 {average:.1f} 分{trend}。")
    lines.append("【排名】")
    lines += [f"{r.rank}. {r.outcome.village.name} {r.score:.1f}分｜{breakdown(r.outcome)}｜{change(r)}" for r in rows]
    if bulletin.commended:
        lines.append("【表扬】")
        lines += [f"👍 {r.outcome.village.name}：{praise(r.outcome)}" for r in bulletin.commended]
    if bulletin.lagging:
        lines.append("【需加快】")
        lines += [f"⚠️ {r.outcome.village.name}：{concern(r.outcome)}" for r in bulletin.lagging]
    lines.append(method(bulletin.weights))
    return "\n".join(lines)
