"""Sets written blind — each by a writer who saw only PARSING.md (f and h also public township texts they adapted), with
a registry of a township of its own — scored as the public corpus is. Each was scored once when it arrived (messages /
deadline file / issue category): round 3 — a 0.942 / 0.950 / 0.887, b 0.936 / 0.940 / 0.925, c 0.966 / 0.887 / 0.917,
d 0.956 / 1.000 / 0.950; round 4 — e (northern voice) 0.895 / 0.975 / 0.917, f (public texts) 0.970 / 0.925 / 0.983, g
(south-western chat) 0.968 / 1.000 / 0.950, h (public texts) 0.943 / 0.983 / 0.950, i (central township, written last)
0.951 / 0.950 / 0.917, j (public texts, written last) 0.972 / 1.000 / 0.917, k (north-west township, last round) 0.949
/ 0.950 / 0.983, l (public texts, last round) 0.964 / 1.000 / 0.933, m (southern township, written last) 0.962 / 1.000
/ 0.960, n (public texts, written last) 0.978 / 1.000 / 0.880; round 5 (writers who also read the public corpus for
its format) — o (north-eastern chat) 0.920 / 0.920 / 0.880, p (public texts, centre and west) 0.913 / 0.920 / 0.840, q
(eastern 党建办) 0.931 / 0.930 / 0.940, r (voice-typed mountain township) 0.874 / 0.930 / 0.880; written after the fixes
those four led to — s (a plains township's work group) 0.961 / 1.000 / 0.820, t (public texts, north-west and east)
0.968 / 0.980 / 0.900; round 6 — u (a hill township of northern Guangdong in WeCom) 0.961 / 1.000 / 0.900, v (public
texts of the northern plains) 0.925 / 0.970 / 0.920, w (voice-typed south-western mountain township) 0.924 / 0.980 /
0.940, x (year-end lifecycle and supervision, Jiangxi/Hunan) 0.927 / 1.000 / 0.980; written after the fixes those four
led to — y (a loess-plateau township's chat) 0.959 / 1.000 / 0.960, z (public texts of Fujian and Zhejiang) 0.967 /
1.000 / 0.920, za (a county-town edge township, half of it 社区 with grid workers) 0.939 / 0.990 / 0.900; and after the
fixes those three led to — zb (a Yunnan/Guizhou township) 0.959 / 0.960 / 0.980, zc (public texts of the north-east)
0.957 / 0.990 / 0.920; and after those — zd (Jiangsu/Anhui rice-and-crayfish township) 0.949 / 0.980 / 0.920, ze
(public texts of Sichuan and southern Shaanxi) 0.941 / 0.980 / 0.940, zf (a Hainan/Guangxi coastal township) 0.948 /
1.000 / 0.920; round 7 — zg (an Inner Mongolian pastoral sumu) 0.963 / 0.950 / 0.960, zh (a Shandong greenhouse
township) 0.981 / 0.990 / 0.980, zi (public texts of Hunan/Jiangxi/Hubei) 0.959 / 1.000 / 0.920, zj (a Henan/Hebei
plains township in winter, lunar dates) 0.952 / 1.000 / 0.920; after the fixes those four led to — zk (a Shanxi
mining-area township) 0.964 / 1.000 / 0.980, zl (a Hubei lake-area township) 0.957 / 1.000 / 0.980, zm (public texts
of a county seat's sub-district) 0.964 / 0.970 / 0.980; and after those — zn (a township in the corpus's own style,
Hunan) 0.983 / 1.000 / 0.980, zo (public texts adapted) 0.977 / 1.000 / 0.960, zp (a Hebei/Shandong plains township,
voice and one-liners) 0.948 / 0.960 / 0.920; and after those — zq (the corpus's style, Sichuan) 0.980 / 1.000 / 0.940,
zr (public texts of the Fujian/Guangdong coast) 0.973 / 1.000 / 0.940, zs (a hill township whose 包村干部 report, with
task numbers) 0.964 / 0.980 / 1.000; round 8 — zt (the corpus's style, Yunnan highlands) 0.956 / 1.000 / 0.960, zu
(public texts of Zhejiang and southern Jiangsu) 0.968 / 1.000 / 0.980, zv (loess hills, voice run-ons) 0.945 / 1.000 /
0.980, zw (the north-east through winter) 0.980 / 0.980 / 0.900, zx (200 deadlines in the manner of date-expression
suites) — / 0.995 / —; after the fixes those led to — zy (the corpus's style, southern Shaanxi) 0.977 / 1.000 / 0.940,
zz (public texts of Guizhou and western Hunan) 0.985 / 0.980 / 1.000, zza (a Hainan/western Guangdong township,
one-liners and Cantonese) 0.975 / 0.990 / 0.960; and, last, zzb (the corpus's style, southern Jiangxi) 0.968 / 1.000 /
0.940, zzc (public texts of Sichuan and Chongqing) 0.980 / 0.980 / 0.940, zzd (a plains township typing on phones)
0.980 / 0.980 / 0.980. Then each was used to find classes of misreading, fixed with cases of our own
(test_parse_round3_blind.py, the round-4 files, test_parse_round5.py, test_parse_round6.py, test_parse_round7.py,
test_parse_round8.py). Now
they guard against those classes coming back; the floors sit just under today's scores. The field scores need
../shared's scorer, like the corpus. In round 6 the done text stopped repeating the progress figure outside a form, as
the corpus and every writer who read it label it; the earlier writers kept it, so a, b and g lost about a point there
and their floors moved down with it.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from handlers.parse import is_urgent, issue_category
from tests.parse.test_public_corpus import SCORER

DATA = Path(__file__).parent / "data" / "blind"


@pytest.mark.skipif(not SCORER.exists(), reason="../shared (the scorer) is not beside this clone")
@pytest.mark.parametrize(("name", "cases", "floor"), [
    ("a", "messages.jsonl", 0.98), ("a", "deadlines.jsonl", 0.99),
    ("b", "messages.jsonl", 0.98), ("b", "deadlines.jsonl", 0.96),
    ("c", "messages.jsonl", 0.98), ("c", "deadlines.jsonl", 0.97),
    ("d", "messages.jsonl", 0.99), ("d", "deadlines.jsonl", 0.99),
    ("e", "messages.jsonl", 0.97), ("e", "deadlines.jsonl", 0.98),
    ("f", "messages.jsonl", 0.99), ("f", "deadlines.jsonl", 0.99),
    ("g", "messages.jsonl", 0.97), ("g", "deadlines.jsonl", 0.99),
    ("h", "messages.jsonl", 0.99), ("h", "deadlines.jsonl", 0.97),
    ("i", "messages.jsonl", 0.98), ("i", "deadlines.jsonl", 0.99),
    ("j", "messages.jsonl", 0.99), ("j", "deadlines.jsonl", 0.99),
    ("k", "messages.jsonl", 0.98), ("k", "deadlines.jsonl", 0.99),
    ("l", "messages.jsonl", 0.99), ("l", "deadlines.jsonl", 0.99),
    ("m", "messages.jsonl", 0.98), ("m", "deadlines.jsonl", 0.99),
    ("n", "messages.jsonl", 0.99), ("n", "deadlines.jsonl", 0.99),
    ("o", "messages.jsonl", 0.97), ("o", "deadlines.jsonl", 0.99),
    ("p", "messages.jsonl", 0.98), ("p", "deadlines.jsonl", 0.99),
    ("q", "messages.jsonl", 0.97), ("q", "deadlines.jsonl", 0.99),
    ("r", "messages.jsonl", 0.96), ("r", "deadlines.jsonl", 0.98),
    ("s", "messages.jsonl", 0.96), ("s", "deadlines.jsonl", 0.99),
    ("t", "messages.jsonl", 0.98), ("t", "deadlines.jsonl", 0.99),
    ("u", "messages.jsonl", 0.97), ("u", "deadlines.jsonl", 0.99),
    ("v", "messages.jsonl", 0.97), ("v", "deadlines.jsonl", 0.99),
    ("w", "messages.jsonl", 0.97), ("w", "deadlines.jsonl", 0.97),
    ("x", "messages.jsonl", 0.97), ("x", "deadlines.jsonl", 0.99),
    ("y", "messages.jsonl", 0.96), ("y", "deadlines.jsonl", 0.99),
    ("z", "messages.jsonl", 0.97), ("z", "deadlines.jsonl", 0.99),
    ("za", "messages.jsonl", 0.97), ("za", "deadlines.jsonl", 0.98),
    ("zb", "messages.jsonl", 0.98), ("zb", "deadlines.jsonl", 0.99),
    ("zc", "messages.jsonl", 0.98), ("zc", "deadlines.jsonl", 0.98),
    ("zd", "messages.jsonl", 0.95), ("zd", "deadlines.jsonl", 0.97),
    ("ze", "messages.jsonl", 0.96), ("ze", "deadlines.jsonl", 0.97),
    ("zf", "messages.jsonl", 0.95), ("zf", "deadlines.jsonl", 0.99),
    ("zg", "messages.jsonl", 0.98), ("zg", "deadlines.jsonl", 0.99),
    ("zh", "messages.jsonl", 0.99), ("zh", "deadlines.jsonl", 0.99),
    ("zi", "messages.jsonl", 0.98), ("zi", "deadlines.jsonl", 0.99),
    ("zj", "messages.jsonl", 0.98), ("zj", "deadlines.jsonl", 0.99),
    ("zk", "messages.jsonl", 0.98), ("zk", "deadlines.jsonl", 0.99),
    ("zl", "messages.jsonl", 0.99), ("zl", "deadlines.jsonl", 0.99),
    ("zm", "messages.jsonl", 0.98), ("zm", "deadlines.jsonl", 0.99),
    ("zn", "messages.jsonl", 0.98), ("zn", "deadlines.jsonl", 0.99),
    ("zo", "messages.jsonl", 0.99), ("zo", "deadlines.jsonl", 0.99),
    ("zp", "messages.jsonl", 0.99), ("zp", "deadlines.jsonl", 0.99),
    ("zq", "messages.jsonl", 0.98), ("zq", "deadlines.jsonl", 0.99),
    ("zr", "messages.jsonl", 0.98), ("zr", "deadlines.jsonl", 0.99),
    ("zs", "messages.jsonl", 0.97), ("zs", "deadlines.jsonl", 0.97),
    ("zt", "messages.jsonl", 0.98), ("zt", "deadlines.jsonl", 0.99),
    ("zu", "messages.jsonl", 0.98), ("zu", "deadlines.jsonl", 0.99),
    ("zv", "messages.jsonl", 0.97), ("zv", "deadlines.jsonl", 0.99),
    ("zw", "messages.jsonl", 0.98), ("zw", "deadlines.jsonl", 0.97),
    ("zx", "deadlines.jsonl", 0.99),
    ("zy", "messages.jsonl", 0.98), ("zy", "deadlines.jsonl", 0.99),
    ("zz", "messages.jsonl", 0.99), ("zz", "deadlines.jsonl", 0.99),
    ("zza", "messages.jsonl", 0.98), ("zza", "deadlines.jsonl", 0.99),
    ("zzb", "messages.jsonl", 0.97), ("zzb", "deadlines.jsonl", 0.99),
    ("zzc", "messages.jsonl", 0.99), ("zzc", "deadlines.jsonl", 0.98),
    ("zzd", "messages.jsonl", 0.98), ("zzd", "deadlines.jsonl", 0.99),
])
def test_a_blind_set_scores_as_before(name: str, cases: str, floor: float) -> None:
    command = f"{sys.executable} -m bot.cli parse"
    run = subprocess.run([sys.executable, str(SCORER), str(DATA / name / cases), "--registry",
                          str(DATA / name / "registry.yaml"), "--cmd", command, "--min", str(floor), "--show", "5"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]


@pytest.mark.parametrize(("name", "category_floor", "urgent_floor"), [
    ("a", 0.94, 0.97), ("b", 0.96, 0.97), ("c", 0.9, 0.93), ("d", 0.92, 0.95),
    ("e", 0.98, 0.98), ("f", 0.98, 0.96), ("g", 0.98, 0.98), ("h", 0.98, 0.98), ("i", 0.95, 0.97), ("j", 0.95, 0.98),
    ("k", 0.97, 0.95), ("l", 0.98, 0.98), ("m", 0.96, 0.98), ("n", 0.96, 0.98),
    ("o", 0.94, 0.96), ("p", 0.9, 0.98), ("q", 0.94, 0.98), ("r", 0.92, 0.94), ("s", 0.94, 0.98), ("t", 0.92, 0.98),
    ("u", 0.9, 0.92), ("v", 0.9, 0.96), ("w", 0.92, 0.98), ("x", 0.98, 0.98),
    ("y", 0.94, 0.94), ("z", 0.9, 0.96), ("za", 0.88, 0.98), ("zb", 0.96, 0.94), ("zc", 0.9, 0.94),
    ("zd", 0.9, 0.98), ("ze", 0.94, 0.96), ("zf", 0.9, 0.94),
    ("zg", 0.94, 0.98), ("zh", 0.96, 0.98), ("zi", 0.98, 0.98), ("zj", 0.98, 0.98), ("zk", 0.96, 0.98),
    ("zl", 0.96, 0.96), ("zm", 0.96, 0.96), ("zn", 0.98, 0.98), ("zo", 0.98, 0.98), ("zp", 0.90, 0.94),
    ("zq", 0.92, 0.98), ("zr", 0.92, 0.98), ("zs", 0.98, 0.98),
    ("zt", 0.96, 0.98), ("zu", 0.98, 0.98), ("zv", 0.98, 0.98), ("zw", 0.96, 0.96), ("zy", 0.92, 0.98),
    ("zz", 0.98, 0.98), ("zza", 0.94, 0.98), ("zzb", 0.92, 0.94), ("zzc", 0.92, 0.98), ("zzd", 0.96, 0.98),
])
def test_issue_texts_of_a_blind_set(name: str, category_floor: float, urgent_floor: float) -> None:
    texts = [json.loads(line) for line in (DATA / name / "issues.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    category = sum(issue_category(t["text"]) == t["category"] for t in texts) / len(texts)
    urgent = sum(is_urgent(t["text"]) is t["urgent"] for t in texts) / len(texts)
    assert category >= category_floor and urgent >= urgent_floor, (category, urgent)
