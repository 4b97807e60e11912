"""The held-out split of `benchmarks/bench_text.py` follows its seed, and several seeds
report their mean."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest

import skillgraph as sg
from skillgraph.model import NodeType

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_text

    return bench_text


def _graph() -> sg.SkillGraph:
    g = sg.SkillGraph()
    for i in range(40):
        alts = tuple(f"title {i} variant {j}" for j in range(10))
        g.add(sg.Role(id=f"r:{i}", label=f"role {i}", alt_labels=alts))
    return g


def test_held_out_split_follows_the_seed() -> None:
    bt = _bench()
    g = _graph()
    _, a = bt.held_out(g, NodeType.ROLE, None, 1)
    _, again = bt.held_out(g, NodeType.ROLE, None, 1)
    _, b = bt.held_out(g, NodeType.ROLE, None, 2)
    assert a == again
    assert a != b
    h, _ = bt.held_out(g, NodeType.ROLE, None, 2)
    for title, nid in b:  # a held-out title is gone from its node
        assert title not in h.roles[nid].alt_labels


def test_mean_row_averages_the_figures_of_each_seed() -> None:
    bt = _bench()
    rows = [
        {"section": "s", "what": "w", "queries": 10, "acc@1": 0.2, "acc@5": 0.6, "seed": 1},
        {"section": "s", "what": "w", "queries": 10, "acc@1": 0.4, "acc@5": 0.8, "seed": 2},
    ]
    mean = bt.mean_row(rows)
    assert mean["seed"] == "mean" and mean["seeds"] == "1 2"
    assert mean["acc@1"] == pytest.approx(0.3) and mean["acc@5"] == pytest.approx(0.7)
