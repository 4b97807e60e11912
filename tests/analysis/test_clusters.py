"""Tests for skillgraph.analysis.clusters."""

from __future__ import annotations

import subprocess
import sys

import pytest

import skillgraph as sg
from skillgraph._synthetic import esco_like
from skillgraph.analysis.clusters import detect_clusters


def _unclustered() -> sg.SkillGraph:
    """Two obvious families (cooking, coding) with no declared clusters."""
    g = sg.SkillGraph()
    fams = {
        "cook": ["knife", "bake", "grill", "sauce", "menu"],
        "code": ["py", "go", "git", "sql", "ci"],
    }
    for fam, skills in fams.items():
        for s in skills:
            g.add(sg.Skill(id=f"s:{s}", label=s))
        for i in range(4):
            rid = f"r:{fam}{i}"
            g.add(sg.Role(id=rid, label=f"{fam} {i}", level=i))
            for j, s in enumerate(skills):
                if j != i:
                    g.require(rid, f"s:{s}")
    return g


def test_detects_the_two_families() -> None:
    g = _unclustered()
    found = g.detect_clusters(seed=1)
    assert sorted(found) == sorted(g.roles)
    assert {found[f"r:code{i}"] for i in range(4)} == {"detected:0"}
    assert {found[f"r:cook{i}"] for i in range(4)} == {"detected:1"}
    assert g.clusters == {}  # not assigned


def test_detection_is_deterministic_for_a_seed() -> None:
    g = esco_like(0.03, seed=2)
    # the synthetic graph's titles are random words: leave the text component out
    a = detect_clusters(g, seed=7, weights={"text": 0.0})
    b = detect_clusters(g.copy(), seed=7, weights={"text": 0.0})
    assert a == b
    # numbered by smallest member id
    firsts: dict[str, str] = {}
    for rid in sorted(a):
        firsts.setdefault(a[rid], rid)
    ordered = sorted(firsts, key=lambda c: firsts[c])
    assert ordered == [f"detected:{i}" for i in range(len(ordered))]
    # the detected families follow the declared ones more often than not
    same = sum(
        g.roles[x].cluster == g.roles[y].cluster for x in a for y in a if x < y and a[x] == a[y]
    )
    pairs = sum(1 for x in a for y in a if x < y and a[x] == a[y])
    assert pairs and same / pairs > 0.3


def test_assign_fills_only_missing_clusters() -> None:
    g = _unclustered()
    g.add(sg.Cluster(id="c:kitchen", label="Kitchen"))
    g.add(g.roles["r:cook0"].model_copy(update={"cluster": "c:kitchen"}), replace=True)
    found = g.detect_clusters(seed=0, assign=True)
    assert g.roles["r:cook0"].cluster == "c:kitchen"
    assert g.roles["r:cook1"].cluster == found["r:cook1"]
    assert found["r:cook1"] in g.clusters
    assert g.roles["r:code2"].cluster == found["r:code2"] != found["r:cook1"]
    assert g.requirements("r:cook1")  # requirements survive the role replacement


def test_paths_use_detected_clusters() -> None:
    g = _unclustered()
    plans = g.upskill("r:code0", k=10, max_steps=3)  # one level per viable step
    assert {p.target for p in plans} == {"r:code1", "r:code2", "r:code3"}
    assert g.classify("r:code0", "r:cook3").kind is sg.MoveKind.RESKILLING
    assert g.classify("r:code0", "r:code3").kind is sg.MoveKind.UPSKILLING
    plan = g.reskill("r:code0", "r:cook2")
    assert plan.target == "r:cook2"


@pytest.mark.parametrize(("method", "loaded"), [("arrays", "False"), ("networkx", "True")])
def test_only_the_networkx_method_imports_networkx(method: str, loaded: str) -> None:
    """Our Louvain runs on arrays: networkx stays unimported (a fresh interpreter)."""
    code = (
        "import sys; import skillgraph as sg; g = sg.load('demo'); "
        f"g.detect_clusters(seed=0, method={method!r}); print('networkx' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == loaded


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_both_methods_find_the_two_families(seed: int) -> None:
    g = _unclustered()
    assert g.detect_clusters(seed=seed, method="arrays") == g.detect_clusters(
        seed=seed, method="networkx"
    )


def test_the_default_method_is_arrays() -> None:
    """Issue 18 (families11): the default detection is ours (Louvain in networkx's order,
    rejoin, reseat); on a graph whose lone senior roles the repairs move, it differs from
    networkx's Louvain alone."""
    g = esco_like(0.03, seed=2)
    for seed in (0, 3):
        arrays = detect_clusters(g, seed=seed, method="arrays")
        assert detect_clusters(g, seed=seed) == arrays
        assert g.detect_clusters(seed=seed) == arrays
    assert any(
        detect_clusters(g, seed=s) != detect_clusters(g, seed=s, method="networkx")
        for s in range(4)
    )


def test_arrays_method_is_deterministic_and_covers_every_role() -> None:
    g = esco_like(0.03, seed=2)
    a = detect_clusters(g, seed=4, weights={"text": 0.0}, method="arrays")
    assert a == detect_clusters(g.copy(), seed=4, weights={"text": 0.0}, method="arrays")
    assert sorted(a) == sorted(g.roles)
    firsts: dict[str, str] = {}
    for rid in sorted(a):
        firsts.setdefault(a[rid], rid)
    assert sorted(firsts, key=lambda c: firsts[c]) == [f"detected:{i}" for i in range(len(firsts))]


def test_unknown_method_is_refused() -> None:
    with pytest.raises(sg.InvalidValueError, match=r"'leiden'.*arrays, networkx") as caught:
        _unclustered().detect_clusters(method="leiden")
    assert caught.value.field == "method"
