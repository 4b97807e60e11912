"""A SkillGraph queried from 8 threads at once answers as it does sequentially, and builds
each derived index once."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from pydantic import BaseModel

import skillgraph as sg
import skillgraph._lookup as lookup_module
from skillgraph._store import store_of
from skillgraph.analysis import _index, adjacency, clusters
from skillgraph.errors import SkillGraphError

Query = Callable[[sg.SkillGraph], Any]


def canon(value: Any) -> str:
    """A comparable text form of a query answer (models, lists of models, errors)."""

    def plain(v: Any) -> Any:
        if isinstance(v, BaseModel):
            return v.model_dump(mode="json")
        if isinstance(v, list | tuple):
            return [plain(x) for x in v]
        if isinstance(v, dict):
            return {str(k): plain(x) for k, x in v.items()}
        return v if isinstance(v, str | int | float | bool | None) else repr(v)

    return json.dumps(plain(value), sort_keys=True)


def run(query: Query, g: sg.SkillGraph) -> str:
    try:
        return canon(query(g))
    except SkillGraphError as exc:  # an error is an answer too, and must be the same
        return f"{type(exc).__name__}: {exc}"


def queries(g: sg.SkillGraph) -> list[Query]:
    """gap / similar_roles / upskill / reskill / find over a spread of the graph's roles."""
    roles = sorted(g.roles)[::7][:10]
    out: list[Query] = []
    for i, rid in enumerate(roles):
        have = [r.skill for r in g.requirements(rid)][:2]
        other = roles[(i + 3) % len(roles)]
        out += [
            lambda g, r=rid, h=have: g.gap(r, h),
            lambda g, r=rid: g.similar_roles(r, k=5),
            lambda g, r=rid, h=have: g.upskill(r, h, k=3),
            lambda g, r=rid, o=other: g.reskill(r, o),
            lambda g, t=g.roles[rid].label: g.find(t),
        ]
    out.append(lambda g: g.reskill("retail sales assistant", "digital marketing specialist"))
    out.append(lambda g: g.find("python"))
    return out


def concurrently(g: sg.SkillGraph, qs: list[Query], rounds: int = 3) -> list[str]:
    """Every query ``rounds`` times from 8 threads, all released at once; answers in order."""
    jobs = qs * rounds
    barrier = threading.Barrier(8)

    def start(_: int) -> None:
        barrier.wait(timeout=30)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(start, range(8)))  # all 8 worker threads exist before the queries
        answers = list(pool.map(lambda q: run(q, g), jobs))
    return answers


@pytest.fixture
def build_counts(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Count the runs of every index builder; each run is slowed so that races would show."""
    counts: Counter[str] = Counter()
    lock = threading.Lock()

    def counted(name: str, builder: Callable[[sg.SkillGraph], Any]) -> Callable[..., Any]:
        def wrapper(g: sg.SkillGraph) -> Any:
            with lock:
                counts[name] += 1
            time.sleep(0.05)
            return builder(g)

        return wrapper

    monkeypatch.setattr(_index, "_build_core", counted("analysis_index", _index._build_core))
    monkeypatch.setattr(
        _index, "_build_profiles", counted("analysis_profiles", _index._build_profiles)
    )
    monkeypatch.setattr(adjacency, "_build", counted("analysis_adjacency", adjacency._build))
    monkeypatch.setattr(clusters, "_effective", counted("analysis_clusters", clusters._effective))
    monkeypatch.setattr(
        lookup_module,
        "build_label_index",
        counted("label_index", lookup_module.build_label_index),
    )
    yield counts


def test_fresh_graph_from_8_threads_matches_sequential_and_builds_once(
    build_counts: Counter[str],
) -> None:
    reference = sg.load("demo")
    qs = queries(reference)
    expected = [run(q, reference) for q in qs]
    built_sequentially = dict(build_counts)
    assert built_sequentially.get("analysis_index") == 1
    assert built_sequentially.get("analysis_profiles") == 1
    build_counts.clear()

    fresh = sg.load("demo")  # a new graph: no index built yet
    assert not store_of(fresh).derived_keys()
    answers = concurrently(fresh, qs)
    assert answers == expected * 3
    # each index the queries need was built exactly once, however many threads raced for it
    assert dict(build_counts) == built_sequentially
    assert all(n == 1 for n in build_counts.values())


def test_shared_demo_from_8_threads_matches_sequential(demo: sg.SkillGraph) -> None:
    g = demo.copy()
    qs = queries(g)
    expected = [run(q, g) for q in qs]
    assert concurrently(demo, qs) == expected * 3


def test_index_rebuilt_once_after_a_change(build_counts: Counter[str]) -> None:
    g = sg.load("demo")
    role = sorted(g.roles)[0]
    before = concurrently(g, [lambda g: g.similar_roles(role, k=5)], rounds=8)
    assert build_counts["analysis_index"] == build_counts["analysis_profiles"] == 1
    g.add_prerequisite(*sorted(g.skills)[:2])  # bumps the version: indices are stale
    after = concurrently(g, [lambda g: g.similar_roles(role, k=5)], rounds=8)
    assert build_counts["analysis_index"] == build_counts["analysis_profiles"] == 2
    assert after == before  # a prerequisite does not change role similarity
