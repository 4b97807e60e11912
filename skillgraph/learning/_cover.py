"""The choice of resources: weighted greedy set cover respecting prerequisites.

`select_resources` picks the resources of a plan; `schedule_order` puts them in
learning order, each after those teaching its prerequisites. Used by ``planning``.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .planning import Preferences
    from .resources import Catalogue, LearningResource

__all__ = ["FILTERS", "schedule_order", "select_resources", "why_uncovered"]


def select_resources(
    needed: Sequence[str],
    have: Iterable[str],
    catalogue: Catalogue,
    preferences: Preferences | None = None,
    mates: Mapping[str, Sequence[str]] | None = None,
) -> tuple[list[LearningResource], list[str], list[str], dict[str, list[str]]]:
    """Weighted greedy set cover of ``needed`` by acceptable resources of ``catalogue``.

    ``mates``: for a skill, the needed skills it covers besides itself (the other titles
    of its tool class, as ``gap`` counts them); held or taught, it covers them too.

    Each round picks the resource of least weight (hours or cost) per needed skill it
    would newly teach among those whose prerequisites are all held, in ``have`` or taught
    by a resource picked before. When none teaches a needed skill, the wanted skills grow,
    layer by layer, by the missing prerequisites of the resources that do, and the best
    resource for those is picked. Ties go to the lower weight, then the lower id. A
    needed skill is coverable when some acceptable resource teaches it and the
    prerequisites of that resource are reachable from ``have``; every coverable skill is
    covered unless the budget runs out.

    Only resources teaching a needed skill or (transitively) a missing prerequisite of one
    are looked at; the greedy choice is evaluated lazily (a heap of ratios that can only
    grow), which picks exactly what the plain greedy would. Picks the later ones make
    redundant are then dropped (heaviest first), so each picked resource teaches some
    needed skill or prerequisite no other pick does.

    Returns:
        The picked resources in a valid order, the needed skills no acceptable resource
        reaches, the needed skills left out by the budget, and for each picked resource
        the prerequisite skills it teaches for later ones.
    """
    if preferences is None:
        from .planning import Preferences

        preferences = Preferences()
    prefs = preferences
    lk = catalogue.lookup
    teaches, requires, teachers = lk.teaches, lk.requires, lk.teachers
    filtered = bool(prefs.kinds or prefs.delivery or prefs.languages or prefs.exclude)
    resources = catalogue.resources
    alike = mates or {}
    known = set(have)
    for s in list(known):
        known.update(alike.get(s, ()))
    need = [s for s in dict.fromkeys(needed) if s not in known]
    target = set(need)
    budget = prefs.budget
    by_cost = prefs.weight == "cost"
    # resources looked at so far: how many of their prerequisites are not held yet, and
    # which resources wait for each skill
    left: dict[int, int] = {}
    requiring: dict[str, list[int]] = {}
    refused: set[int] = set()
    heap: list[tuple[float, float, str, int]] = []
    picked: list[int] = []
    taken: set[int] = set()
    spent = 0.0

    def weight(i: int) -> float:
        return (lk.cost[i] + 1e-6 * lk.hours[i]) if by_cost else lk.hours[i]

    def push(i: int) -> None:
        gain = sum(1 for t in teaches[i] if t in target and t not in known)
        if gain:
            w = weight(i)
            heapq.heappush(heap, (w / gain, w, lk.ids[i], i))

    def index(i: int) -> bool:
        """Start tracking resource ``i``; False when the preferences refuse it."""
        if i in left:
            return True
        if i in refused or (filtered and not prefs.accepts(resources[i])):
            refused.add(i)
            return False
        missing = [p for p in requires[i] if p not in known]
        left[i] = len(missing)
        for p in missing:
            requiring.setdefault(p, []).append(i)
        return True

    def affordable(i: int) -> bool:
        return budget is None or spent + lk.cost[i] <= budget + 1e-9

    def take(i: int) -> None:
        nonlocal spent
        spent += lk.cost[i]
        picked.append(i)
        taken.add(i)
        for t in teaches[i]:
            for s in (t, *alike.get(t, ())):
                if s in known:
                    continue
                known.add(s)
                for q in requiring.get(s, ()):
                    left[q] -= 1
                    if left[q] == 0 and q not in taken:
                        push(q)

    # the first heap, built in one go: every acceptable teacher of a needed skill
    ids, hours, costs = lk.ids, lk.hours, lk.cost
    for s in need:
        for i in teachers.get(s, ()):
            if i in left or i in refused:
                continue
            if filtered and not prefs.accepts(resources[i]):
                refused.add(i)
                continue
            missing = [p for p in requires[i] if p not in known]
            left[i] = len(missing)
            if missing:
                for p in missing:
                    requiring.setdefault(p, []).append(i)
                continue
            gain = 0
            for t in teaches[i]:
                if t in target and t not in known:
                    gain += 1
            if gain:
                w = (costs[i] + 1e-6 * hours[i]) if by_cost else hours[i]
                heap.append((w / gain, w, ids[i], i))
    heapq.heapify(heap)
    while target - known:
        chosen: int | None = None
        while heap:
            ratio, w, _, i = heapq.heappop(heap)
            if i in taken or not affordable(i):
                continue
            gain = sum(1 for t in teaches[i] if t in target and t not in known)
            if not gain:
                continue
            if w / gain > ratio + 1e-12:  # stale: its gain fell since it was pushed
                heapq.heappush(heap, (w / gain, w, lk.ids[i], i))
                continue
            chosen = i
            break
        if chosen is not None:
            take(chosen)
            continue
        # no feasible resource teaches a needed skill: grow the wanted skills by the
        # missing prerequisites of the resources that do, until a feasible one teaches some
        wanted = target - known
        best: int | None = None
        while best is None:
            best_key: tuple[float, float, str] | None = None
            grow: set[str] = set()
            for s in sorted(wanted):
                for i in teachers.get(s, ()):
                    if i in taken or not affordable(i) or not index(i):
                        continue
                    if left[i] == 0:
                        gain = sum(1 for t in teaches[i] if t in wanted)
                        key = (weight(i) / gain, weight(i), lk.ids[i])
                        if best_key is None or key < best_key:
                            best, best_key = i, key
                    else:
                        grow.update(p for p in requires[i] if p not in known)
            if best is None:
                if grow <= wanted:
                    break  # nothing affordable leads there
                wanted |= grow
        if best is None:
            break
        take(best)
    picked = _prune(picked, set(have), target, catalogue, weight)
    unlocks = _unlocks(picked, set(have), target, catalogue)
    rest = [s for s in need if s not in known]
    if budget is None or not rest:  # without a budget, what is left is out of reach
        return [resources[i] for i in picked], rest, [], unlocks
    reach = _reachable(catalogue, prefs, set(have), rest)
    uncovered = [s for s in rest if s not in reach]
    over = [s for s in rest if s in reach]
    return [resources[i] for i in picked], uncovered, over, unlocks


def _prune(
    picked: list[int],
    have: set[str],
    target: set[str],
    catalogue: Catalogue,
    weight: Callable[[int], float],
) -> list[int]:
    """``picked`` without the resources the others make redundant, in a valid order.

    Greedy picks early a resource whose skills later picks also teach. Each resource,
    heaviest first (then the latest picked), is dropped when the rest still teach every
    needed skill the picks teach and can still be taken in some order respecting
    prerequisites."""
    teaches = catalogue.lookup.teaches
    kept = list(picked)
    late = {i: n for n, i in enumerate(picked)}
    changed = True
    while changed:  # a drop can make an earlier kept prerequisite useless
        changed = False
        for i in sorted(kept, key=lambda i: (-weight(i), -late[i])):
            useful = {s for s in teaches[i] if s in target and s not in have}
            rest = [j for j in kept if j != i]
            if useful - {s for j in rest for s in teaches[j]}:
                continue
            order = _feasible(rest, have, catalogue)
            if order is not None:
                kept, changed = order, True
    return kept


def _feasible(picks: list[int], have: set[str], catalogue: Catalogue) -> list[int] | None:
    """``picks`` in an order where each comes after the teachers of its prerequisites
    (the earliest possible in ``picks`` order each time), or None when there is none."""
    lk = catalogue.lookup
    known = set(have)
    pending = list(picks)
    out: list[int] = []
    while pending:
        ready = next((j for j in pending if known.issuperset(lk.requires[j])), None)
        if ready is None:
            return None
        pending.remove(ready)
        out.append(ready)
        known.update(lk.teaches[ready])
    return out


def _unlocks(
    picks: list[int], have: set[str], target: set[str], catalogue: Catalogue
) -> dict[str, list[str]]:
    """For each of ``picks`` (in a valid order), the prerequisites of other picks it is
    the first to teach, needed skills aside."""
    lk = catalogue.lookup
    required = {p for j in picks for p in lk.requires[j]}
    known = set(have)
    out: dict[str, list[str]] = {}
    for j in picks:
        gained = [s for s in lk.teaches[j] if s in required and s not in target and s not in known]
        if gained:
            out[lk.ids[j]] = gained
        known.update(lk.teaches[j])
    return out


def _reachable(
    catalogue: Catalogue, prefs: Preferences, have: set[str], skills: list[str]
) -> set[str]:
    """The skills among ``skills`` (and their prerequisites) some chain of acceptable
    resources teaches, starting from ``have``, money aside."""
    lk = catalogue.lookup
    relevant: set[int] = set()
    frontier, asked = set(skills), set(skills)
    while frontier:  # the teachers of the skills and, transitively, of their prerequisites
        nxt: set[str] = set()
        for s in frontier:
            for i in lk.teachers.get(s, ()):
                if i in relevant or not prefs.accepts(catalogue.resources[i]):
                    continue
                relevant.add(i)
                new = {p for p in lk.requires[i] if p not in have and p not in asked}
                asked |= new
                nxt |= new
        frontier = nxt
    reach = set(have)
    todo = sorted(relevant)
    changed = True
    while changed:
        changed = False
        for i in todo:
            if reach.issuperset(lk.requires[i]) and not reach.issuperset(lk.teaches[i]):
                reach.update(lk.teaches[i])
                changed = True
    return reach


def schedule_order(
    picked: list[LearningResource], rank: dict[str, int], have: set[str]
) -> list[LearningResource]:
    """``picked`` reordered by learning order (the earliest needed skill it covers) while
    every resource still follows those teaching its prerequisites."""
    teaches_before: dict[str, set[str]] = {}
    first_teacher: dict[str, str] = {}
    for r in picked:  # picked order is valid: the first teacher of each skill
        for s in r.skills:
            first_teacher.setdefault(s, r.id)
    for r in picked:
        teaches_before[r.id] = {
            first_teacher[s] for s in r.requires if s not in have and s in first_teacher
        } - {r.id}
    by_id = {r.id: r for r in picked}
    pos = {r.id: i for i, r in enumerate(picked)}
    indeg = {rid: len(deps) for rid, deps in teaches_before.items()}
    after: dict[str, list[str]] = {rid: [] for rid in by_id}
    for rid, deps in teaches_before.items():
        for d in deps:
            after[d].append(rid)

    # a resource is as urgent as the most urgent resource waiting for it
    urgency = {
        r.id: min((rank.get(s, len(rank)) for s in r.skills), default=len(rank)) for r in picked
    }
    for r in reversed(picked):
        for d in teaches_before[r.id]:
            urgency[d] = min(urgency[d], urgency[r.id])

    def key(rid: str) -> tuple[int, int]:
        return (urgency[rid], pos[rid])

    heap = [(key(rid), rid) for rid, n in indeg.items() if n == 0]
    heapq.heapify(heap)
    out: list[LearningResource] = []
    while heap:
        _, rid = heapq.heappop(heap)
        out.append(by_id[rid])
        for nxt in after[rid]:
            indeg[nxt] -= 1
            if indeg[nxt] == 0:
                heapq.heappush(heap, (key(nxt), nxt))
    return out


#: the preference fields that refuse resources, in the order reasons name them
FILTERS = ("kinds", "delivery", "languages", "exclude")


def why_uncovered(
    uncovered: Sequence[str],
    have: Iterable[str],
    catalogue: Catalogue,
    preferences: Preferences,
) -> tuple[list[str], dict[str, list[str]], list[str]]:
    """Why each of ``uncovered`` (needed skills no chain of acceptable resources reaches
    from ``have``) is out of reach.

    Returns:
        The skills no resource of the catalogue teaches; the skills some chain of
        resources would reach but the preferences refuse one on every such chain, each
        with the preference fields (``kinds``, ``delivery``, ``languages``, ``exclude``)
        that refuse it (those whose lifting alone reaches it, else every active one that
        refuses a resource teaching it or a prerequisite); the skills whose resources ask
        prerequisites no resource can give, preferences aside.
    """
    from .planning import Preferences

    held = set(have)
    teachers = catalogue.lookup.teachers
    untaught = [s for s in uncovered if not teachers.get(s)]
    rest = [s for s in uncovered if teachers.get(s)]
    if not rest:
        return untaught, {}, []
    free = _reachable(catalogue, Preferences(), held, rest)
    unmet = [s for s in rest if s not in free]
    blocked = [s for s in rest if s in free]
    active = [f for f in FILTERS if getattr(preferences, f)]
    lifted = {
        f: _reachable(catalogue, preferences.model_copy(update={f: frozenset()}), held, blocked)
        for f in active
    }
    filtered: dict[str, list[str]] = {}
    for s in blocked:
        alone = [f for f in active if s in lifted[f]]
        filtered[s] = alone or [f for f in active if _refuses(catalogue, preferences, f, s, held)]
    return untaught, filtered, unmet


def _refuses(
    catalogue: Catalogue, preferences: Preferences, field: str, skill: str, have: set[str]
) -> bool:
    """Whether preference ``field`` alone refuses a resource teaching ``skill`` or,
    transitively, a prerequisite of one."""
    only = type(preferences)(**{field: getattr(preferences, field)})
    lk = catalogue.lookup
    frontier, asked = {skill}, {skill}
    while frontier:
        nxt: set[str] = set()
        for s in frontier:
            for i in lk.teachers.get(s, ()):
                if not only.accepts(catalogue.resources[i]):
                    return True
                new = {p for p in lk.requires[i] if p not in have and p not in asked}
                asked |= new
                nxt |= new
        frontier = nxt
    return False
