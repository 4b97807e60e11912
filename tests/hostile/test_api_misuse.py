"""Misuse of the public API (issue 17, items 17 and 18): every entry point validates its
arguments (InvalidValueError naming the argument, never TypeError, AttributeError or
AssertionError), a hypothesis fuzz of random argument types and values lets only
SkillGraphError escape, and threads may query a graph while another changes it."""

from __future__ import annotations

import contextlib
import math
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.errors import InvalidValueError, SkillGraphError

from .cases import TINY


@pytest.fixture(scope="module")
def g() -> sg.SkillGraph:
    return sg.read(TINY["native"])


TTL = str(TINY["turtle"])
ROLE = "ex:role/dev"

#: (call, the argument the message must name); each was a bare TypeError, AttributeError,
#: AssertionError, or silently accepted.
MISUSE: list[tuple[str, Callable[[sg.SkillGraph, Path], Any], str]] = [
    ("gap(None)", lambda g, t: g.gap(None), "role"),
    ("find(None)", lambda g, t: g.find(None), "text"),
    ("find(b'x')", lambda g, t: g.find(b"x"), "text"),
    ("reskill(None, None)", lambda g, t: g.reskill(None, None), "role"),
    ("skill_path(None, 1)", lambda g, t: g.skill_path(None, 1), "source"),
    ("similar_roles(k=2.5)", lambda g, t: g.similar_roles(ROLE, k=2.5), "k"),
    ("similar_roles(k=None)", lambda g, t: g.similar_roles(ROLE, k=None), "k"),
    ("similar_roles(k=nan)", lambda g, t: g.similar_roles(ROLE, k=math.nan), "k"),
    ("similar_roles(k=True)", lambda g, t: g.similar_roles(ROLE, k=True), "k"),
    ("upskill(max_steps=1.5)", lambda g, t: g.upskill(ROLE, max_steps=1.5), "max_steps"),
    ("adjacent_skills(k=-1)", lambda g, t: g.adjacent_skills("ex:skill/git", k=-1), "k"),
    ("gap(have=5)", lambda g, t: g.gap(ROLE, have=5), "have"),
    ("add('x')", lambda g, t: g.add("x"), "item"),
    ("require(role=1)", lambda g, t: g.require(1, "ex:skill/git"), "role"),
    ("gap(bogus=1)", lambda g, t: g.gap(ROLE, bogus=1), "gap"),
    ("SkillGraph(language=None)", lambda g, t: sg.SkillGraph(language=None), "language"),
    ("SkillGraph(language='en fr')", lambda g, t: sg.SkillGraph(language="en fr"), "language"),
    ("SkillGraph(metadata=1)", lambda g, t: sg.SkillGraph(metadata=1), "metadata"),
    ("sg.write(None, path)", lambda g, t: sg.write(None, t / "x.json"), "graph"),
    ("sg.write(g, None)", lambda g, t: sg.write(g, None), "target"),
    ("sg.write(indent='x')", lambda g, t: sg.write(g, t / "x.json", indent="x"), "indent"),
    ("sg.dumps(indent=True)", lambda g, t: sg.dumps(g, indent=True), "indent"),
    ("sg.dumps(format=1)", lambda g, t: sg.dumps(g, 1), "format"),
    ("sg.loads(None)", lambda g, t: sg.loads(None), "data"),
    ("sg.read(None)", lambda g, t: sg.read(None), "source"),
    ("sg.read(123)", lambda g, t: sg.read(123), "source"),
    ("read(cluster_level='3')", lambda g, t: sg.read(TTL, cluster_level="3"), "cluster_level"),
    ("read(cluster_level=True)", lambda g, t: sg.read(TTL, cluster_level=True), "cluster_level"),
    ("read(bogus=1)", lambda g, t: sg.read(TTL, bogus=1), "bogus"),
    ("read(progress=1)", lambda g, t: sg.read(TTL, progress=1), "progress"),
    ("sg.load(None)", lambda g, t: sg.load(None), "name"),
    ("Role(level=True)", lambda g, t: sg.Role(id="r:x", label="X", level=True), "level"),
    (
        "Requirement(importance=True)",
        lambda g, t: sg.Requirement(role="r:x", skill="s:x", importance=True),
        "importance",
    ),
]


@pytest.mark.parametrize(("call", "misuse", "argument"), MISUSE, ids=[m[0] for m in MISUSE])
def test_misuse_is_an_invalid_value_error_naming_the_argument(
    call: str,
    misuse: Callable[[sg.SkillGraph, Path], Any],
    argument: str,
    g: sg.SkillGraph,
    tmp_path: Path,
) -> None:
    with pytest.raises(InvalidValueError) as info:
        misuse(g, tmp_path)
    assert argument in str(info.value), (call, str(info.value))
    assert list(tmp_path.iterdir()) == [], "a file was written"


def test_the_graph_is_unchanged_by_refused_calls(g: sg.SkillGraph, tmp_path: Path) -> None:
    before = sg.dumps(g)
    for _, misuse, _ in MISUSE:
        with contextlib.suppress(InvalidValueError):
            misuse(g, tmp_path)
    assert sg.dumps(g) == before


# ------------------------------------------------------------------------- fuzz
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["ex:role/dev", "ex:skill/git", "Developer", "Git", "", " ", "\n"]),
    st.binary(max_size=10),
    st.lists(st.sampled_from(["ex:skill/git", "Git", 1, None]), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just(object()),
)
_METHODS = [
    "find",
    "resolve",
    "gap",
    "similar_roles",
    "adjacent_skills",
    "skill_path",
    "learning_plan",
    "upskill",
    "reskill",
    "classify",
    "node_type",
    "requirements",
    "roles_requiring",
    "roles_in_cluster",
]


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    method=st.sampled_from(_METHODS),
    args=st.lists(_VALUES, max_size=3),
    kwargs=st.dictionaries(
        st.sampled_from(["k", "have", "kind", "max_steps", "bogus", "narrower"]),
        _VALUES,
        max_size=2,
    ),
)
def test_fuzz_graph_methods_raise_only_skillgraph_errors(
    method: str, args: list[Any], kwargs: dict[str, Any], g: sg.SkillGraph
) -> None:
    with contextlib.suppress(SkillGraphError):
        getattr(g, method)(*args, **kwargs)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    entry=st.sampled_from(["read", "loads", "dumps", "write", "load", "SkillGraph"]),
    args=st.lists(_VALUES, max_size=2),
    kwargs=st.dictionaries(
        st.sampled_from(["format", "indent", "cluster_level", "bogus", "language", "max_bytes"]),
        _VALUES,
        max_size=2,
    ),
)
def test_fuzz_module_functions_raise_only_skillgraph_errors(
    entry: str, args: list[Any], kwargs: dict[str, Any], g: sg.SkillGraph, tmp_path: Path
) -> None:
    if entry in ("dumps", "write"):
        args = [g, *args]
    if entry == "write" and args[1:2] and isinstance(args[1], str):
        args[1] = str(tmp_path / "fuzz" / "out.json")  # never a real path outside tmp
    fn = sg.SkillGraph if entry == "SkillGraph" else getattr(sg, entry)
    try:
        if entry == "SkillGraph":
            fn(**{k: v for k, v in kwargs.items() if k == "language"})
        else:
            fn(*args, **kwargs)
    except SkillGraphError:
        pass


# ------------------------------------------------------------------- concurrency
def test_queries_while_another_thread_mutates(g: sg.SkillGraph) -> None:
    """Item 18: 8 readers and 1 writer gave "dictionary changed size during iteration"
    (in find, dumps) and KeyError (index build). Now every public method holds the
    graph's lock; readers see only SkillGraphError (a node removed meanwhile)."""
    graph = g.copy()
    errors: list[BaseException] = []
    stop = threading.Event()

    def writer() -> None:
        i = 0
        try:
            while not stop.is_set():
                sid, rid = f"ex:skill/w{i}", f"ex:role/w{i}"
                graph.add(sg.Skill(id=sid, label=f"written skill {i}"))
                graph.add(sg.Role(id=rid, label=f"written role {i}", cluster="ex:cluster/dev"))
                graph.require(rid, sid)
                if i % 3 == 0:
                    graph.remove(sid)
                i += 1
        except BaseException as exc:
            errors.append(exc)

    def requirements_under_the_lock() -> list[sg.Requirement]:
        with graph.locked():  # the views are live: iterate them under the lock
            return list(graph.iter_requirements())

    def reader(n: int) -> None:
        queries: list[Callable[[], Any]] = [
            lambda: graph.find("written role"),
            lambda: sg.dumps(graph),
            lambda: graph.gap(ROLE, ["ex:skill/git"]),
            lambda: graph.similar_roles(ROLE, k=3),
            lambda: graph.adjacent_skills(["ex:skill/git"], k=3),
            requirements_under_the_lock,
        ]
        try:
            while not stop.is_set():
                for q in queries[n % 3 :] + queries[: n % 3]:
                    with contextlib.suppress(SkillGraphError):
                        q()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer)] + [
        threading.Thread(target=reader, args=(n,)) for n in range(8)
    ]
    for t in threads:
        t.start()
    time.sleep(3.0)
    stop.set()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    assert errors == [], errors[:3]
    assert sg.loads(sg.dumps(graph)) == graph
