"""Career moves: vertical upskilling, viable reskilling paths, classification.

Moves are judged by job families and seniority (``families``) and by viability
(``viability``); upskilling plans come from the search core (``search``): the fewest
viable steps, then the least learning; reskilling plans from the route of least learning
(``_cheapest``). Families default to ``"auto"`` (the declared clusters when they look like
families, else detected ones).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..errors import AmbiguousError, InvalidValueError, NotFoundError
from ..graph import SkillGraph
from ..model import NodeType
from ..results import Move, MoveKind, Plan, Step
from . import _growth
from ._cheapest import NEAREST, OFF_SHARE, cheapest_route
from ._gap_credit import GapIndex, gap_index
from ._gap_levels import at_level_cover, level_raises, priced
from ._index import (
    Index,
    IntArray,
    check_k,
    covered_mask,
    index,
    resolve_role,
    resolve_skills,
)
from ._ladder import ladder
from ._near_offer import offer
from ._route_parts import STONE_GOALS, gains, stone
from .clusters import effective_clusters
from .explain import (
    KIND_TABLE,
    classify_text,
    direct_reason,
    family_label,
    purpose_text,
    reskill_text,
    step_down,
    unrated_note,
    unreachable_text,
    upskill_text,
)
from .learning import learning_order
from .search import Route, Space, best_route, best_routes, explore
from .viability import Mobility, judge, mobility

__all__ = ["STONE_GOALS", "classify", "reskill", "upskill"]

Mask = npt.NDArray[np.bool_]
Families = str | Mapping[str, str]


@dataclass
class _Start:
    ix: Index
    gi: GapIndex
    mob: Mobility
    r: int
    covered: Mask
    """The skills held and the start role's, closed by tool class (``GapIndex.close``)."""
    clusters: list[str | None]


def _start(g: SkillGraph, role: str, have: Iterable[str] | None, families: Families) -> _Start:
    ix = index(g, profiles=False)  # the profiles: completed if a query needs them
    r = resolve_role(g, ix, role)
    held = resolve_skills(g, ix, have)
    mob = mobility(g, families)
    covered = covered_mask(ix, held)
    gi = gap_index(g)
    return _Start(
        ix=ix,
        gi=gi,
        mob=mob,
        r=r,
        covered=gi.learnt(covered, r, ix),
        clusters=effective_clusters(g),
    )


def _steps(
    g: SkillGraph, s: _Start, route: Route | list[int], *, judged: bool = True
) -> list[Step]:
    """The steps along a route (role positions after the start), learning as they go:
    each step's cost is 1 - ``gap``'s coverage of its role for what is held by then, its
    transferable skills what gap matches, its learning list what gap calls missing;
    without ``judged``, a step that is not viable has no similarity (judging it would
    load the similarity profiles)."""
    ix, gi, mob = s.ix, s.gi, s.mob
    path = route.path if isinstance(route, Route) else route
    covered = s.covered.copy()
    out: list[Step] = []
    roles = g.roles
    prev = s.r
    for i, r in enumerate(path):
        held_by = [ix.role_ids[p] for p in [s.r, *path[:i]]]
        cov = at_level_cover(g, ix, r, held_by, covered)  # and rated skills held at the level
        cost = gi.step_cost(r, cov)
        idx = ix.role_skills[r]
        order = np.lexsort((idx, -gi.role_weights(r)))
        transferable = [ix.skill_ids[j] for j in idx[order].tolist() if cov[j]]
        plan = learning_order(g, ix, r, cov, path[i + 1 :])
        sim = mob.similarity(prev, r)
        rid = ix.role_ids[r]
        out.append(
            Step(
                role=rid,
                label=roles[rid].label,
                cluster=s.clusters[r],
                level=ix.levels[r],
                transferable=transferable,
                learn=plan.order,
                cost=cost,
                learning_plan=plan,
                viable=sim is not None,
                similarity=sim
                if sim is not None or not judged
                else judge(g, ix, mob, prev, r).similarity,
                family=mob.family_ids[r],
                seniority=int(mob.seniority[r]),
                raises=level_raises(g, rid, held_by, plan.order),
            )
        )
        covered = gi.learnt(covered, r, ix)
        prev = r
    return out


def _total(steps: list[Step]) -> float:
    total = 0.0
    for st in steps:
        total += st.cost
    return total


def _check_steps(max_steps: int) -> None:
    if max_steps < 1:
        raise InvalidValueError(f"max_steps must be >= 1 (got {max_steps})", field="max_steps")


# ---------------------------------------------------------------------- upskilling
def upskill(
    g: SkillGraph,
    role: str,
    have: Iterable[str] | None = None,
    k: int = 5,
    *,
    max_steps: int = 2,
    lateral: bool = False,
    families: Families = "auto",
) -> list[Plan]:
    """Up to ``k`` vertical plans from ``role`` to more senior roles of its job family.

    Targets are the roles of the start's family (``families``) with requirements and a
    higher seniority, reached in at most ``max_steps`` viable steps through roles of that
    family none below the start's seniority, and the start's viable promotions into
    another family (``Mobility.viable_promotion``: one seniority step up inside its
    occupational group, a direct move; its explanation says so). With ``lateral``, roles
    of the family at the start's seniority are targets too, labelled ``MoveKind.LATERAL``.
    Plans are ranked by step-up evidence (``_ladder``) first: roles up the start's own
    line (supervisors and managers of its occupational group, SOC major group or title,
    its declared progressions, its senior roles of the group or title) before roles up by
    level only or managers of another line; then fewest steps, then the evidence tier, then
    least learning, seniority gained (descending) and target id. Each explanation says why
    the target is a step up. With ``lateral``, the search objective alone ranks.

    Raises:
        NotFoundError: the role or a skill of ``have`` cannot be resolved.
        InvalidValueError: ``k`` is negative, ``max_steps`` < 1 or ``families`` unknown.
    """
    check_k(k)
    _check_steps(max_steps)
    s = _start(g, role, have, families)
    ix, mob, r = s.ix, s.mob, s.r
    sen0 = int(mob.seniority[r])
    allowed = (mob.family == mob.family[r]) & (mob.seniority >= sen0)
    space = explore(ix, s.gi, mob, r, s.covered, max_steps, allowed)
    lowest = sen0 if lateral else sen0 + 1
    goals = np.flatnonzero((space.dist > 0) & (mob.seniority >= lowest))
    lad = ladder(g, ix)
    promoted = [
        j
        for j in mob.viable_from(r)[0].tolist()
        if mob.family[j] != mob.family[r] and _growth.across(g, ix, mob, r, j) is not None
    ]
    if k == 0 or not (len(goals) or promoted):
        return []
    routes = {
        j: Route(path=[j], costs=[s.gi.step_cost(j, s.covered)], exact=True) for j in promoted
    }
    if len(goals):  # only goals up to the k-th goal's (line first, step count) can rank
        routes |= best_routes(space, lad.contenders(mob, r, goals, space.dist, k, lateral))
    found: list[tuple[tuple[int, int, int], float, int, int, Route]] = []
    for j, route in sorted(routes.items()):
        gain = int(mob.seniority[j]) - sen0
        rank = lad.rank(mob, r, j, len(route.path), lateral)
        found.append((rank, priced(g, ix, s.gi, r, s.covered, route.path), -gain, j, route))
    found.sort(key=lambda t: t[:4])
    plans = []
    for _, _, neg_gain, j, route in found[:k]:
        steps = _steps(g, s, route)
        kind = MoveKind.UPSKILLING if neg_gain < 0 else MoveKind.LATERAL
        up = lad.reason(g, ix, mob, r, j) if neg_gain < 0 else None
        plans.append(
            Plan(
                kind=kind,
                start=ix.role_ids[r],
                target=ix.role_ids[j],
                steps=steps,
                cost=_total(steps),
                growth=_growth.growth(g, ix, mob, r, j),
                explanation=upskill_text(
                    g,
                    ix.role_ids[r],
                    steps,
                    mob.jump(r, j),
                    kind,
                    promotion=_growth.across(g, ix, mob, r, j),
                    up=up,
                    down=step_down(g, ix, mob, r, j),
                ),
            )
        )
    return plans


# ---------------------------------------------------------------------- reskilling
def _targets(g: SkillGraph, s: _Start, target: str) -> tuple[str, str, list[int]]:
    """(kind, id, goal role positions outside the start family) of ``target``.

    Raises:
        NotFoundError: nothing matches, or the target has no roles.
        InvalidValueError: the target lies inside the start family.
    """
    ix, mob = s.ix, s.mob
    here = mob.family[s.r]
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
    family = mob.family_ids[s.r]
    hint = f"use upskill({start_id!r}) for moves inside one family"
    if node.node_type is NodeType.ROLE:
        t = ix.role_pos[node.id]
        if mob.family[t] == here:
            raise InvalidValueError(
                f"target: {node.label!r} is in the same job family ({family}) as "
                f"{g.roles[start_id].label!r}; reskilling needs a target outside it: {hint}",
                id=node.id,
                field="target",
            )
        growth = _growth.across(g, ix, mob, s.r, t)
        if growth is not None:
            what = (
                "a viable promotion of"
                if mob.viable_promotion(s.r, t)
                else "a viable step up the own line of"
            )
            raise InvalidValueError(
                f"target: {node.label!r} is {what} {g.roles[start_id].label!r} "
                f"({growth[0]}), which is upskilling, not reskilling: "
                f"use upskill({start_id!r}) or classify",
                id=node.id,
                field="target",
            )
        return "role", node.id, [t]
    if node.node_type is NodeType.CLUSTER:
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
    outside = [i for i in members if mob.family[i] != here and ix.totals[i] > 0]
    if not outside:
        raise InvalidValueError(
            f"target: {what} {node.label!r} has no role with requirements outside the job "
            f"family ({family}) of {g.roles[start_id].label!r}; {hint}",
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
    max_steps: int = 6,
    families: Families = "auto",
) -> Plan:
    """The reskilling plan from ``role`` to a role, cluster or industry of another family.

    ``target`` is resolved as a role, else a cluster, else an industry; its roles outside
    the start's job family (for a cluster or industry: those with requirements) are the
    goals. Every step is a viable move (but for the near-viable direct move below); the plan is
    the route of at most ``max_steps`` steps that asks the least learning (skills to learn
    summed over the steps; a bridge that brings none of the goals' skills costs extra, and so
    does one outside the role before's most similar viable moves:
    ``skillgraph.analysis._cheapest``), and ends at the
    goal it reaches so; when a direct move onto a goal fails only the similarity bar, by
    little, and the route asks far more learning, that direct move is the plan, one step
    marked not viable, the explanation saying why (``skillgraph.analysis._near``).
    ``direct`` is the direct move onto that goal (viable or not) to compare with; the
    explanation says how the two compare, and recommends
    weighing the direct retraining when the route asks more than ``DIRECT_BOUND`` times
    its learning, and names the target skills each bridge brings.
    When no viable path of at most ``max_steps`` steps reaches a goal, a near-viable
    direct move onto a goal is the plan if there is one (whatever the learning: nothing
    else reaches the target; the explanation names the stepping stone it stands in for,
    ``skillgraph.analysis._near_offer``); else the plan has ``reachable=False`` and leads
    to the closest viable stepping stone: the reachable role most similar to the target.

    Raises:
        NotFoundError: an argument cannot be resolved, or the target has no roles.
        InvalidValueError: the target lies inside the start's family or is a viable
            promotion of the start (upskilling; field ``target``), ``max_steps`` < 1 or
            ``families`` unknown.
    """
    _check_steps(max_steps)
    s = _start(g, role, have, families)
    ix, mob, r = s.ix, s.mob, s.r
    kind, tid, goals = _targets(g, s, target)
    space = explore(ix, s.gi, mob, r, s.covered, max_steps)
    goal_arr = np.asarray(goals, dtype=np.int64)
    route = _route(space, goal_arr)
    start_id = ix.role_ids[r]

    def one_step(b: int) -> Step:
        return _steps(g, s, [b], judged=False)[0]

    where = (start_id, s.clusters[r], kind, tid)
    if route is not None:
        steps = _steps(g, s, route)
        near = offer(g, space, where, goals, (route.path, steps), one_step, [])
        if near is not None:  # a direct move refused by a hair, far cheaper: ``_near``
            return near
        direct = _steps(g, s, [route.path[-1]], judged=False)[0]
        return Plan(
            kind=MoveKind.RESKILLING,
            start=start_id,
            target=steps[-1].role,
            steps=steps,
            cost=_total(steps),
            explanation=reskill_text(
                g,
                (start_id, s.clusters[r]),
                steps,
                (kind, tid),
                gains(ix, s.covered, route.path),
                (
                    direct,
                    direct_reason(mob, r, route.path[-1], ix.totals[route.path[-1]] > 0),
                    route.exact,
                ),
                step_down(g, ix, mob, r, route.path[-1]),
            ),
            direct=direct,
        )
    stone_at, closeness = stone(ix, space, goal_arr)
    steps = []
    if stone_at >= 0:
        found = _route(space, np.asarray([stone_at], dtype=np.int64))
        assert found is not None
        steps = _steps(g, s, found)
    near = offer(g, space, where, goals, None, one_step, steps)
    if near is not None:  # no viable route, a direct move refused by a hair: ``_near``
        return near
    return Plan(
        kind=MoveKind.RESKILLING,
        start=start_id,
        target=tid,
        steps=steps,
        cost=_total(steps),
        explanation=unreachable_text(g, start_id, tid, steps, max_steps, closeness),
        reachable=False,
        direct=_steps(g, s, goals, judged=False)[0] if kind == "role" else None,
    )


def _route(space: Space, goals: IntArray) -> Route | None:
    """The reskilling route to one of ``goals``: the least learning, a bridge that is not
    plausible surcharged (``_cheapest.cheapest_route``, ``NEAREST`` and ``OFF_SHARE``),
    else (its pruning dropped every continuation, never seen on ESCO and O*NET) the
    fewest steps, then the least learning (``search.best_route``)."""
    return cheapest_route(space, goals, nearest=NEAREST, off_share=OFF_SHARE) or best_route(
        space, goals
    )


# ---------------------------------------------------------------------- classification
def classify(
    g: SkillGraph,
    a: str,
    b: str,
    have: Iterable[str] | None = None,
    *,
    families: Families = "auto",
) -> Move:
    """Classify the move from role ``a`` to role ``b`` by job family and seniority.

    The same family and a higher seniority, a viable promotion into another family
    (``Mobility.viable_promotion``: one seniority step up inside the occupational group),
    or a viable step up the start's own line into another family (``_ladder.Ladder.grows``:
    a supervisor or manager of its line, such as a first-line supervisor of its SOC major
    group, the manager of its field, a more senior role of its occupational group, as
    ``upskill`` offers them): UPSKILLING; the same family otherwise: LATERAL; another
    family otherwise: RESKILLING.
    The move carries its viability, the labels of both families as the decision used them
    and the explanation table of its kind (purpose, objective, who it suits, application,
    outcome).

    Raises:
        NotFoundError: a role or a skill of ``have`` cannot be resolved.
        InvalidValueError: ``families`` is not a known method or a mapping.
    """
    s = _start(g, a, have, families)
    ix, mob = s.ix, s.mob
    rb = resolve_role(g, ix, b, field="target")
    viability = judge(g, ix, mob, s.r, rb)
    step = _steps(g, s, [rb])[0]
    sen = (int(mob.seniority[s.r]), int(mob.seniority[rb]))
    across = _growth.across(g, ix, mob, s.r, rb)
    if across is not None or (mob.family[s.r] == mob.family[rb] and sen[1] > sen[0]):
        kind = MoveKind.UPSKILLING
    elif mob.family[s.r] == mob.family[rb]:
        kind = MoveKind.LATERAL
    else:
        kind = MoveKind.RESKILLING
    src, dst = ix.role_ids[s.r], ix.role_ids[rb]
    table = KIND_TABLE[kind]
    labels = (family_label(g, ix, mob, s.r), family_label(g, ix, mob, rb))
    objective, explanation = classify_text(
        g,
        kind,
        (g.label(src), g.label(dst)),
        labels,
        sen,
        step,
        viability.explanation,
        mob.jump(s.r, rb),
        promotion=None if across is None else across[0],
        down=step_down(g, ix, mob, s.r, rb),
        note=unrated_note(g, src, dst),
    )
    return Move(
        kind=kind,
        source=src,
        target=dst,
        source_cluster=s.clusters[s.r],
        target_cluster=s.clusters[rb],
        source_family_label=labels[0],
        target_family_label=labels[1],
        purpose=purpose_text(
            kind, s.clusters[s.r] is not None and s.clusters[s.r] == s.clusters[rb]
        ),
        objective=objective,
        transferred=step.transferable,
        acquire=step.learn,
        cost=step.cost,
        raises=step.raises,
        explanation=explanation,
        suits=table["suits"],
        application=table["application"],
        outcome=table["outcome"],
        viability=viability,
    )
