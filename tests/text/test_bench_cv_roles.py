"""The synthetic CVs and the baseline of `benchmarks/bench_cv_roles.py` (CV -> roles)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import skillgraph as sg

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_cv_roles

    return bench_cv_roles


def _graph() -> sg.SkillGraph:
    g = sg.SkillGraph()
    for i in range(12):
        g.add(sg.Skill(id=f"s:{i}", label=f"tend machine{i}", alt_labels=(f"run machine{i}",)))
    for r in range(4):
        g.add(sg.Role(id=f"r:{r}", label=f"operator{r}", alt_labels=(f"minder{r}", f"hand{r}")))
        for i in range(6):
            g.require(f"r:{r}", f"s:{(r * 3 + i) % 12}", essential=i < 3)
    return g


def test_cvs_hold_out_their_title_and_follow_the_seed() -> None:
    b = _bench()
    g = _graph()
    h, cvs = b.cvs(g, 5, 3)
    assert cvs == b.cvs(g, 5, 3)[1] and len(cvs) == 3
    for text, rid in cvs:
        lines = text.splitlines()
        variant = lines[0].split(",")[0]
        assert variant in g.roles[rid].alt_labels and variant not in h.roles[rid].alt_labels
        assert len(lines) == 1 + b.SKILLS and all(x.startswith("- ") for x in lines[1:])
    assert len(h.roles) == len(g.roles)


def test_tfidf_ranks_the_document_that_shares_the_rare_word_first() -> None:
    b = _bench()
    t = b.Tfidf(["forklift operator", "bus driver", "forklift and bus"])
    assert t.rank("forklift operator wanted", 0) == 1
    assert t.rank("nothing shared", 1) is None
    row = b._summary([1, 3, None, 6])
    assert row == {"at1": 0.25, "at5": 0.5, "mrr": (1 + 1 / 3 + 1 / 6) / 4}
