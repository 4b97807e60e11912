"""Which node owns an unseen title: a naive Bayes model over the words of each node's titles.

A node's labels, alt labels and hidden labels are read as samples of the titles it goes by.
An unseen title ``q`` then belongs to node ``n`` with

    P(n | q) ∝ P(n) · Π_w P(w | n)

over the content stems ``w`` of ``q``: ``P(n)`` is the share of all titles that are
``n``'s (a role known by 200 titles is likelier to own one more than a role known by 3),
``P(w | n)`` the share of ``n``'s titles holding ``w``, smoothed (Dirichlet, weight
`NODE_SMOOTHING`) toward the same share among the titles of ``n``'s group (the role's
cluster, e.g. its SOC minor group or ISCO unit group; a skill's first broader concept),
itself smoothed (`GROUP_SMOOTHING`) toward the share among all titles; a share `NOISE`
of each word is drawn from all titles (a query may hold words no title of its owner has).
The back-off lets the siblings of a node with few titles lend it their words
("... operator" in a group of machine operators) without letting them outrank it on its
own words. A catch-all role ("Production Workers, All Other", an ISCO "... not elsewhere
classified") holds the titles its group's other roles do not: its prior is raised by a
factor ``exp(CATCHALL_PRIOR)``, since the titles a taxonomy lists for it are only a sample
of the many it takes in.

`OwnerModel.log_posterior` gives ``log P(n | q)`` up to a constant; title matching adds a
small multiple of it (relative to the best node) to the lexical score.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from .._store import store_of
from ..model import Role

if TYPE_CHECKING:
    from ..graph import SkillGraph
    from ._index import TextIndex

__all__ = ["CATCHALL_PRIOR", "GROUP_SMOOTHING", "NODE_SMOOTHING", "OwnerModel", "owner_model"]

#: Dirichlet weight of the group's word shares in a node's word shares
NODE_SMOOTHING = 1.0
#: Dirichlet weight of the shares among all titles in a group's word shares
GROUP_SMOOTHING = 5.0
#: share of a query's words taken to be noise, drawn from all titles rather than the node's
#: ("RN, night shift": "night shift" names no title of registered nurses): a word that
#: none of a node's titles holds costs it at most about ``-log(NOISE)``
NOISE = 0.05
#: log of the factor by which a catch-all role's prior is raised (O*NET held-out titles,
#: tuning seed 7, all 5,937: acc@5 0.754 -> 0.758, acc@1 unchanged)
CATCHALL_PRIOR = 4.0
#: what the preferred label of a catch-all role says (folded, lower case)
_CATCHALL_MARKS = ("all other", "not elsewhere classified")
#: entry fields that are titles of their own (labels, alt and hidden labels; not variants)
_TITLE_FIELDS = 2


@dataclass(frozen=True)
class OwnerModel:
    """Title counts behind `log_posterior` (see the module docstring)."""

    counts: sp.csr_matrix  # stems x nodes: titles of the node holding the stem
    titles: np.ndarray  # titles per node
    group_counts: sp.csr_matrix  # stems x groups
    group_titles: np.ndarray  # titles per group
    group_of: np.ndarray  # group index of each node
    shares: np.ndarray  # share of all titles holding each stem (smoothed)
    catchall: np.ndarray  # whether each node is a catch-all role (bool)

    def log_posterior(self, cols: np.ndarray) -> np.ndarray:
        """``log P(node | title)`` up to a constant, for a title of the stem columns
        ``cols`` (distinct, known stems), for every node."""
        titles = self.titles
        out: np.ndarray = np.log(np.maximum(titles, 1.0)) + CATCHALL_PRIOR * self.catchall
        if not len(cols):
            return out
        node = self.counts[cols].toarray()
        group = (
            self.group_counts[cols].toarray() + GROUP_SMOOTHING * self.shares[cols][:, None]
        ) / (self.group_titles + GROUP_SMOOTHING)
        p = (node + NODE_SMOOTHING * group[:, self.group_of]) / (titles + NODE_SMOOTHING)
        if NOISE:
            p = (1.0 - NOISE) * p + NOISE * self.shares[cols][:, None]
        out += np.log(p).sum(axis=0)
        return out


def _group_keys(g: SkillGraph, ids: list[str]) -> list[str]:
    """The group of each node: a role's cluster, else its first broader concept ("" if none)."""
    broader_of = store_of(g).broader_of  # read from the store: no edge model per pair
    nodes = g.nodes
    out = []
    for nid in ids:
        node = nodes[nid]
        cluster = node.cluster if isinstance(node, Role) else None
        out.append(cluster or min(broader_of(nid), default=""))
    return out


def _catchall(g: SkillGraph, ids: list[str]) -> np.ndarray:
    """Whether each node is a catch-all role: its label says it holds the rest of its
    group (", All Other", "not elsewhere classified")."""
    nodes = g.nodes
    return np.array(
        [
            isinstance(nodes[nid], Role)
            and any(m in nodes[nid].label.lower() for m in _CATCHALL_MARKS)
            for nid in ids
        ],
        dtype=bool,
    )


def owner_model(ix: TextIndex, g: SkillGraph) -> OwnerModel:
    """The `OwnerModel` of the titles in ``ix`` (the index of ``g``)."""
    n_nodes, n_entries = len(ix.ids), len(ix.entry_text)
    entries = np.flatnonzero(ix.entry_field <= _TITLE_FIELDS)
    agg = sp.csr_matrix(
        (np.ones(len(entries)), (ix.entry_node[entries], entries)), shape=(n_nodes, n_entries)
    )
    w_bin = ix.W.copy()
    w_bin.data = np.ones_like(w_bin.data)
    counts = sp.csr_matrix(agg @ w_bin)  # nodes x stems
    titles = np.bincount(ix.entry_node[entries], minlength=n_nodes).astype(np.float64)
    keys = _group_keys(g, ix.ids)
    index: dict[str, int] = {}
    group_of = np.array([index.setdefault(k, len(index)) for k in keys], dtype=np.int64)
    to_group = sp.csr_matrix(
        (np.ones(n_nodes), (group_of, np.arange(n_nodes))), shape=(len(index), n_nodes)
    )
    group_counts = sp.csr_matrix(to_group @ counts)
    total = float(titles.sum())
    shares = (np.asarray(counts.sum(axis=0)).ravel() + 0.5) / (total + 1.0)
    return OwnerModel(
        counts=sp.csr_matrix(counts.T),
        titles=titles,
        group_counts=sp.csr_matrix(group_counts.T),
        group_titles=np.asarray(to_group @ titles).ravel(),
        group_of=group_of,
        shares=shares,
        catchall=_catchall(g, ix.ids),
    )
