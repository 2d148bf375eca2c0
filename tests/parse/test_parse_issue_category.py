"""Issue category and urgency judged on evidence (PARSING.md, "Issue category", "Urgent").

The category is the rules' weighted evidence, and when that is weak (one word at most) a character n-gram naive
Bayes trained on the shipped labelled texts (`handlers/parse/data/issue_texts*.jsonl`) may decide instead.

`issue_texts.jsonl` (527) holds the texts the scoring table was built and tuned against, the earlier held-back
sets among them once they had been seen. A fresh held-back set is written before the next change to the reader,
scored once, and asserted at a floor just under that first score.
`issue_texts_heldout.jsonl` (60, in tests/) is that set for the round that read kinds of description: it scored
category 0.583 / urgent 0.867 on the model before the round and 0.783 / 0.917 after it.
`issue_texts_heldout2.jsonl` (40, in tests/) was written after that round and scored once: 0.725 / 0.975.
`issue_texts_round3.jsonl` (261, grid-worker styles) was written before the round that added the statistical
fallback and the classification vocabulary, and scored once on the model before it: 0.651 / 0.973. It was then
added to the training and tuning texts, so its later score (0.950) is not a held-back measure; the model trained
on the other texts alone, which never saw it, still gives its honest figure (0.785).
After that round, heldout and heldout2 scored 0.950 / 0.933 and 0.950 / 0.975 (round 3, trained on: 0.950 /
0.989). Neither was trained on, and the fallback's thresholds were chosen by cross-validation on the training
texts alone; but both sets' misses had been printed once during the round (two words that matched heldout2's were
then taken out of the tables again), so their figures are a little less blind than a fresh set's.
`issue_texts_heldout3.jsonl` (60, in tests/) was written at the end of that round, in styles round 3 had little of
(formal 经排查 reports, emoji replies, long mixed accounts), and scored once: 0.883 / 0.983 (rules alone 0.767).
`issue_texts_styles.jsonl` (120, shipped) was written next in those styles, scored once (0.925 / 0.983) and then
trained on. With it heldout, heldout2 and heldout3 score 0.967, 0.975 and 0.917 (urgent 0.933, 0.975, 0.983): a
second look at sets already looked at once, not a fresh measure.
"""
from __future__ import annotations

import importlib
import json
import tomllib
from pathlib import Path

import pytest

from handlers.parse import is_urgent, issue_category
from tests.parse.conftest import at

ROOT = Path(__file__).parents[2]
HELD_BACK = Path(__file__).parent / "data"
TRAINING = ROOT / "handlers" / "parse" / "data"
# The modules, not the functions of the same name that handlers.parse exports.
category_module = importlib.import_module("handlers.parse.issue_category")
category_model = importlib.import_module("handlers.parse.category_model")


def _labelled(name: str) -> list[dict]:
    folder = TRAINING if (TRAINING / name).exists() else HELD_BACK
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _misses(cases: list[dict], field: str) -> list[str]:
    if field == "category":
        return [f"{c['text']} → {issue_category(c['text'])}, want {c['category']}"
                for c in cases if issue_category(c["text"]) != c["category"]]
    return [f"{c['text']} → urgent {not c['urgent']}" for c in cases if is_urgent(c["text"]) is not c["urgent"]]


@pytest.mark.parametrize(("name", "field", "floor"), [
    ("issue_texts.jsonl", "category", 0.97),
    ("issue_texts.jsonl", "urgent", 0.95),
    ("issue_texts_round3.jsonl", "category", 0.93),
    ("issue_texts_round3.jsonl", "urgent", 0.95),
    ("issue_texts_styles.jsonl", "category", 0.95),
    ("issue_texts_styles.jsonl", "urgent", 0.95),
    ("issue_texts_heldout.jsonl", "category", 0.95),
    ("issue_texts_heldout.jsonl", "urgent", 0.90),
    ("issue_texts_heldout2.jsonl", "category", 0.95),
    ("issue_texts_heldout2.jsonl", "urgent", 0.95),
    ("issue_texts_heldout3.jsonl", "category", 0.90),
    ("issue_texts_heldout3.jsonl", "urgent", 0.95),
])
def test_labelled_accuracy(name: str, field: str, floor: float) -> None:
    cases = _labelled(name)
    misses = _misses(cases, field)
    accuracy = 1 - len(misses) / len(cases)
    assert accuracy >= floor, f"{field} {accuracy:.3f} < {floor} on {name}:\n" + "\n".join(misses)


def test_statistical_model_alone_on_texts_it_never_saw() -> None:
    # Trained without round 3, the model meets those texts as unseen: 0.785 when this was written.
    model = category_model.NaiveBayes((c["text"], c["category"]) for c in _labelled("issue_texts.jsonl"))
    cases = _labelled("issue_texts_round3.jsonl")
    accuracy = sum(model.posterior(c["text"])[0] == c["category"] for c in cases) / len(cases)
    assert accuracy >= 0.75


@pytest.mark.parametrize(("name", "urgent"), [("issue_texts.jsonl", 20), ("issue_texts_round3.jsonl", 10)])
def test_labelled_set_covers_every_category_urgent_and_not(name: str, urgent: int) -> None:
    cases = _labelled(name)
    assert len(cases) >= 150
    for category in ("dispute", "safety", "environment", "livelihood", "policy", "other"):
        assert sum(c["category"] == category for c in cases) >= 10, category
    assert sum(c["urgent"] for c in cases) >= urgent
    assert len({c["text"] for c in cases}) == len(cases)


@pytest.mark.parametrize(("text", "category", "urgent"), [
    # A quarrel described without the category words.
    ("二组老何家跟隔壁为了晒谷场的事两家吵起来了，谁也不让谁", "dispute", False),
    ("两个老表为了一块菜地差点动手，被旁边的人拉开了", "dispute", False),
    ("一组陈家把通到刘家的那条小路挖了，刘家的车开不出来", "dispute", False),
    # Pay owed for months, with no 欠薪.
    ("上湾几个人在外面帮人盖房子，干完活三个月了钱还没结", "dispute", False),
    ("厂里工资拖着五个月没发了 工人找老板老板躲着不见", "dispute", False),
    # Soil and stones coming down a slope.
    ("屋后坡上的泥巴和石头一下雨就往下滑，冲到了老吴家灶屋门口", "safety", False),
    ("公路边的山上有石头滚下来，砸在路中间", "safety", False),
    # How or when to pay or apply: policy, even with livelihood words in it.
    ("村里老人问今年医保什么时候交，在哪里交", "policy", False),
    ("低保要怎么申请，要带什么材料去", "policy", False),
    ("养老保险能不能一次补交十年", "policy", False),
    # A hazard named as 隐患 is safety, not urgent; "尽快" is not urgent either.
    ("三组有几根电杆歪了，存在安全隐患，请供电所尽快处理", "safety", False),
    ("急需一批灭火器放在村部", "safety", False),
    # Negated evidence does not count.
    ("今天巡查一组，没有发现安全隐患，但路边垃圾堆了好几天没人清", "environment", False),
    ("二组没有矛盾纠纷，群众无反映问题，只是停水两天了", "livelihood", False),
    ("昨晚老街有户人家的柴堆起火，已经扑灭，无人受伤", "safety", False),
    # The main concern decides when several fit.
    ("垃圾堆在两家中间的空地上，为了谁清理两家吵了好几回", "dispute", False),
    ("困难户老周的房子成了危房，墙往外鼓，随时可能倒", "safety", True),
    ("水沟堵了污水漫到路上，臭得很，过路的人都绕着走", "environment", False),
    # Immediate danger, said without 紧急.
    ("三组山坡塌方正在往下滑，路已经断了", "safety", True),
    ("老街两户人家正在打架，有人受伤了", "dispute", True),
    ("有个小孩掉进水塘里了，快来人", "safety", True),
    ("全组停电停水，老人孩子都没法做饭，请马上派人来修", "livelihood", True),
    # Not an issue of any listed kind.
    ("村部门口的宣传栏被风吹倒了，需要重新立起来", "other", False),
])
def test_hard_cases(parser, person, text: str, category: str, urgent: bool) -> None:
    record = parser.parse(text, person("杜春梅"), at("2026-05-20 21:00"))
    assert record.kind == "issue"
    assert (record.issue.category, record.issue.urgent) == (category, urgent)


def test_held_back_sets_are_not_trained_on() -> None:
    trained = {text for text, _ in category_model.labelled()}
    shipped = ("issue_texts.jsonl", "issue_texts_round3.jsonl", "issue_texts_styles.jsonl")
    assert len(trained) == sum(len(_labelled(name)) for name in shipped)
    for name in ("issue_texts_heldout.jsonl", "issue_texts_heldout2.jsonl", "issue_texts_heldout3.jsonl"):
        assert not trained & {c["text"] for c in _labelled(name)}, name


def test_training_texts_ship_with_the_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["handlers"]
    shipped = {p.name for pattern in patterns for p in (ROOT / "handlers").glob(pattern)}
    assert {"issue_texts.jsonl", "issue_texts_round3.jsonl", "issue_texts_styles.jsonl"} <= shipped


@pytest.mark.parametrize("text", [
    "今天天气不错", "收到", "好的", "谢谢书记", "已阅 收到", "吃饭了吗", "我在开会 晚点说",
    "明天上午九点在村部开会，请准时参加", "周末带孩子去县城玩了一天", "今天的会议改到下午三点",
])
def test_chatter_stays_other(text: str) -> None:
    category, points = category_module.category_evidence(text)
    assert (category, points < 2) == ("other", True)


def test_fallback_only_when_the_rules_are_weak(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def guess(text: str) -> str:
        asked.append(text)
        return "environment"

    monkeypatch.setattr(category_module, "statistical_category", guess)
    strong = "二组老何家跟隔壁为了宅基地边界吵起来了，差点动手"
    assert category_module.category_evidence(strong)[0] == "dispute" and not asked
    # No rule evidence: the model's guess is taken, and the points stay the rules' own (none).
    assert category_module.category_evidence("今天天气不错") == ("environment", 0)
    assert asked == ["今天天气不错"]


@pytest.mark.parametrize(("text", "category"), [
    ("村西头老宋两口子都八十多了 儿女不在身边 家里连个烧水的人都没有", "livelihood"),
    ("组里几个人在镇上工地干了两个月 包工头说等年底再一起算", "dispute"),
])
def test_fallback_decides_what_the_rules_cannot_read(text: str, category: str) -> None:
    # No word of the rules' tables here: the texts the model learnt from carry the meaning.
    assert category_module.category_evidence(text) == (category, 0)


def test_model_grams_stay_inside_runs_of_chinese() -> None:
    assert list(category_model.grams("停水，3组")) == ["停", "水", "停水", "组"]


@pytest.mark.parametrize(("text", "urgent"), [
    # 急 of a bend or a current is not haste.
    ("村道急弯那里没有凸面镜，上个月两辆摩托车撞了", False),
    ("河水湍急，几个小孩在岸边玩", False),
    # "没人" before a space is not a negation of what follows it.
    ("老人发高烧一个人在家 家里没人 马上要送医院", True),
    ("有人拿菜刀追着他哥砍，派出所的人还没到", True),
    ("两个学生下水游泳，一个没上来", True),
])
def test_urgent_words_in_context(text: str, urgent: bool) -> None:
    assert is_urgent(text) is urgent
