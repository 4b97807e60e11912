"""Career moves: upskilling inside a cluster, reskilling across clusters, classification.

The cost of moving onto role B, given the covered skills (the start role's skills, the
person's own skills and everything learned on earlier steps), is the weighted share of
B's requirements not covered (weights ``importance x rarity``): asymmetric, in [0, 1]. A
plan's cost is the sum of its step costs, added in step order.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from .._store import store_of
from ..errors import AmbiguousError, InvalidValueError, NotFoundError
from ..graph import SkillGraph
from ..model import NodeType
from ..results import Move, MoveKind, Plan, Step
from ._index import FloatArray, Index, check_k, covered_mask, index, resolve_role, resolve_skills
from .adjacency import adjacency, adjacency_scores
from .clusters import effective_clusters
from .learning import plan_positions

__all__ = ["classify", "reskill", "upskill"]

PROGRESSION_DISCOUNT = 0.5
"""Search priority factor of a declared progression step (reported costs are not changed)."""
RESKILL_NEIGHBOURS = 20
"""Candidate next roles per role in the reskilling search (most similar roles), plus targets."""
_SHOW = 4

Mask = npt.NDArray[np.bool_]


# ---------------------------------------------------------------------- shared helpers
@dataclass
class _Start:
    ix: Index
    r: int
    have: list[int]
    covered: Mask
    clusters: list[str | None]
    scores: dict[bytes, FloatArray] = field(default_factory=dict)
    """Adjacency scores to a covered set, memoised for the call (key: the packed mask)."""


def _start(g: SkillGraph, role: str, have: Iterable[str] | None) -> _Start:
    ix = index(g)
    r = resolve_role(g, ix, role)
    held = resolve_skills(g, ix, have)
    covered = covered_mask(ix, held)
    covered[ix.role_skills[r]] = True
    return _Start(ix=ix, r=r, have=held, covered=covered, clusters=effective_clusters(g))


def _steps(g: SkillGraph, s: _Start, path: list[int]) -> list[Step]:
    """The steps along ``path`` (role positions after the start), learning as they go."""
    ix = s.ix
    covered = s.covered.copy()
    out: list[Step] = []
    roles = g.roles
    for r in path:
        cost = ix.step_cost(r, covered)
        idx = ix.role_skills[r]
        w = ix.role_weights[r]
        order = np.lexsort((idx, -w))
        ranked = idx[order]
        transferable = [int(j) for j in ranked if covered[j]]
        missing = [int(j) for j in ranked if not covered[j]]
        held = np.flatnonzero(covered).tolist()
        key = np.packbits(covered).tobytes()
        scores = s.scores.get(key)
        if scores is None and missing:
            scores = s.scores[key] = adjacency_scores(ix, adjacency(g), held)
        plan = plan_positions(g, ix, missing, held, scores)
        rid = ix.role_ids[r]
        out.append(
            Step(
                role=rid,
                label=roles[rid].label,
                cluster=s.clusters[r],
                level=ix.levels[r],
                transferable=[ix.skill_ids[j] for j in transferable],
                learn=plan.order,
                cost=cost,
                learning_plan=plan,
            )
        )
        covered[idx] = True
    return out


def _total(steps: list[Step]) -> float:
    total = 0.0
    for st in steps:
        total += st.cost
    return total


def _names(g: SkillGraph, ids: list[str], n: int = _SHOW) -> str:
    shown = ", ".join(g.label(i) for i in ids[:n])
    more = len(ids) - n
    return shown + (f" and {more} more" if more > 0 else "")


def _cluster_label(g: SkillGraph, c: str | None) -> str:
    return "no cluster" if c is None else g.label(c)


# ---------------------------------------------------------------------- upskilling
def upskill(
    g: SkillGraph,
    role: str,
    have: Iterable[str] | None = None,
    k: int = 5,
    *,
    max_steps: int = 2,
) -> list[Plan]:
    """Up to ``k`` upskilling plans from ``role`` to roles of its cluster, cheapest first.

    Targets are the other roles of the same cluster (declared, else detected) that have
    requirements, at the same or a higher level (a missing level counts as equal), reachable
    in at most ``max_steps`` steps through roles of that cluster, none below the start
    level. The search is Dijkstra-like over the cluster's roles, carrying the covered skills
    along each path; declared progressions count at `PROGRESSION_DISCOUNT` of their
    cost when choosing a path. Plans are ranked by cost, then level gained (descending),
    then target id.

    Raises:
        NotFoundError: the role or a skill of ``have`` cannot be resolved.
        InvalidValueError: ``k`` is negative or ``max_steps`` < 1.
    """
    check_k(k)
    if max_steps < 1:
        raise InvalidValueError(f"max_steps must be >= 1 (got {max_steps})", field="max_steps")
    s = _start(g, role, have)
    ix, r = s.ix, s.r
    c = s.clusters[r]
    lvl0 = ix.levels[r]
    cands = [
        i
        for i in range(ix.n_roles)
        if i != r
        and s.clusters[i] == c
        and ix.totals[i] > 0  # a role without requirements is no target
        and _not_below(ix.levels[i], lvl0)
    ]
    if not cands or k == 0:
        return []
    cand_arr = np.asarray(cands, dtype=np.int64)
    w_c = ix.W[cand_arr]
    tot = ix.totals[cand_arr]
    safe = np.where(tot > 0, tot, 1.0)
    progress = {ix.role_pos[t] for t in store_of(g).progressions_from(ix.role_ids[r])}
    # Dijkstra: (priority, hops, position, real cost, parent)
    best: dict[int, float] = {r: 0.0}
    found: dict[int, tuple[float, list[int]]] = {}
    covers: dict[int, Mask] = {}
    heap: list[tuple[float, int, int, float, int]] = [(0.0, 0, r, 0.0, -1)]
    paths: dict[int, list[int]] = {r: []}
    while heap:
        prio, hops, cur, real, parent = heapq.heappop(heap)
        if cur in covers:
            continue
        if cur != r:
            paths[cur] = [*paths[parent], cur]
            cov = covers[parent].copy()
            cov[ix.role_skills[cur]] = True
            found[cur] = (real, paths[cur])
            progress = {ix.role_pos[t] for t in store_of(g).progressions_from(ix.role_ids[cur])}
        else:
            cov = s.covered
        covers[cur] = cov
        if hops >= max_steps:
            continue
        share = np.clip(np.where(tot > 0, (w_c @ (~cov).astype(np.float64)) / safe, 0.0), 0, 1)
        for j, step in zip(cands, share.tolist(), strict=True):
            if j in covers:
                continue
            p = prio + step * (PROGRESSION_DISCOUNT if j in progress else 1.0)
            if p < best.get(j, float("inf")):
                best[j] = p
                heapq.heappush(heap, (p, hops + 1, j, real + step, cur))
    gain = {j: _gain(ix.levels[j], lvl0) for j in found}
    ranked = sorted(found, key=lambda j: (found[j][0], -gain[j], ix.role_ids[j]))
    plans: list[tuple[float, int, str, Plan]] = []
    for j in ranked[: k + 2]:  # Dijkstra's costs rank; exact plan costs re-rank the few
        steps = _steps(g, s, found[j][1])
        cost = _total(steps)
        plan = Plan(
            kind=MoveKind.UPSKILLING,
            start=ix.role_ids[r],
            target=ix.role_ids[j],
            steps=steps,
            cost=cost,
            explanation=_up_text(g, s, steps, gain[j]),
        )
        plans.append((cost, -gain[j], ix.role_ids[j], plan))
    plans.sort(key=lambda t: t[:3])
    return [p for *_, p in plans[:k]]


def _not_below(level: int | None, start: int | None) -> bool:
    return level is None or start is None or level >= start


def _gain(level: int | None, start: int | None) -> int:
    return 0 if level is None or start is None else level - start


def _up_text(g: SkillGraph, s: _Start, steps: list[Step], gain: int) -> str:
    start = s.ix.role_ids[s.r]
    last = steps[-1]
    learn = [x for st in steps for x in st.learn]
    via = [st.label for st in steps[:-1]]
    family = _cluster_label(g, s.clusters[s.r])
    level = (
        f"a level gain of {gain}"
        if gain > 0
        else "the same level"
        if gain == 0 and s.ix.levels[s.r] is not None and last.level is not None
        else "no level change recorded"
    )
    text = (
        f"Upskilling: {g.label(start)} -> {last.label} stays in the same role family "
        f"({family}), with {level}"
    )
    if via:
        text += f", via {', '.join(via)}"
    if learn:
        text += f"; deepen and extend your skills by adding {_names(g, learn)}"
    else:
        text += "; your current skills already cover it"
    text += f"; {len(last.transferable)} of its skills transfer."
    return text


# ---------------------------------------------------------------------- reskilling
def _targets(g: SkillGraph, s: _Start, target: str) -> tuple[str, str, list[int]]:
    """(kind, id, target role positions outside the start cluster) of ``target``.

    Raises:
        NotFoundError: nothing matches, or the target has no roles.
        InvalidValueError: the target lies inside the start cluster.
    """
    ix, here = s.ix, s.clusters[s.r]
    node = None
    for kind in (NodeType.ROLE, NodeType.CLUSTER, NodeType.INDUSTRY):
        try:
            node = g.find(target, kind)
            break
        except AmbiguousError:
            raise
        except NotFoundError:
            continue
    if node is None:
        raise NotFoundError(
            f"target: no role, cluster or industry matches {target!r}", query=target
        )
    start_id = ix.role_ids[s.r]
    hint = f"use upskill({start_id!r}) for moves inside one cluster"
    if node.node_type is NodeType.ROLE:
        t = ix.role_pos[node.id]
        if s.clusters[t] == here:
            raise InvalidValueError(
                f"target: role {node.id!r} is in the same cluster as {start_id!r} "
                f"({here}); reskilling needs a target outside it: {hint}",
                id=node.id,
                field="target",
            )
        return "role", node.id, [t]
    if node.node_type is NodeType.CLUSTER:
        if node.id == here:
            raise InvalidValueError(
                f"target: cluster {node.id!r} is the cluster of {start_id!r}; {hint}",
                id=node.id,
                field="target",
            )
        inside = set(g.roles_in_cluster(node.id))
        members = [
            i for i, rid in enumerate(ix.role_ids) if rid in inside or s.clusters[i] == node.id
        ]
        what = "cluster"
    else:
        members = [i for i, rid in enumerate(ix.role_ids) if node.id in g.roles[rid].industries]
        what = "industry"
    if not members:
        raise NotFoundError(f"target: {what} {node.id!r} has no roles", query=target)
    outside = [i for i in members if s.clusters[i] != here and ix.totals[i] > 0]
    if not outside:
        raise InvalidValueError(
            f"target: {what} {node.id!r} has no role with requirements outside the cluster "
            f"of {start_id!r} ({here}); {hint}",
            id=node.id,
            field="target",
        )
    return what, node.id, outside


def reskill(
    g: SkillGraph,
    role: str,
    target: str,
    have: Iterable[str] | None = None,
    *,
    max_steps: int = 4,
) -> Plan:
    """The cheapest reskilling plan from ``role`` to a role, cluster or industry elsewhere.

    ``target`` is resolved as a role, else a cluster, else an industry; its roles outside
    the start cluster (for a cluster or industry: those with requirements) are the goals.
    The search is Dijkstra over roles (at most ``max_steps`` steps), carrying the covered
    skills along each path; from each role the candidate next roles are its
    `RESKILL_NEIGHBOURS` most similar roles and the goals. The plan ends in a goal, so
    it crosses at least one cluster boundary; the roles before it are the bridge roles.

    Raises:
        NotFoundError: an argument cannot be resolved, or the target has no roles.
        InvalidValueError: the target lies inside the start cluster (field ``target``), or
            ``max_steps`` < 1.
    """
    if max_steps < 1:
        raise InvalidValueError(f"max_steps must be >= 1 (got {max_steps})", field="max_steps")
    s = _start(g, role, have)
    ix, r = s.ix, s.r
    kind, tid, goals = _targets(g, s, target)
    goal_set = set(goals)
    goal_arr = np.asarray(goals, dtype=np.int64)
    best: dict[int, float] = {r: 0.0}
    parents: dict[int, int] = {}
    covers: dict[int, Mask] = {}
    heap: list[tuple[float, int, int, int]] = [(0.0, 0, r, -1)]
    end = -1
    while heap:
        cost, hops, cur, parent = heapq.heappop(heap)
        if cur in covers:
            continue
        if parent >= 0:
            parents[cur] = parent
            cov = covers[parent].copy()
            cov[ix.role_skills[cur]] = True
        else:
            cov = s.covered
        covers[cur] = cov
        if cur in goal_set:
            end = cur
            break
        if hops >= max_steps:
            continue
        if hops == max_steps - 1:
            nxt = goal_arr
        else:
            near, _ = ix.neighbours(cur, RESKILL_NEIGHBOURS)
            nxt = np.union1d(near, goal_arr)
        share = ix.uncovered(cov)
        for j, step in zip(nxt.tolist(), share[nxt].tolist(), strict=True):
            if j in covers or j == r:
                continue
            c = cost + step
            if c < best.get(j, float("inf")):
                best[j] = c
                heapq.heappush(heap, (c, hops + 1, j, cur))
    if end < 0:  # pragma: no cover - a goal is always one step away
        raise NotFoundError(f"no path from {ix.role_ids[r]!r} reaches {tid!r}", query=target)
    path = [end]
    while parents.get(path[-1], r) != r:
        path.append(parents[path[-1]])
    path.reverse()
    steps = _steps(g, s, path)
    return Plan(
        kind=MoveKind.RESKILLING,
        start=ix.role_ids[r],
        target=ix.role_ids[end],
        steps=steps,
        cost=_total(steps),
        explanation=_re_text(g, s, steps, kind, tid),
    )


def _re_text(g: SkillGraph, s: _Start, steps: list[Step], kind: str, tid: str) -> str:
    start = s.ix.role_ids[s.r]
    last = steps[-1]
    text = (
        f"Reskilling: {g.label(start)} ({_cluster_label(g, s.clusters[s.r])}) -> "
        f"{last.label} ({_cluster_label(g, last.cluster)})"
    )
    if kind != "role":
        text += f", a role of {kind} {g.label(tid)}"
    bridges = steps[:-1]
    if bridges:
        text += "; bridge role" + ("s " if len(bridges) > 1 else " ")
        text += ", ".join(f"{b.label} ({_cluster_label(g, b.cluster)})" for b in bridges)
    else:
        text += "; direct move, no bridge role is cheaper"
    crossings = sum(
        1
        for a, b in zip(
            [s.clusters[s.r], *(st.cluster for st in steps)],
            [st.cluster for st in steps],
            strict=False,
        )
        if a != b
    )
    learn = [x for st in steps for x in st.learn]
    text += f"; crosses {crossings} cluster boundar{'y' if crossings == 1 else 'ies'}"
    text += f"; {len(last.transferable)} skills transfer to the target"
    if learn:
        text += f"; acquire {_names(g, learn)}"
    return text + "."


# ---------------------------------------------------------------------- classification
def classify(g: SkillGraph, a: str, b: str, have: Iterable[str] | None = None) -> Move:
    """Classify the move from role ``a`` to role ``b``: RESKILLING exactly when their
    clusters (declared, else detected) differ, UPSKILLING otherwise.

    Raises:
        NotFoundError: a role or a skill of ``have`` cannot be resolved.
    """
    s = _start(g, a, have)
    ix = s.ix
    rb = resolve_role(g, ix, b, field="target")
    ca, cb = s.clusters[s.r], s.clusters[rb]
    step = _steps(g, s, [rb])[0]
    src, dst = ix.role_ids[s.r], ix.role_ids[rb]
    la, lb = g.label(src), g.label(dst)
    if ca != cb:
        kind = MoveKind.RESKILLING
        purpose = (
            "Reskilling: acquire new skills to move into a different role family "
            f"({_cluster_label(g, cb)}) than the current one ({_cluster_label(g, ca)})."
        )
        objective = f"Take up a new occupation: from {la} to {lb}."
    else:
        kind = MoveKind.UPSKILLING
        purpose = (
            "Upskilling: deepen and extend skills to perform better or advance within the "
            f"same role family ({_cluster_label(g, ca)})."
        )
        gain = _gain(ix.levels[rb], ix.levels[s.r])
        objective = f"Grow from {la} to {lb} in the same family" + (
            f", {gain} level{'s' if gain > 1 else ''} up." if gain > 0 else "."
        )
    explanation = (
        f"{kind.value.capitalize()}: {la} is in {_cluster_label(g, ca)}, {lb} is in "
        f"{_cluster_label(g, cb)}; {len(step.transferable)} skills transfer"
        + (f" (e.g. {_names(g, step.transferable, 3)})" if step.transferable else "")
        + f"; {len(step.learn)} to acquire"
        + (f" (e.g. {_names(g, step.learn, 3)})" if step.learn else "")
        + f"; cost {step.cost:.2f}."
    )
    return Move(
        kind=kind,
        source=src,
        target=dst,
        source_cluster=ca,
        target_cluster=cb,
        purpose=purpose,
        objective=objective,
        transferred=step.transferable,
        acquire=step.learn,
        cost=step.cost,
        explanation=explanation,
    )
