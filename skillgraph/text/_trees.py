"""Boosted regression trees over the order model's features: its non-linear part.

The order model of `skillgraph.text._rerank` scores each candidate role by a linear score
over `skillgraph.text._rerank.ORDER_FEATURES` plus the sum of the leaves of these trees
(each a full binary tree of ``depth`` levels: a candidate goes right at a node when its
feature is at least the node's threshold). The trees see what a linear score cannot (a
feature that matters only when another is high, a threshold): they were fitted by
``benchmarks/fit_rerank.py --trees`` (gradient boosting of the pairwise logistic loss of
the held-out title's own role against each other candidate, the pairs weighted up when
they lie on both sides of the fifth place, on top of the linear score) on tuning seeds of
O*NET 29.3 alternate titles and ESCO v1.1.1 occupation alt labels, and ship as plain
numbers in ``order_trees.json`` beside this module: JSON (never pickle) with a format tag,
a version and the names of the features the trees were fitted over, all checked on
reading (`read_trees`), so a corrupt or foreign file is refused with the reason.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from ..errors import FormatError

__all__ = [
    "TREES_FILE",
    "TREES_FORMAT",
    "TREES_VERSION",
    "Trees",
    "boost",
    "order_trees",
    "read_trees",
    "trees_document",
]

#: the fitted trees, beside this module (written by ``benchmarks/fit_rerank.py --trees``)
TREES_FILE = Path(__file__).with_name("order_trees.json")
#: the ``format`` tag and ``version`` of a trees file (`read_trees`)
TREES_FORMAT, TREES_VERSION = "skillgraph-order-trees", 1


@dataclass(frozen=True)
class Trees:
    """``T`` full binary trees of ``depth`` levels, nodes in breadth-first order.

    ``feature`` / ``threshold`` (``T x (2**depth - 1)``): the feature column a node splits
    on and its threshold (infinite: no split, every candidate goes left); ``leaf``
    (``T x 2**depth``): the value each leaf adds to the score."""

    depth: int
    feature: np.ndarray
    threshold: np.ndarray
    leaf: np.ndarray

    def predict(self, x: np.ndarray) -> np.ndarray:
        """The trees' sum for each row of ``x`` (candidates x features)."""
        n_trees = len(self.leaf)
        if not n_trees or not len(x):
            return np.zeros(len(x))
        trees = np.arange(n_trees)
        node = np.zeros((len(x), n_trees), dtype=np.int64)
        for _ in range(self.depth):
            value = np.take_along_axis(x, self.feature[trees, node], axis=1)
            node = 2 * node + 1 + (value >= self.threshold[trees, node])
        total: np.ndarray = self.leaf[trees, node - len(self.feature[0])].sum(axis=1)
        return total

    def to_json(self) -> dict[str, object]:
        """The trees as JSON values (a node without a split: feature -1)."""
        split = np.isfinite(self.threshold)
        return {
            "depth": self.depth,
            "feature": np.where(split, self.feature, -1).tolist(),
            "threshold": np.where(split, self.threshold, 0.0).tolist(),
            "leaf": self.leaf.tolist(),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Trees:
        """The trees of `to_json`'s values.

        Raises:
            ValueError: the values do not describe trees of the stated depth.
        """
        depth = data["depth"]
        if not isinstance(depth, int) or depth < 1:
            raise ValueError(f"trees: depth must be a positive integer, not {depth!r}")
        feature = np.asarray(data["feature"], dtype=np.int64).reshape(-1, 2**depth - 1)
        threshold = np.asarray(data["threshold"], dtype=np.float64).reshape(feature.shape)
        leaf = np.asarray(data["leaf"], dtype=np.float64).reshape(len(feature), 2**depth)
        split = feature >= 0
        return cls(
            depth=depth,
            feature=np.where(split, feature, 0),
            threshold=np.where(split, threshold, np.inf),
            leaf=leaf,
        )


def trees_document(trees: Trees, features: Sequence[str]) -> dict[str, object]:
    """What a trees file holds (`read_trees`): the format tag, the version, the names of
    the ``features`` the trees were fitted over (in column order) and the trees."""
    return {
        "format": TREES_FORMAT,
        "version": TREES_VERSION,
        "features": list(features),
        **trees.to_json(),
    }


def read_trees(path: Path, features: Sequence[str]) -> Trees:
    """The trees of the file ``path`` (`trees_document`), checked against the order
    model's ``features``.

    Raises:
        FormatError: the file cannot be read, is not JSON, is not a trees file of this
            version, was fitted over other features, or its numbers do not describe trees
            over them (a split on a missing feature, a value that is not finite).
    """
    source = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(f"cannot read the order model's trees: {exc}", source=source) from exc
    except json.JSONDecodeError as exc:
        raise FormatError(f"not JSON: {exc.msg}", source=source, line=exc.lineno) from exc
    if not isinstance(data, dict) or data.get("format") != TREES_FORMAT:
        raise FormatError(
            f"not the order model's trees: expected a JSON object with format {TREES_FORMAT!r}",
            source=source,
            column="format",
        )
    if data.get("version") != TREES_VERSION:
        raise FormatError(
            f"version {data.get('version')!r}, expected {TREES_VERSION}",
            source=source,
            column="version",
        )
    if data.get("features") != list(features):
        raise FormatError(
            "fitted over other features than this version's order model"
            f" ({len(features)}: {', '.join(features[:3])}, ...); refit with"
            " benchmarks/fit_rerank.py --trees",
            source=source,
            column="features",
        )
    try:
        trees = Trees.from_json(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise FormatError(f"not trees: {exc}", source=source) from exc
    split = np.isfinite(trees.threshold)
    if (trees.feature[split] >= len(features)).any() or (trees.feature < 0).any():
        raise FormatError(
            f"a split on a feature outside 0..{len(features) - 1}", source=source, column="feature"
        )
    if np.isnan(trees.threshold).any():
        raise FormatError("a threshold that is not a number", source=source, column="threshold")
    if not np.isfinite(trees.leaf).all():
        raise FormatError("a leaf value that is not finite", source=source, column="leaf")
    return trees


@cache
def order_trees(features: tuple[str, ...]) -> Trees:
    """The shipped trees of the order model (`TREES_FILE`) over ``features``, read once.

    Raises:
        FormatError: see `read_trees`.
    """
    return read_trees(TREES_FILE, features)


#: boosting (`boost`): tree depth, learning rate, L2 on the leaves, quantile bins of each
#: feature, and the weight of a pair that does not lie on both sides of the cut
TREE_DEPTH, TREE_RATE, TREE_L2, TREE_BINS, TREE_FLOOR = 4, 0.1, 20.0, 32, 0.05


def _pair_gradients(
    z: np.ndarray, group: np.ndarray, mine: np.ndarray, weight: np.ndarray, cut: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Gradient and hessian in each row's score ``z`` of the pairwise logistic loss of
    each group's own row (``mine``) against its other rows, a pair weighted by its
    group's ``weight`` and by 1 if the two lie on both sides of the group's ``cut`` (a
    place), else ``TREE_FLOOR``."""
    n = int(group.max()) + 1
    own_z = np.zeros(n)
    own_z[group[mine]] = z[mine]
    rank = np.empty(len(z), dtype=np.int64)
    by = np.lexsort((-z, group))
    starts = np.flatnonzero(np.r_[True, np.diff(group[by]) != 0])
    rank[by] = np.arange(len(z)) - np.repeat(starts, np.diff(np.r_[starts, len(z)]))
    own_rank = np.zeros(n, dtype=np.int64)
    own_rank[group[mine]] = rank[mine]
    across = (rank < cut[group]) != (own_rank[group] < cut[group])
    lam = np.where(across, 1.0, TREE_FLOOR) * weight[group]
    lam[mine] = 0.0
    p = 1.0 / (1.0 + np.exp(own_z[group] - z))
    grad, hess = p * lam, p * (1.0 - p) * lam
    grad[mine] = -np.bincount(group, weights=grad, minlength=n)[group[mine]]
    hess[mine] = np.bincount(group, weights=hess, minlength=n)[group[mine]]
    return grad, hess


def boost(
    x: np.ndarray,
    base: np.ndarray,
    group: np.ndarray,
    mine: np.ndarray,
    weight: np.ndarray,
    cut: np.ndarray,
    n_trees: int,
) -> Trees:
    """``n_trees`` trees fitted by gradient boosting on top of the scores ``base`` of the
    rows ``x`` (see `_pair_gradients` for the loss and the other arguments): each tree a
    Newton step, its splits chosen on ``TREE_BINS`` quantile bins of each feature."""
    edges = [np.unique(np.quantile(c, np.linspace(0, 1, TREE_BINS + 1)[1:-1])) for c in x.T]
    bins = np.vstack([np.searchsorted(e, c, side="right") for e, c in zip(edges, x.T, strict=True)])
    z = base.astype(np.float64)
    inner, leaves = 2**TREE_DEPTH - 1, 2**TREE_DEPTH
    feature = np.zeros((n_trees, inner), dtype=np.int64)
    threshold = np.full((n_trees, inner), np.inf)
    leaf = np.zeros((n_trees, leaves))
    rows = np.arange(len(x))
    for t in range(n_trees):
        grad, hess = _pair_gradients(z, group, mine, weight, cut)
        node = np.zeros(len(x), dtype=np.int64)
        for level in range(TREE_DEPTH):
            first, width = 2**level - 1, 2**level
            at = node - first
            g_all = np.bincount(at, weights=grad, minlength=width)[:, None]
            h_all = np.bincount(at, weights=hess, minlength=width)[:, None]
            unsplit = (g_all**2 / (h_all + TREE_L2)).ravel()
            best = np.full(width, 1e-12)
            for j, e in enumerate(edges):
                key = at * TREE_BINS + bins[j]
                size = width * TREE_BINS
                gl = np.cumsum(np.bincount(key, grad, size).reshape(width, -1), axis=1)
                hl = np.cumsum(np.bincount(key, hess, size).reshape(width, -1), axis=1)
                gain = gl**2 / (hl + TREE_L2) + (g_all - gl) ** 2 / (h_all - hl + TREE_L2)
                gain[(hl < 1e-4) | (h_all - hl < 1e-4)] = 0.0
                gain[:, len(e) :] = 0.0
                b = np.argmax(gain, axis=1)
                value = gain[np.arange(width), b] - unsplit
                better = np.flatnonzero(value > best)
                best[better] = value[better]
                feature[t, first + better] = j
                threshold[t, first + better] = e[b[better]]
            node = 2 * node + 1 + (x[rows, feature[t, node]] >= threshold[t, node])
        at = node - inner
        g_leaf = np.bincount(at, weights=grad, minlength=leaves)
        h_leaf = np.bincount(at, weights=hess, minlength=leaves)
        leaf[t] = -TREE_RATE * g_leaf / (h_leaf + TREE_L2)
        z += leaf[t, at]
    return Trees(depth=TREE_DEPTH, feature=feature, threshold=threshold, leaf=leaf)
