"""The benchmark suite runs end to end in quick mode and reports every section with numbers.

No timing is asserted: speed is reported by the benchmarks, not tested.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _numbers(row: dict[str, Any], *keys: str) -> None:
    for key in keys:
        value = row[key]
        assert isinstance(value, (int, float)) and math.isfinite(value), (key, row)


@pytest.mark.slow
@pytest.mark.data
def test_quick_run_reports_every_section(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "quick.json"
    proc = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--quick", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    for title in ("1. import", "2. export", "3. queries", "4. scale", "5-6. quality"):
        assert title in proc.stdout
    res = json.loads(out.read_text(encoding="utf-8"))
    assert res["quick"] is True

    cases = {r["case"]: r for r in res["import"]}
    for row in cases.values():
        _numbers(row, "seconds", "peak_mb")
    assert {"ESCO v1.1.1 CSV", "O*NET 29.3"} <= set(cases)
    rdf_rows = [r for r in res["import"] if "triples" in r]
    assert {r["case"].split()[1].rstrip(",") for r in rdf_rows} == {"turtle", "ntriples"}
    for row in rdf_rows:
        _numbers(row, "reference_seconds", "ratio", "triples")

    assert {r["case"] for r in res["export"]} == {
        f"ESCO v1.1.1 -> {s}" for s in ("turtle", "ntriples", "jsonld")
    }
    for row in res["export"]:
        _numbers(row, "seconds", "peak_mb", "file_mb")

    queries = {(r["graph"], r["query"]): r for r in res["queries"]}
    for graph in ("ESCO v1.1.1", "O*NET 29.3"):
        for q in ("gap", "similar_roles", "adjacent_skills", "skill_path", "upskill", "reskill"):
            _numbers(queries[(graph, q)], "p50_ms", "p95_ms")
            assert queries[(graph, q)]["p50_ms"] <= queries[(graph, q)]["p95_ms"]
        _numbers(queries[(graph, "similar_roles")], "ratio")
        _numbers(queries[(graph, "skill_path")], "ratio")

    scales = {r["scale"] for r in res["scale"]}
    assert scales == {0.2, 1.0}
    for row in res["scale"]:
        _numbers(row, "p50_ms", "roles")

    quality = {r["method"]: r for r in res["quality"]}
    ours = quality["skillgraph similar_roles"]
    ref = quality["plain cosine, binary skill sets (reference)"]
    for row in (ours, ref):
        _numbers(row, "recall@10", "precision@10", "auc")
        assert 0 <= row["recall@10"] <= 1 and 0.5 < row["auc"] <= 1
    for digits in (3, 4):
        row = quality[f"detect_clusters(seed=0) vs ISCO {digits}-digit"]
        _numbers(row, "ari", "nmi", "clusters_detected")
        assert -1 <= row["ari"] <= 1 and 0 <= row["nmi"] <= 1


def _quality_module() -> Any:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_quality

    return bench_quality


def test_agreement_is_one_for_equal_partitions_and_low_for_unrelated() -> None:
    bq = _quality_module()
    a = ["x", "x", "y", "y", "z", "z"]
    renamed = ["2", "2", "0", "0", "1", "1"]
    same = bq.agreement(a, renamed)
    assert same["ari"] == pytest.approx(1.0) and same["nmi"] == pytest.approx(1.0)
    crossed = bq.agreement(["a", "b", "a", "b", "a", "b"], ["p", "p", "q", "q", "r", "r"])
    assert crossed["ari"] < 0.1 and crossed["nmi"] < 0.1


def test_sibling_metrics_perfect_and_reversed_scores() -> None:
    import numpy as np

    bq = _quality_module()
    labels = ["a", "a", "a", "b", "b", "c"]
    same = np.array([[float(x == y) for y in labels] for x in labels])
    perfect = bq.sibling_metrics(same, labels)
    assert perfect["recall@10"] == pytest.approx(1.0) and perfect["auc"] == pytest.approx(1.0)
    assert perfect["roles_evaluated"] == 5
    assert perfect["precision@10"] == pytest.approx((2 + 2 + 2 + 1 + 1) / 10 / 5)
    assert bq.sibling_metrics(1.0 - same, labels)["auc"] == pytest.approx(0.0)


def test_convert_bench_reports_a_childs_own_peak_not_its_parents() -> None:
    """bench_convert once reported every child at least as large as itself (Linux keeps a
    process's peak RSS across fork and exec): after it had read a big output back,
    oxigraph's 15 MB read as 47 MB. Its wrapper makes each child's peak its own."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_convert

    ballast = bytearray(300 * 1024 * 1024)
    ballast[::4096] = b"\1" * len(ballast[::4096])  # touch every page: resident
    got = bench_convert.measure(["true"])
    del ballast
    assert got["peak_mb"] < 100, got  # the wrapper's ~10 MB, not this process's 300+
    assert got["seconds"] > 0 and got["cpu"] >= 0


def test_compile_bytecode_writes_the_cache_an_install_would(tmp_path: Path) -> None:
    """Start-up benchmarks time imported bytecode, not the compiler (a regression: they ran
    with ``PYTHONDONTWRITEBYTECODE`` set and compiled every module on every run)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from _util import compile_bytecode
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    package = tmp_path / "skillgraph"
    package.mkdir()
    (package / "mod.py").write_text("X = 1\n", encoding="utf-8")
    line = compile_bytecode(tmp_path)
    assert "compiled for 1 tree" in line
    assert list((package / "__pycache__").glob("mod.*.pyc"))
    (package / "bad.py").write_text("def (:\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="cannot byte-compile"):
        compile_bytecode(tmp_path)


def test_reskill_bench_children_keep_compiled_modules_outside_the_trees(tmp_path: Path) -> None:
    """bench_reskill's children once compiled the whole package on every call (the
    environment forbade bytecode files), which weighed on warm calls most."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_reskill

    env = bench_reskill._env(ROOT, tmp_path / "cache", tmp_path / "pyc")
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["PYTHONPYCACHEPREFIX"] == str(tmp_path / "pyc")
    assert env["PYTHONPATH"] == str(ROOT) and env["SKILLGRAPH_CACHE"] == str(tmp_path / "cache")
    row = {"taxonomy": "T", "tree": "base", "read_cpu": 1.0, "nocache_cpu": 2.5, "cost_cpu": 1.5}
    assert "| T | base | 1 | 2.5 | 1.5 |" in bench_reskill.table([row])


def test_family_fitness_coverage_is_what_upskill_finds() -> None:
    """bench_family_fitness reads upskill coverage off the viable-move arrays: a role has
    a target exactly when ``upskill`` returns a plan."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_family_fitness

    from skillgraph._synthetic import esco_like
    from skillgraph.analysis._index import index
    from skillgraph.analysis.viability import mobility

    g = esco_like(0.03, seed=5)
    ix = index(g)
    anywhere, inside, target = bench_family_fitness.upward(mobility(g, "detected"))
    assert (inside <= anywhere).all() and (inside <= target).all()
    assert 0 < target.sum() < ix.n_roles
    found = [bool(g.upskill(rid, families="detected")) for rid in ix.role_ids]
    assert target.tolist() == found


def test_family_fitness_coverage_counts_a_promotion_into_another_family() -> None:
    """A viable promotion into another family is an ``upskill`` target, so coverage counts it."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_family_fitness

    from skillgraph.analysis._index import index
    from skillgraph.analysis.viability import mobility
    from tests.analysis._office import CLERKS, split_office

    split = dict.fromkeys(CLERKS, "f:clerks") | {"r:head": "f:heads"}
    g = split_office(dict.fromkeys([*CLERKS, "r:head"], "4110"))
    ix = index(g)
    _, inside, target = bench_family_fitness.upward(mobility(g, split))
    assert not inside[ix.role_pos["r:clerk0"]] and target[ix.role_pos["r:clerk0"]]
    assert target.tolist() == [bool(g.upskill(rid, families=split)) for rid in ix.role_ids]


def test_group_ladder_pairs_are_isco_minor_group_steps() -> None:
    """bench_family_fitness's ESCO group ladder: two roles of one ISCO-08 minor group whose
    skill level plus managerial step differ by one, junior first; other groups and equal
    grades give no pair."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_family_fitness

    import skillgraph as sg
    from skillgraph.analysis._index import index

    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:a", label="a"))
    roles = {
        "r:assistant": ("shop assistant", "5223", 2),
        "r:cashier": ("cashier", "5230", 2),
        "r:seller": ("market seller", "5221", 2),
        "r:supervisor": ("shop supervisor", "5222", 2),
        "r:manager": ("shop manager", "1420", 4),
    }
    for rid, (label, isco, level) in roles.items():
        g.add(sg.Role(id=rid, label=label, level=level, attributes={"isco_code": isco}))
        g.require(rid, "s:a")
    pos = index(g, profiles=False).role_pos
    pairs = bench_family_fitness.group_ladder_pairs(g, esco=True)
    want = {("r:assistant", "r:supervisor"), ("r:seller", "r:supervisor")}
    assert sorted(pairs) == sorted((pos[a], pos[b]) for a, b in want)
