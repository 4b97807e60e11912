"""Query arguments and ranking shared by the analyses: similarity components and their
weights, result counts, top-k selection."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from ..errors import InvalidValueError

__all__ = ["COMPONENTS", "DEFAULT_WEIGHTS", "check_k", "check_weights", "spread_top_k", "top_k"]

COMPONENTS = ("ratings", "skills", "hierarchy", "latent", "text", "tools")
"""Similarity components, in reporting order."""
DEFAULT_WEIGHTS: Mapping[str, float] = {
    "ratings": 1.0,
    "skills": 1.0,
    "hierarchy": 0.25,
    "latent": 0.5,
    "text": 1.25,
    "tools": 0.25,
}
"""Default weight of each similarity component (see ``analysis._build``)."""


def check_k(k: int) -> None:
    """Refuse a negative result count.

    Raises:
        InvalidValueError: ``k`` is negative.
    """
    if k < 0:
        raise InvalidValueError(f"k must be >= 0 (got {k})", field="k")


def top_k(scores: npt.NDArray[np.float64], k: int) -> npt.NDArray[np.int64]:
    """Positions of the ``k`` highest scores, best first, ties by position (= by id)."""
    n = len(scores)
    if k <= 0 or n == 0:
        return np.zeros(0, dtype=np.int64)
    if k < n:
        part = np.argpartition(-scores, k - 1)[:k]
        # include every position tied with the k-th score, so ties resolve by id
        kth = scores[part].min()
        part = np.flatnonzero(scores >= kth)
    else:
        part = np.arange(n)
    order = np.lexsort((part, -scores[part]))
    out: npt.NDArray[np.int64] = part[order][:k].astype(np.int64)
    return out


def check_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """The full component weights: ``DEFAULT_WEIGHTS`` updated with ``weights``.

    Raises:
        InvalidValueError: a name is not a component, or a weight is not a finite number
            >= 0.
    """
    out = dict(DEFAULT_WEIGHTS)
    if weights is None:
        return out
    if not isinstance(weights, Mapping):
        raise InvalidValueError(
            f"weights must be a mapping of component name to weight (got {weights!r})",
            field="weights",
        )
    for name, value in weights.items():
        if name not in DEFAULT_WEIGHTS:
            raise InvalidValueError(
                f"weights: unknown similarity component {name!r} (expected one of "
                f"{', '.join(COMPONENTS)})",
                field="weights",
            )
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < 0
        ):
            raise InvalidValueError(
                f"weights[{name!r}] must be a finite number >= 0 (got {value!r})",
                field="weights",
            )
        out[name] = float(value)
    return out


def nearest_of(
    sims: npt.NDArray[np.float64], rows: npt.NDArray[np.int64], m: int
) -> list[tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]]:
    """Per row ``i`` of ``sims`` (similarities of role ``rows[i]`` to every role): its ``m``
    most similar other roles with a score > 0, best first, and their scores.

    ``sims`` is overwritten (each role's own entry set to -1). The same as `top_k` row by
    row, done for the whole block at once; rows whose ``m``-th score is tied are left to
    `top_k`.
    """
    k, n = sims.shape
    sims[np.arange(k), rows] = -1.0
    if m <= 0 or m >= n or k == 0:
        return [_nearest(sims[i], m) for i in range(k)]
    # the candidates of a row: its scores at or above the least of the maxima of m column
    # chunks (m scores at least that high: the m-th largest is among them), few of them
    starts = (np.arange(m, dtype=np.int64) * n) // m  # n > m: no chunk is empty
    bound = np.maximum.reduceat(sims, starts, axis=1).min(axis=1)
    ri, ci = np.nonzero(sims >= bound[:, None])  # row by row, columns ascending
    vals = sims[ri, ci]
    counts = np.bincount(ri, minlength=k)  # each at least m
    width = int(counts.max())
    padded = np.full((k, width), -np.inf)
    padded[ri, np.arange(len(ri)) - (np.cumsum(counts) - counts)[ri]] = vals
    kth = np.partition(padded, width - m, axis=1)[:, width - m]  # each row's m-th largest
    take = vals >= kth[ri]
    ri, ci, vals = ri[take], ci[take], vals[take]
    exact = np.bincount(ri, minlength=k) == m
    found = {i: _nearest(sims[i], m) for i in np.flatnonzero(~exact).tolist()}
    plain = np.flatnonzero(exact)
    # positions ascending per row; a stable sort by score keeps ties in position order
    sel = exact[ri]
    pos = ci[sel].reshape(len(plain), m).astype(np.int64)
    scores = vals[sel].reshape(len(plain), m)
    order = np.argsort(-scores, axis=1, kind="stable")
    pos = np.take_along_axis(pos, order, axis=1)
    scores = np.take_along_axis(scores, order, axis=1)
    for j, i in enumerate(plain.tolist()):
        keep = scores[j] > 0
        found[i] = (pos[j][keep], scores[j][keep])
    return [found[i] for i in range(k)]


def _nearest(
    scores: npt.NDArray[np.float64], m: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    best = top_k(scores, m)
    best = best[scores[best] > 0]
    return best, scores[best]


def spread_top_k(
    scores: npt.NDArray[np.float64],
    k: int,
    parents_ptr: npt.NDArray[np.int32] | npt.NDArray[np.int64],
    parents: npt.NDArray[np.int32] | npt.NDArray[np.int64],
    cap: int | npt.NDArray[np.int64],
    held: npt.NDArray[np.int64] | None = None,
) -> list[int]:
    """Positions of the ``k`` best positive ``scores``, best first (ties by position),
    taking a position only while each of its parents (CSR ``parents_ptr`` / ``parents``,
    position -> parent columns) holds fewer than its cap (``cap``: one for every parent, or
    one per parent) of the positions taken and those it ``held`` before (per parent; none
    if None); the positions passed over follow, in score order, when fewer than ``k`` are
    left."""
    if k == 0:
        return []
    positive = np.flatnonzero(scores > 0)
    order = positive[np.lexsort((positive, -scores[positive]))]
    n_parents = int(parents.max()) + 1 if len(parents) else 0
    taken = np.zeros(n_parents, dtype=np.int64)
    if held is not None:
        taken += held[:n_parents]
    caps = np.asarray(cap, dtype=np.int64)
    limit = np.broadcast_to(caps, (n_parents,)) if caps.ndim == 0 else caps[:n_parents]
    out: list[int] = []
    later: list[int] = []
    for j in order.tolist():
        mine = parents[parents_ptr[j] : parents_ptr[j + 1]]
        if len(mine) and (taken[mine] >= limit[mine]).any():
            later.append(j)
            continue
        taken[mine] += 1
        out.append(j)
        if len(out) == k:
            return out
    return (out + later)[:k]
