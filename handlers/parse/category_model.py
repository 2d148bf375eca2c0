"""A character n-gram naive Bayes over the labelled issue texts: the category when the rules find little evidence.

Hand-written rather than scikit-learn's MultinomialNB: the reader must stay dependency-free and cheap to import,
and a multinomial naive Bayes over 1–3 character grams is a few dozen lines — counting, smoothing, a sum of
logarithms. The model is trained once, at first use, from the labelled texts shipped in `handlers/parse/data/`
(read with importlib.resources: no network, no clock), and kept as one dict from gram to per-category
log-probabilities, so predicting is one dict lookup per gram.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib import resources
from itertools import repeat

CATEGORIES = ("dispute", "safety", "environment", "livelihood", "policy", "other")
_ALPHA = 0.5  # additive smoothing
_SIZES = (1, 2, 3)
_RUN = re.compile(r"[\u4e00-\u9fff]+")  # grams never straddle punctuation, digits or spaces
_DATA_FILES = ("issue_texts.jsonl", "issue_texts_round3.jsonl", "issue_texts_styles.jsonl")


def grams(text: str) -> list[str]:
    """The 1- to 3-character grams of each run of Chinese characters in the text."""
    # One comprehension, not nested generators: this is most of what a prediction costs.
    return [run[i:i + n] for run in _RUN.findall(text) for n in _SIZES for i in range(len(run) - n + 1)]


class NaiveBayes:
    """Multinomial naive Bayes with additive smoothing; grams never seen in training are ignored."""

    def __init__(self, examples: Iterable[tuple[str, str]]) -> None:
        counts = {c: Counter[str]() for c in CATEGORIES}
        docs = Counter[str]()
        for text, category in examples:
            counts[category].update(grams(text))
            docs[category] += 1
        vocabulary = list(set().union(*counts.values()))
        n_docs = sum(docs.values())
        self.prior = tuple(math.log((docs[c] + 1) / (n_docs + len(CATEGORIES))) for c in CATEGORIES)
        # Built a category at a time with map and one logarithm per distinct count, not one per gram and category:
        # the model is trained inside the first parse, which must stay cheap.
        columns = []
        for c in CATEGORIES:
            denominator = sum(counts[c].values()) + _ALPHA * len(vocabulary)
            seen = list(map(counts[c].get, vocabulary, repeat(0)))
            log_of = {k: math.log((k + _ALPHA) / denominator) for k in set(seen)}
            columns.append(map(log_of.__getitem__, seen))
        self.log_p: dict[str, tuple[float, ...]] = dict(zip(vocabulary, zip(*columns, strict=True), strict=True))

    def posterior(self, text: str) -> tuple[str, float, int]:
        """The likeliest category, its lead over the next per known gram, and how many known grams the text held."""
        get = self.log_p.get
        rows = [row for row in map(get, grams(text)) if row is not None]
        # Summing column by column in zip keeps the per-gram work in C: a text costs tens of microseconds.
        columns = zip(*rows, strict=True) if rows else ((),) * len(CATEGORIES)
        scores = [prior + sum(column) for prior, column in zip(self.prior, columns, strict=True)]
        ranked = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
        best, second = ranked[0], ranked[1]
        return CATEGORIES[best], (scores[best] - scores[second]) / max(len(rows), 1), len(rows)


def labelled(files: Iterable[str] = _DATA_FILES) -> list[tuple[str, str]]:
    """(text, category) pairs from the labelled sets shipped with the package."""
    data = resources.files("handlers.parse").joinpath("data")
    pairs = []
    for name in files:
        for line in data.joinpath(name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                pairs.append((row["text"], row["category"]))
    return pairs


@cache
def model() -> NaiveBayes:
    """The model trained on the shipped labelled texts, built once at first use."""
    return NaiveBayes(labelled())


# Chosen with the smoothing by five-fold cross-validation over the shipped texts, never on a held-back set: a lead
# of 0.2 nats a gram keeps most right guesses and drops most wrong ones; a text of fewer than 15 known grams (about
# six characters) is too short to judge ("收到", "吃饭了吗").
_MIN_MARGIN = 0.2
_MIN_GRAMS = 15
# The parser asks about every message, long reports too; an issue says what it is about early (the labelled texts
# are all shorter than this), so the rest is not worth its cost.
_READ_CHARS = 120


def statistical_category(text: str) -> str | None:
    """The model's category when it is sure enough to be trusted, else None."""
    category, margin, known = model().posterior(text[:_READ_CHARS])
    return category if known >= _MIN_GRAMS and margin >= _MIN_MARGIN else None
