"""Tests for skillgraph.analysis.adjacency."""

from __future__ import annotations

import collections
import heapq
import itertools
import math
import random
import statistics
import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.analysis._alternatives import TOOL_CLASS_MAX
from skillgraph.analysis.adjacency import ALTERNATIVES_MAX
from tests.strategies import graphs


def test_adjacent_skills_excludes_input_and_gives_evidence(small: sg.SkillGraph) -> None:
    matches = small.adjacent_skills(["s:python"], k=10)
    ids = [m.id for m in matches]
    assert "s:python" not in ids
    # go: declared related + sibling under the languages group + co-required by senior dev
    assert ids[0] == "s:go"
    go = matches[0]
    assert go.shared == ["s:python"]
    text = " ".join(go.evidence)
    assert "declared related to Python" in text
    assert "sibling of Python under Programming languages" in text
    assert "co-required with Python" in text
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_adjacent_skills_accepts_a_single_label(small: sg.SkillGraph) -> None:
    assert [m.id for m in small.adjacent_skills("SQL", k=2)] == ["s:stats", "s:ml"]


def test_skill_path_prefers_declared_edges(small: sg.SkillGraph) -> None:
    assert small.skill_path("s:python", "s:python") == ["s:python"]
    assert small.skill_path("s:python", "s:go") == ["s:python", "s:go"]
    path = small.skill_path("s:go", "s:ml")
    assert path[0] == "s:go" and path[-1] == "s:ml" and len(path) == 3


def test_skill_path_not_found(small: sg.SkillGraph) -> None:
    small.add(sg.Skill(id="s:island", label="Island"))
    with pytest.raises(sg.NotFoundError, match="no skill path"):
        small.skill_path("s:python", "s:island")
    with pytest.raises(sg.NotFoundError):
        small.skill_path("s:python", "nothing like it")


def test_skill_path_explains_each_hop(small: sg.SkillGraph) -> None:
    assert small.explain_skill_path("s:python", "s:python") == []
    hops = small.explain_skill_path("s:python", "s:go")
    assert [(h.source, h.target, h.relation, h.cost) for h in hops] == [
        ("s:python", "s:go", "related", 1.0)
    ]
    path = small.skill_path("s:go", "s:ml")
    hops = small.explain_skill_path("s:go", "s:ml")
    assert [h.source for h in hops] + [hops[-1].target] == path
    assert all(h.via for h in hops if h.relation in ("sibling", "co-required"))


def test_skill_path_takes_declared_relations_over_a_hub() -> None:
    g = sg.SkillGraph()
    for s in ("a", "b", "hub", "x", "y"):
        g.add(sg.Skill(id=f"s:{s}", label=s))
    # a and b are co-required by one role; hub is required by every role
    roles = {"r:ab": ["a", "b", "hub"], "r:1": ["a", "hub"], "r:2": ["hub", "b"]}
    roles |= {f"r:{i}": ["hub", "y"] for i in range(3, 9)}
    for rid, skills in roles.items():
        g.add(sg.Role(id=rid, label=rid))
        for s in skills:
            g.add(sg.Requirement(role=rid, skill=f"s:{s}"))
    g.add(sg.Related(skill="s:a", related="s:x"))
    g.add(sg.Related(skill="s:x", related="s:b"))
    # was ["s:a", "s:b"]: one co-required hop beats nothing in hops, but the declared
    # route costs 2 against 3
    assert g.skill_path("s:a", "s:b") == ["s:a", "s:x", "s:b"]
    assert [h.relation for h in g.explain_skill_path("s:a", "s:b")] == ["related", "related"]
    # y is co-required with the hub only: the path must cross it, at its hub penalty
    hops = g.explain_skill_path("s:a", "s:y")
    assert [h.target for h in hops] == ["s:hub", "s:y"]
    assert hops[0].cost > 3.0 and hops[1].cost == 3.0


_COSTS = {"related": 1.0, "hierarchy": 1.0, "co-required": 3.0}


def _sibling_cost(n: int) -> float:
    """The documented cost of a hop between two of ``n`` children of one parent."""
    return 1.5 + 0.5 * float(np.log(max(n, 2) / 2.0))


def _reference(g: sg.SkillGraph) -> nx.Graph:
    """Every skill pair joined by a relation, with the cheapest relation's cost."""
    ref = nx.Graph()
    ref.add_nodes_from(g.skills)

    def link(a: str, b: str, kind: str, cost: float | None = None) -> None:
        c = _COSTS[kind] if cost is None else cost
        ref.add_edge(a, b, cost=min(c, ref.edges[a, b]["cost"]) if ref.has_edge(a, b) else c)

    for e in g.iter_related():
        link(e.skill, e.related, "related")
    parents: dict[str, list[str]] = {}
    for b in g.iter_broader():
        if b.narrower in g.skills:
            parents.setdefault(b.broader, []).append(b.narrower)
            if b.broader in g.skills:
                link(b.narrower, b.broader, "hierarchy")
    for kids, kind, cost in [(k, "sibling", _sibling_cost(len(k))) for k in parents.values()] + [
        ([r.skill for r in g.requirements(role)], "co-required", None) for role in g.roles
    ]:
        for i, a in enumerate(kids):
            for b2 in kids[i + 1 :]:
                if a != b2:
                    link(a, b2, kind, cost)
    return ref


def _penalties(g: sg.SkillGraph) -> dict[str, float]:
    n = dict.fromkeys(g.skills, 0)
    for role in g.roles:
        for s in {r.skill for r in g.requirements(role)}:
            n[s] += 1
    required = [v for v in n.values() if v]
    median = max(statistics.median(required), 1.0) if required else 1.0
    return {s: math.log1p(v / median) for s, v in n.items()}


@given(graphs(rich=False), st.data())
def test_skill_path_is_cheapest_and_valid(g: sg.SkillGraph, data: st.DataObject) -> None:
    a, b = data.draw(st.lists(st.sampled_from(sorted(g.skills)), min_size=2, max_size=2))
    ref = _reference(g)
    pen = _penalties(g)

    def weight(u: str, v: str, e: dict[str, float]) -> float:
        return e["cost"] + (0.0 if v == b else pen[v])

    try:
        expected = nx.dijkstra_path_length(ref, a, b, weight=weight)
    except nx.NetworkXNoPath:
        with pytest.raises(sg.NotFoundError):
            g.skill_path(a, b)
        return
    path = g.skill_path(a, b)
    hops = g.explain_skill_path(a, b)
    assert path[0] == a and path[-1] == b
    assert len(set(path)) == len(path)
    assert all(ref.has_edge(x, y) for x, y in itertools.pairwise(path))
    assert [(h.source, h.target) for h in hops] == list(itertools.pairwise(path))
    cost = math.fsum(h.cost for h in hops)
    assert cost == pytest.approx(expected)
    assert all(
        h.cost == pytest.approx(weight(h.source, h.target, ref.edges[h.source, h.target]))
        for h in hops
    )
    assert g.copy().skill_path(a, b) == path


def _reference_path(g: sg.SkillGraph, a: str, b: str) -> list[str] | None:
    """The documented search, written plainly on the networkx graph of hop costs: A* with
    the bound of ``skill_path`` (one cheapest hop into a neighbour of ``b``, then its hop to
    ``b``), skills settled by lowest (estimate, id), a skill's predecessor the first settled
    skill offering it a cost lower by more than 1e-12; no pruning."""
    ref = _reference(g)
    n = dict.fromkeys(g.skills, 0)
    for role in g.roles:
        for s in {r.skill for r in g.requirements(role)}:
            n[s] += 1
    required = [v for v in n.values() if v]
    median = max(float(np.median(required)), 1.0) if required else 1.0
    pen = {s: float(np.log1p(np.float64(v) / median)) for s, v in n.items()}
    pen[b] = 0.0
    near = {w: ref.edges[w, b]["cost"] for w in ref[b] if w != b}
    two = 1.0 + min(pen[w] + c for w, c in near.items()) if near else math.inf
    bound = {s: (min(near[s], two) if s in near else two) for s in g.skills}
    bound[b] = 0.0
    dist = {a: 0.0}
    pred: dict[str, str] = {}
    done: set[str] = set()
    heap = [(bound[a], a)]
    while heap:
        _, u = heapq.heappop(heap)
        if u in done:
            continue
        done.add(u)
        if u == b:
            break
        for v in ref[u]:
            if v in done:
                continue
            new = (dist[u] + ref.edges[u, v]["cost"]) + pen[v]
            if new < dist.get(v, math.inf) - 1e-12:
                dist[v] = new
                pred[v] = u
                heapq.heappush(heap, (new + bound[v], v))
    if b not in done:
        return None
    path = [b]
    while path[-1] != a:
        path.append(pred[path[-1]])
    return path[::-1]


@given(graphs(rich=False, max_skills=40, max_roles=16), st.data())
def test_skill_path_equals_the_plain_search(g: sg.SkillGraph, data: st.DataObject) -> None:
    # the search opens parents and roles instead of listing sibling and co-required pairs,
    # and prunes hops that cannot win: same path, ties included, as the plain A*
    a, b = data.draw(st.lists(st.sampled_from(sorted(g.skills)), min_size=2, max_size=2))
    expected = _reference_path(g, a, b)
    if expected is None:
        with pytest.raises(sg.NotFoundError):
            g.skill_path(a, b)
        return
    assert g.skill_path(a, b) == expected


@given(graphs(rich=False), st.data())
def test_adjacent_skills_invariants(g: sg.SkillGraph, data: st.DataObject) -> None:
    _check_adjacent(g, data)


@given(graphs(rich=False), st.data())
def test_adjacent_skills_invariants_with_tool_classes(
    g: sg.SkillGraph, data: st.DataObject
) -> None:
    # some skills in one of two tool classes (O*NET's commodity_title), as O*NET's are
    for sid in sorted(g.skills):
        title = data.draw(st.sampled_from([None, "class A", "class B"]))
        if title is not None:
            old = g.skills[sid]
            skill = sg.Skill(id=sid, label=old.label, attributes={"commodity_title": title})
            g.add(skill, replace=True)
    _check_adjacent(g, data)


def _check_adjacent(g: sg.SkillGraph, data: st.DataObject) -> None:
    given_skills = data.draw(st.lists(st.sampled_from(sorted(g.skills)), min_size=1, max_size=3))
    matches = g.adjacent_skills(given_skills, k=5)
    assert not {m.id for m in matches} & set(given_skills)
    assert all(m.score > 0 and m.shared and set(m.shared) <= set(given_skills) for m in matches)
    # best first (ties by id), a skill passed over while one of its parents holds
    # ALTERNATIVES_MAX taken skills (its tool class TOOL_CLASS_MAX given or taken ones),
    # the passed-over ones last: the rule replayed on the matches in score order gives them
    sets: dict[str, set[tuple[str, str]]] = {}
    for e in g.iter_broader():
        sets.setdefault(e.narrower, set()).add(("parent", e.broader))
    for sid, skill in g.skills.items():
        title = skill.attributes.get("commodity_title")
        if isinstance(title, str) and title:
            sets.setdefault(sid, set()).add(("class", title))
    cap = {"parent": ALTERNATIVES_MAX, "class": TOOL_CLASS_MAX}
    taken: collections.Counter[tuple[str, str]] = collections.Counter()
    for s in set(given_skills):
        taken.update(p for p in sets.get(s, set()) if p[0] == "class")
    first: list[str] = []
    later: list[str] = []
    for m in sorted(matches, key=lambda m: (-m.score, m.id)):
        mine = sets.get(m.id, set())
        if any(taken[p] >= cap[p[0]] for p in mine):
            later.append(m.id)
        else:
            taken.update(mine)
            first.append(m.id)
    assert [m.id for m in matches] == first + later


@pytest.fixture(scope="module")
def esco(data: Path) -> sg.SkillGraph:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sg.SkillGraphWarning)
        return sg.read(data / "esco" / "v1.1.1" / "csv", format="esco")


@pytest.mark.data
@pytest.mark.slow
def test_esco_skill_paths_avoid_hub_skills(esco: sg.SkillGraph) -> None:
    # the hop-shortest path went "advise on learning methods -> guarantee students' safety
    # (a hub) -> e-learning software infrastructure"; pairs three declared relations apart
    n_roles = collections.Counter(r.skill for role in esco.roles for r in esco.requirements(role))
    hubs = {s for s, _ in sorted(n_roles.items(), key=lambda kv: (-kv[1], kv[0]))[:50]}
    declared = nx.Graph()
    declared.add_edges_from((e.skill, e.related) for e in esco.iter_related())
    rng = random.Random(14)
    nodes = sorted(declared)
    pairs: list[tuple[str, str]] = []
    while len(pairs) < 30:
        a = rng.choice(nodes)
        hops = nx.single_source_shortest_path_length(declared, a, cutoff=3)
        far = sorted(x for x, d in hops.items() if d == 3)
        if far:
            pairs.append((a, rng.choice(far)))
    for a, b in pairs:
        path = esco.skill_path(a, b)
        assert not set(path[1:-1]) & hubs, [esco.label(s) for s in path]


@pytest.mark.data
@pytest.mark.slow
def test_esco_python_and_sql_are_not_next_to_every_language(esco: sg.SkillGraph) -> None:
    # ESCO lists some forty programming languages as optional skills of the same ICT
    # occupations: the top 10 of Python + SQL was computer programming and nine languages
    py, sql = esco.resolve("Python", "skill"), esco.resolve("SQL", "skill")
    languages = set(esco.narrower_of(esco.resolve("computer programming", "skill")))
    top = esco.adjacent_skills([py, sql], k=10)
    assert len(languages & {m.id for m in top[:5]}) <= 2, [m.label for m in top]
    group = "http://data.europa.eu/esco/isced-f/0613"  # software and applications development
    under = [m.label for m in top if group in esco.broader_of(m.id)]
    assert len(under) <= 3, under
    assert "analyse software specifications" in {m.label for m in top}


@pytest.mark.data
@pytest.mark.slow
def test_esco_skill_path_goes_through_roles_before_a_large_group(esco: sg.SkillGraph) -> None:
    # stock shelves -> hardware industry -> Python went through a sibling hop under a
    # group of 156 skills ("software and applications development and analysis"), at the
    # cost of a sibling of two
    a, b = esco.resolve("stock shelves", "skill"), esco.resolve("Python", "skill")
    hops = esco.explain_skill_path(a, b)
    for h in hops:
        if h.relation == "sibling":
            assert h.via is not None and len(esco.narrower_of(h.via)) <= 50, h
        if h.relation == "co-required":
            assert h.roles and h.via in esco.roles
    assert [h.relation for h in hops] == ["co-required", "co-required"]


@st.composite
def _declared(draw: st.DrawFn) -> sg.SkillGraph:
    """Skills with related edges (both ways, some declared twice), broader skills (an
    acyclic order) and skill groups above them."""
    g = sg.SkillGraph()
    n = draw(st.integers(2, 12))
    skills = [f"s:{i}" for i in range(n)]
    for s in skills:
        g.add(sg.Skill(id=s, label=s))
    groups = [f"grp:{i}" for i in range(draw(st.integers(0, 3)))]
    for grp in groups:
        g.add(sg.SkillGroup(id=grp, label=grp))
    for a, b in draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)))):
        if a != b:
            g.add(sg.Related(skill=skills[a], related=skills[b]), replace=True)
    for a, b in draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)))):
        if a < b:
            g.add_broader(skills[a], skills[b])
    for a, k in draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, 2)))):
        if k < len(groups):
            g.add_broader(skills[a], groups[k])
    for k in range(1, len(groups)):
        if draw(st.booleans()):
            g.add_broader(groups[k], groups[0])
    return g


@given(_declared())
def test_adjacency_matrices_follow_the_declared_edges(g: sg.SkillGraph) -> None:
    """R and H hold 1 both ways for each related / skill-to-skill broader edge, P one
    column a parent with 1 / sqrt(its children among the skills) for each child."""
    from skillgraph.analysis._index import index
    from skillgraph.analysis.adjacency import adjacency

    adj = adjacency(g)
    pos = index(g, profiles=False).skill_pos
    n = len(pos)
    r = np.zeros((n, n))
    for e in g.iter_related():
        r[pos[e.skill], pos[e.related]] = r[pos[e.related], pos[e.skill]] = 1.0
    h = np.zeros((n, n))
    kids: dict[str, list[int]] = {}
    for e in g.iter_broader():
        if e.narrower in pos:
            kids.setdefault(e.broader, []).append(pos[e.narrower])
            if e.broader in pos:
                h[pos[e.narrower], pos[e.broader]] = h[pos[e.broader], pos[e.narrower]] = 1.0
    assert adj.parent_ids == sorted(kids)
    p = np.zeros((n, len(kids)))
    for j, parent in enumerate(adj.parent_ids):
        p[kids[parent], j] = 1.0 / math.sqrt(len(kids[parent]))
    for got, want in ((adj.R, r), (adj.H, h), (adj.P, p), (adj.PT, p.T)):
        assert got.has_sorted_indices
        assert np.array_equal(got.toarray(), want)


@st.composite
def _hub_and_specific(draw: st.DrawFn) -> tuple[sg.SkillGraph, int]:
    """Roles r:0..r:n-1; s:a required by the first m, s:hub by all, s:spec by exactly the
    first m (as many shared roles as the hub), s:o<i> by random roles."""
    n = draw(st.integers(2, 12))
    m = draw(st.integers(1, n - 1))
    g = sg.SkillGraph()
    for s in ("a", "hub", "spec", *(f"o{i}" for i in range(4))):
        g.add(sg.Skill(id=f"s:{s}", label=s))
    for i in range(n):
        g.add(sg.Role(id=f"r:{i}", label=f"role {i}"))
        g.require(f"r:{i}", "s:hub")
        if i < m:
            g.require(f"r:{i}", "s:a")
            g.require(f"r:{i}", "s:spec")
    for i, r in draw(st.lists(st.tuples(st.integers(0, 3), st.integers(0, n - 1)), max_size=12)):
        g.add(sg.Requirement(role=f"r:{r}", skill=f"s:o{i}"), replace=True)
    return g, m


@given(_hub_and_specific())
def test_a_skill_every_role_requires_is_not_adjacent_by_co_requirement(
    case: tuple[sg.SkillGraph, int],
) -> None:
    # regression: plain cosine ranked a skill every role requires (O*NET's Active
    # Listening) next to everything; it says nothing about what sits next to a skill
    g, m = case
    matches = g.adjacent_skills("s:a", k=10)
    ids = [x.id for x in matches]
    assert "s:hub" not in ids
    spec = next(x for x in matches if x.id == "s:spec")
    assert spec.evidence[0].startswith(f"co-required with a in {m} role")
    # equal counts: the rarer candidate first
    counts = {s: len(g.roles_requiring(s)) for s in ids}
    shared = {x.id: int(x.evidence[0].split(" in ")[1].split()[0]) for x in matches}
    for x, y in itertools.combinations(ids, 2):
        if shared[x] == shared[y] and counts[x] != counts[y]:
            assert counts[x] < counts[y]


def test_co_requirement_evidence_says_how_often_against_chance() -> None:
    g = sg.SkillGraph()
    for s in ("a", "b", "c"):
        g.add(sg.Skill(id=f"s:{s}", label=s))
    for i in range(8):
        g.add(sg.Role(id=f"r:{i}", label=f"role {i}"))
        g.require(f"r:{i}", "s:c")
    for i in (0, 1):
        g.require(f"r:{i}", "s:a")
        g.require(f"r:{i}", "s:b")
    (b,) = g.adjacent_skills("s:a", k=5)
    # 2 shared roles where chance gives 2 * 2 / 8 = 0.5
    assert b.id == "s:b" and b.evidence == [
        "co-required with a in 2 roles, 4.0 times as often as chance"
    ]


@pytest.mark.data
@pytest.mark.slow
def test_regression_onet_excel_is_not_next_to_what_every_role_requires(
    onet: sg.SkillGraph,
) -> None:
    # adjacent("Microsoft Excel") was Active Listening, Speaking, Critical Thinking... at 0.95,
    # "co-required in 822 roles": skills over 95% of O*NET's roles require
    g = onet
    n_roles = collections.Counter(r.skill for r in g.iter_requirements())
    requiring = len({r.role for r in g.iter_requirements()})
    common = {s for s, c in n_roles.items() if c > 0.8 * requiring}
    top = g.adjacent_skills("Microsoft Excel", k=6)
    assert len(top) == 6
    assert not {m.id for m in top} & common, [m.label for m in top]


@pytest.mark.data
@pytest.mark.slow
def test_regression_onet_python_and_sql_are_not_next_to_more_languages(
    onet: sg.SkillGraph,
) -> None:
    # the top 10 of Python + SQL held C++, Oracle Java and R, three more tools of Python's
    # class (object or component oriented development software), before database and
    # data-analysis tools: a person with Python holds one such language already
    g = onet
    python, sql = "onet:tech/Python", "onet:tech/Structured+query+language+SQL"
    cls = g.skills[python].attributes["commodity_title"]
    top = g.adjacent_skills([python, sql], k=10)
    same = [m.label for m in top if g.skills[m.id].attributes.get("commodity_title") == cls]
    assert len(same) <= 1, same
    data_tools = {"Data base management system software", "Analytical or scientific software"}
    classes = [g.skills[m.id].attributes.get("commodity_title") for m in top[:5]]
    assert data_tools & set(classes), [m.label for m in top]
