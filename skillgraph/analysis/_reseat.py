"""Reseating senior roles with the juniors that have no other senior step.

The rejoining of ``skillgraph.analysis._rejoin`` works on whole communities: a community
that holds a senior step somewhere is left alone, even when some of its members have no
more senior role beside them. A common case: a senior role (a supervisor of several
trades) is the only more senior neighbour of many juniors, but Louvain puts it with other
senior roles (the managers), where it adds little.

In the graph's terms, a role ``u`` is **covered** when one of its edges links it to a
role of its own community whose known rank is 1 .. ``max_jump`` above ``u``'s (a senior
step, as in ``_rejoin``). Moving a role ``s`` from its community ``D`` to another
community ``C``:

- **gains** every uncovered role of ``C`` that has a senior step to ``s``, and ``s``
  itself when it is uncovered in ``D`` and would be covered in ``C``;
- **loses** every role of ``D`` whose only senior step inside ``D`` leads to ``s``, and
  ``s`` itself when it is covered in ``D`` and would not be in ``C``.

A move is **allowed** when it gains at least ``min_gain`` more roles than it loses,
``s``'s edge weight to ``C`` is at least ``min_share`` times its edge weight to the rest
of ``D`` (a role is not moved to a community it barely touches), and, with
``keep_juniors``, ``C`` holds at least as many of ``s``'s **juniors** (the roles an edge
links it to, ranked 1 .. ``max_jump`` below it) as ``D`` does: a senior role is not taken
from more of its juniors than it joins, even when those keep another step (no role loses
coverage then, but a ladder of one kind of work is split: on O*NET 29.3, without the rule,
a Job Zone 3 role left the Job Zone 2 roles of its own occupation group for juniors
elsewhere, docs/benchmarks.md).

``reseat`` moves, in rounds, every role with an allowed move to its best ``C`` (the
largest net gain, then the largest edge weight, then the lowest community number); in a
round, moves are taken by net gain (then weight, then node number) and a move is skipped
when its role's community or its target was touched by an earlier move of the round, so
the counted gains and losses hold when the move is made. Every move thus raises the
number of covered roles, and rounds repeat until none moves (at most ``max_rounds``). A
community emptied by a move disappears. Deterministic: no randomness.
"""

from __future__ import annotations

import numpy as np

from ..errors import InvalidValueError
from ._communities import Adjacency, renumber
from ._index import FloatArray, IntArray
from ._rejoin import BoolArray, checked_edges

__all__ = ["MIN_GAIN", "MIN_SHARE", "reseat"]

MIN_GAIN = 1
"""The net number of covered roles a move must add."""
MIN_SHARE = 0.25
"""A moved role's edge weight to its new community, at least, as a share of its weight to
the rest of its old one (chosen on tuning seeds 100-104, docs/benchmarks.md)."""
_ROUNDS = 50


def reseat(
    graph: Adjacency,
    labels: IntArray,
    ranks: IntArray,
    max_jump: int = 1,
    min_gain: int = MIN_GAIN,
    min_share: float = MIN_SHARE,
    max_rounds: int = _ROUNDS,
    keep_juniors: bool = True,
) -> IntArray:
    """``labels`` (node -> community number) after the moves of the module documentation,
    renumbered ``0 .. c-1`` in order of each community's first node.

    Raises:
        InvalidValueError: ``labels`` or ``ranks`` do not hold one entry per node, a label
            is negative, ``max_jump`` < 1, ``min_gain`` < 1 or ``min_share`` < 0.
    """
    n = graph.n
    labels, ranks, rows, cols, weights = checked_edges(graph, labels, ranks, max_jump)
    if min_gain < 1:
        raise InvalidValueError(f"min_gain must be >= 1 (got {min_gain})", field="min_gain")
    if not min_share >= 0:
        raise InvalidValueError(f"min_share must be >= 0 (got {min_share})", field="min_share")
    if n == 0:
        return labels
    ru, rv = ranks[rows], ranks[cols]
    up = (ru >= 0) & (rv >= 0) & (rv - ru >= 1) & (rv - ru <= max_jump)  # cols senior to rows
    u_up, s_up = rows[up], cols[up]
    # per entry: cols a junior of rows (ranked 1 .. max_jump below), when the rule is on
    junior = ((ru >= 0) & (rv >= 0) & (ru - rv >= 1) & (ru - rv <= max_jump)) & keep_juniors
    for _ in range(max_rounds):
        moved = _round(n, labels, (rows, cols, weights, junior), u_up, s_up, min_gain, min_share)
        if moved is None:
            break
        labels = moved
    return renumber(labels)


def _round(
    n: int,
    labels: IntArray,
    edges: tuple[IntArray, IntArray, FloatArray, BoolArray],
    u_up: IntArray,
    s_up: IntArray,
    min_gain: int,
    min_share: float,
) -> IntArray | None:
    """One round of moves (new labels), or None when no role moves. ``edges``: rows,
    cols, weights and whether cols is a junior of rows, per entry."""
    rows, cols, weights, junior = edges
    lu, ls = labels[u_up], labels[s_up]
    same = lu == ls
    inside = np.bincount(u_up[same], minlength=n)  # senior steps inside one's community
    covered = inside > 0
    # losses: juniors whose one inside step leads to s
    sole = same & (inside[u_up] == 1)
    loss = np.bincount(s_up[sole], minlength=n)
    # candidate moves (s, C): C the community of an uncovered junior stepping to s
    want = ~same & ~covered[u_up]
    cand_s, cand_c = s_up[want], lu[want]
    # s's own coverage in C: a senior step from s to a role of C
    own_s, own_c = u_up, ls  # u_up -> s_up: the junior u is "s" here, community of the senior
    c = int(labels.max()) + 1
    key = cand_s * c + cand_c
    keys, gain = np.unique(key, return_counts=True)
    if not len(keys):
        return None
    s, target = np.divmod(keys, c)
    covered_there = np.isin(keys, own_s * c + own_c)
    gain = gain + (~covered[s] & covered_there) - (covered[s] & ~covered_there) - loss[s]
    # edge weight from s to C
    link_key = rows * c + labels[cols]
    order = np.argsort(link_key, kind="stable")
    sorted_keys = link_key[order]
    cum = np.concatenate(([0.0], np.cumsum(weights[order])))
    juniors = np.concatenate(([0], np.cumsum(junior[order])))
    lo = np.searchsorted(sorted_keys, keys, side="left")
    hi = np.searchsorted(sorted_keys, keys, side="right")
    home_keys = s * c + labels[s]
    home_lo = np.searchsorted(sorted_keys, home_keys, side="left")
    home_hi = np.searchsorted(sorted_keys, home_keys, side="right")
    wt, hw = cum[hi] - cum[lo], cum[home_hi] - cum[home_lo]
    kept = juniors[hi] - juniors[lo] >= juniors[home_hi] - juniors[home_lo]
    good = (gain >= min_gain) & (wt >= min_share * hw) & kept
    if not good.any():
        return None
    s, target, gain, wt = s[good], target[good], gain[good], wt[good]
    best = np.lexsort((target, -wt, -gain, s))  # per s: best move first
    s, target, gain, wt = s[best], target[best], gain[best], wt[best]
    first = np.concatenate(([True], s[1:] != s[:-1]))
    s, target, gain, wt = s[first], target[first], gain[first], wt[first]
    out = labels.copy()
    touched = np.zeros(c, dtype=bool)
    moved = np.zeros(n, dtype=bool)
    for i in np.lexsort((s, -wt, -gain)).tolist():
        a, home, there = int(s[i]), int(labels[s[i]]), int(target[i])
        if touched[home] or touched[there] or moved[a]:
            continue
        out[a] = there
        moved[a] = True
        touched[home] = touched[there] = True
    return out
