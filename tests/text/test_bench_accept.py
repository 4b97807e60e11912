"""The splits and figures of `benchmarks/bench_text_accept.py` (precision and recall of
the skills ``match_skills`` credits)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import skillgraph as sg

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_text_accept

    return bench_text_accept


def _graph() -> sg.SkillGraph:
    g = sg.SkillGraph()
    for i in range(100):
        alts = tuple(f"skill{i} variant{j}" for j in range(10))
        g.add(sg.Skill(id=f"s:{i}", label=f"skill{i} label", alt_labels=alts))
    return g


def test_split_follows_the_seed_and_removes_the_negatives() -> None:
    b = _bench()
    g = _graph()
    h, pos, neg = b.split(g, "esco", 3, 50, 20)
    again = b.split(g, "esco", 3, 50, 20)
    assert (pos, neg) == (again[1], again[2]) and pos != b.split(g, "esco", 4, 50, 20)[1]
    assert len(h.skills) == 97 and len(neg) == 20 and 0 < len(pos) <= 50
    gone = set(g.skills) - set(h.skills)
    assert all(any(q in (g.skills[s].label, *g.skills[s].alt_labels) for s in gone) for q in neg)
    for q, sid in pos:  # held out: no longer a label of its skill
        assert q in g.skills[sid].alt_labels and q not in h.skills[sid].alt_labels


def test_score_counts_right_accepted_and_false_matches() -> None:
    b = _bench()
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:a", label="operate forklift"))
    g.add(sg.Skill(id="s:b", label="bake bread"))
    row = b.score(g, [("operate forklift", "s:a"), ("bake bread", "s:a")], ["juggle clubs"])
    assert row["accepted"] == 2 and row["false_on_negatives"] == 0
    assert row["precision"] == 0.5 and row["recall"] == 0.5


def test_product_names() -> None:
    b = _bench()
    assert b._product("Microsoft Excel") == "Excel"
    assert b._product("Accounting software") is None
    assert b._product("SAP R") is None
