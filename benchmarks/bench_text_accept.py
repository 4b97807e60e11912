"""Precision and recall of the skills ``match_skills`` credits (its acceptance rule).

    python benchmarks/bench_text_accept.py [--seed N ...] [--n-pos N] [--n-neg N] [--json OUT]

Per seed and taxonomy, a copy of the graph is made without (a) a seeded 3% of its skills,
removed entirely, and (b) a seeded 10% of the alt labels of the other skills. Queries:

- positives: ESCO v1.1.1, the held-out alt labels (each should be credited to its own
  skill); O*NET 29.3 (its skills have no alt labels), the technology titles "Vendor
  Product" (``Microsoft Excel``) asked as the product alone (``Excel``) where those words
  name no other skill;
- negatives: the labels and alt labels of the removed skills (their own skill is gone, so
  whatever is credited is another skill: a false match), plus the red team's phrases
  (``RED_TEAM``) that must credit nothing or only the skill given.

A query is "accepted" when ``match_skills(query)`` credits at least one skill; its best
credited skill is right when it is the query's own skill. precision = right / accepted
(over positives and negatives), recall = right / positives. Run it once per checkout in the
same session (``PYTHONPATH=/work/base`` measures another tree) and compare.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import tree_on_path

tree_on_path(Path(__file__).resolve().parent.parent)

from _util import Row, data_dir, fmt

import skillgraph as sg
from skillgraph.text._analyze import fold

SEEDS = [153, 154, 155]
DROP_SKILLS = 0.03
HOLD_OUT = 0.10
N_POS = 800
N_NEG = 400

#: (taxonomy, phrase, the one skill label it may credit or None): the red team's phrases
RED_TEAM: list[tuple[str, str, str | None]] = [
    ("onet", "First aid", None),
    ("esco", "care and infection control", "infection control"),
    ("onet", "administer medication", None),
    ("esco", "some Excel", "use spreadsheets software"),
    ("onet", "some Excel", "Microsoft Excel"),
    ("onet", "tills and stock", None),
    ("esco", "reading blueprints", "read standard blueprints"),
    # session 22, finding 7: numbers, fillers, one-word alt labels, one word of a label
    ("esco", "6 years", None),
    ("onet", "6 years", None),
    ("esco", "packing orders", None),
    ("esco", "Worked 40 hours per week", None),
    ("esco", "BSc Computer Science, 2:1", "computer science"),
    ("esco", "Microsoft Office", "use microsoft office"),
    ("esco", "Retail", None),
    ("onet", "Team player", None),
    ("onet", "Driving", None),
]


def _product(label: str) -> str | None:
    """``Excel`` for ``Microsoft Excel``: the label without a capitalised first word, when
    the rest starts with a capital; else None."""
    words = label.split()
    if len(words) < 2 or not words[0][:1].isupper() or not words[1][:1].isupper():
        return None
    rest = " ".join(words[1:])
    return rest if len(rest) >= 3 else None


def split(
    g: sg.SkillGraph, name: str, seed: int, n_pos: int, n_neg: int
) -> tuple[sg.SkillGraph, list[tuple[str, str]], list[str]]:
    """The graph without the dropped skills and held-out alt labels; positives as
    (query, own skill id); negatives as queries."""
    rng = random.Random(seed)
    ids = sorted(g.skills)
    dropped = set(rng.sample(ids, int(DROP_SKILLS * len(ids))))
    h = g.copy()
    negatives: list[str] = []
    for sid in sorted(dropped):
        node = h.remove(sid)
        negatives.extend([node.label, *node.alt_labels])
    positives: list[tuple[str, str]] = []
    if name == "esco":
        for sid in ids:
            if sid in dropped:
                continue
            node = h.skills[sid]
            keep, out = [], []
            for alt in node.alt_labels:
                (out if rng.random() < HOLD_OUT else keep).append(alt)
            if out:
                h.add(node.model_copy(update={"alt_labels": tuple(keep)}), replace=True)
                positives.extend((alt, sid) for alt in out)
        left = {
            (fold(t), sid)
            for sid, n in h.skills.items()
            for t in (n.label, *n.alt_labels, *n.hidden_labels)
        }
        positives = [(q, sid) for q, sid in positives if (fold(q), sid) not in left]
    else:
        words_of: dict[str, set[str]] = {}
        for sid, n in h.skills.items():
            for w in fold(n.label).split():
                words_of.setdefault(w, set()).add(sid)
        for sid in sorted(h.skills):
            q = _product(h.skills[sid].label)
            if q and all(words_of.get(w, set()) == {sid} for w in fold(q).split()):
                positives.append((q, sid))
    rng2 = random.Random(seed + 1)
    if len(positives) > n_pos:
        positives = rng2.sample(positives, n_pos)
    if len(negatives) > n_neg:
        negatives = rng2.sample(negatives, n_neg)
    return h, positives, negatives


def score(h: sg.SkillGraph, positives: list[tuple[str, str]], negatives: list[str]) -> Row:
    """Precision and recall of what ``match_skills`` credits."""
    right = accepted = 0
    for q, sid in positives:
        found = h.match_skills(q, k=1)
        if found:
            accepted += 1
            right += found[0].id == sid
    neg_accepted = sum(1 for q in negatives if h.match_skills(q, k=1))
    accepted += neg_accepted
    return {
        "positives": len(positives),
        "negatives": len(negatives),
        "accepted": accepted,
        "false_on_negatives": neg_accepted,
        "precision": right / accepted if accepted else 1.0,
        "recall": right / len(positives) if positives else 0.0,
    }


def red_team(graphs: dict[str, sg.SkillGraph]) -> list[Row]:
    """Each red-team phrase: what is credited, and whether that is right."""
    rows: list[Row] = []
    for name, phrase, want in RED_TEAM:
        found = graphs[name].match_skills(phrase, k=None)
        got = [m.label for m in found]
        ok = got == [want] if want else not got
        rows.append({"taxonomy": name, "phrase": phrase, "credited": got, "ok": ok})
    return rows


def _line(row: Row) -> str:
    return "  ".join(f"{k}={fmt(v)}" for k, v in row.items())


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seed", type=int, action="append")
    p.add_argument("--n-pos", type=int, default=N_POS)
    p.add_argument("--n-neg", type=int, default=N_NEG)
    p.add_argument("--only", choices=["esco", "onet"])
    p.add_argument("--json", metavar="OUT")
    a = p.parse_args(argv)
    data = data_dir()
    if data is None:
        print("real data folder missing: skipped", file=sys.stderr)
        return 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        graphs = {
            "esco": sg.read(data / "esco" / "v1.1.1" / "csv"),
            "onet": sg.read(data / "onet" / "29.3"),
        }
    rows: list[Row] = []
    for name, g in graphs.items():
        if a.only and name != a.only:
            continue
        per_seed = []
        for seed in a.seed or SEEDS:
            h, pos, neg = split(g, name, seed, a.n_pos, a.n_neg)
            row = {"taxonomy": name, "seed": seed, **score(h, pos, neg)}
            per_seed.append(row)
            print(_line(row), flush=True)
        mean = {
            "taxonomy": name,
            "seed": "mean",
            **{
                k: round(statistics.mean(r[k] for r in per_seed), 4)
                for k in ("precision", "recall", "accepted", "false_on_negatives")
            },
        }
        print(_line(mean), flush=True)
        rows.extend([*per_seed, mean])
    checks = red_team(graphs)
    for r in checks:
        print(_line(r))
    if a.json:
        Path(a.json).write_text(json.dumps({"rows": rows, "red_team": checks}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
