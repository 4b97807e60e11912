"""Job titles to roles with the embedding extra: ``match_roles(title, method="hybrid")``.

The lexical re-ranker (`skillgraph.text._rerank`) orders the 40 best lexical candidates by
what the taxonomy's words say. A held-out title that shares no word with its role's other
titles, or holds a word the index does not know, is out of its reach; the bundled static
embedding model (`skillgraph.text._embed`) places such a title by its meaning. Used here:

- **candidates**: the ``RERANK_CANDIDATES`` best lexical candidates, then the
  ``EMBED_CANDIDATES`` roles nearest by embedding (their best title's cosine) that are not
  among them, in lexical order;
- **features**: the lexical order model's (`skillgraph.text._rerank.ORDER_FEATURES`,
  computed as the lexical re-ranker computes them) and `SEMANTIC_FEATURES`: the cosine of
  the title with the candidate's best title, the mean of its titles' cosines and of its
  three best, with the mean of its title vectors (its centroid) and with its description;
  its best cosine less the best candidate's; its place among the candidates and among all
  roles by the best cosine; whether it came in by embedding only;
- **model**: the lexical order model's score (linear weights and boosted trees) plus
  linear weights of the embedding features (`SEMANTIC_WEIGHTS`) and the boosted trees of
  ``semantic_trees.json`` beside this module (fitted on top of both by
  ``benchmarks/fit_semantic.py`` on tuning seeds; the same checked format as
  ``order_trees.json``, `skillgraph.text._trees.read_trees`; as shipped it holds no
  trees, the weights alone were fitted).

Roles holding the title verbatim stay first (lexical order); the first place is the
lexical re-ranker's first model's choice (`FIRST_LEXICAL`); the other candidates follow by
the model, then every other role by the hybrid score (``match_nodes``' lexical score mixed
with the embedding cosine). Without the extra nothing here runs: asking for the model
raises `skillgraph.errors.OptionalDependencyError` first.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .._store import cached
from ._rerank import (
    FEATURES,
    ORDER_FEATURES,
    ORDER_LEXRANK,
    ORDER_WEIGHTS,
    PROMOTION_MARGIN,
    PROMOTION_TOP,
    RERANK_CANDIDATES,
    RERANK_WINDOW,
    WEIGHTS,
    TitleWords,
    features,
    order_features,
)
from ._trees import Trees, order_trees, read_trees

if TYPE_CHECKING:
    from ..graph import SkillGraph
    from ._index import TextIndex

__all__ = [
    "EMBED_CANDIDATES",
    "SEMANTIC_FEATURES",
    "SEMANTIC_MODEL_FEATURES",
    "SEMANTIC_TREES_FILE",
    "SEMANTIC_WEIGHTS",
    "semantic_candidates",
    "semantic_order",
    "semantic_scores",
    "semantic_trees",
]

#: roles nearest by embedding added to the lexical candidates (when not among them)
EMBED_CANDIDATES = 10
#: the embedding features, in column order after `ORDER_FEATURES`
SEMANTIC_FEATURES = (
    "embedding best title",
    "embedding mean title",
    "embedding top 3",
    "embedding centroid",
    "embedding description",
    "embedding to best",
    "embedding rank",
    "embedding global rank",
    "embedding only",
)
#: the linear weights of `SEMANTIC_FEATURES` on top of the lexical order model's score,
#: printed by ``python benchmarks/fit_semantic.py --seed 186 --eval-seed 190 --queries
#: 1000`` (the trees, fitted on top of both, are none: no tree fit was affordable on the
#: machine of the session; see ``benchmarks/KEEP_RULE_emb-rerank16.md``)
SEMANTIC_WEIGHTS = np.array(
    [-0.4481, -2.92, -0.7213, 3.104, 1.824, -0.4481, -0.1133, -0.298, 1.007]
)
#: whether the first place is the lexical re-ranker's first model's choice (of the 5
#: lexical best), the semantic model ordering the places below it; else the semantic
#: model orders every candidate
FIRST_LEXICAL = True
#: every feature the semantic trees read
SEMANTIC_MODEL_FEATURES = (*ORDER_FEATURES, *SEMANTIC_FEATURES)
#: the fitted trees, beside this module (written by ``benchmarks/fit_semantic.py``)
SEMANTIC_TREES_FILE = Path(__file__).with_name("semantic_trees.json")


@cache
def semantic_trees() -> Trees:
    """The shipped semantic trees (`SEMANTIC_TREES_FILE`), read and checked once.

    Raises:
        FormatError: see `skillgraph.text._trees.read_trees`.
    """
    return read_trees(SEMANTIC_TREES_FILE, SEMANTIC_MODEL_FEATURES)


def _node_vectors(g: SkillGraph) -> tuple[np.ndarray, np.ndarray]:
    """Per index node: the l2-normalised mean of its entries' vectors (its centroid) and
    its description's vector (zeros without one)."""
    from ._embed import embedder, entry_vectors
    from ._index import text_index

    ix = text_index(g)
    vectors = entry_vectors(g)
    sums = np.zeros((len(ix.ids), vectors.shape[1]), dtype=np.float64)
    np.add.at(sums, ix.entry_node, vectors)
    norms = np.linalg.norm(sums, axis=1)
    norms[norms == 0] = 1.0
    centroid = (sums / norms[:, None]).astype(np.float32)
    nodes = g.nodes
    texts = [nodes[nid].description or "" for nid in ix.ids]
    have = [i for i, t in enumerate(texts) if t.strip()]
    desc = np.zeros_like(centroid)
    if have:
        desc[have] = embedder()([texts[i] for i in have])
    return centroid, desc


def node_vectors(g: SkillGraph) -> tuple[np.ndarray, np.ndarray]:
    """See `_node_vectors` (cached per graph version).

    Raises:
        OptionalDependencyError: the ``embeddings`` extra is not installed.
    """
    return cached(g, "text_semantic_nodes", _node_vectors)


def semantic_scores(
    g: SkillGraph, ix: TextIndex, query: np.ndarray, mask: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """The cosine of the title's vector ``query`` with every index entry (0 off ``mask``)
    and each node's best.

    Raises:
        OptionalDependencyError: the ``embeddings`` extra is not installed.
    """
    from ._embed import entry_vectors

    best = np.zeros(len(ix.ids))
    if mask is None:
        es = np.clip(entry_vectors(g) @ query, 0.0, 1.0).astype(np.float64)
        np.maximum.at(best, ix.entry_node, es)
        return es, best
    rows, vectors = _masked_vectors(g, ix, mask)
    es = np.zeros(len(ix.entry_text))
    if len(rows):
        es[rows] = np.clip(vectors @ query, 0.0, 1.0)
        nodes = ix.entry_node[rows]
        starts = np.flatnonzero(np.r_[True, nodes[1:] != nodes[:-1]])
        best[nodes[starts]] = np.maximum.reduceat(es[rows], starts)
    return es, best


def _masked_vectors(
    g: SkillGraph, ix: TextIndex, mask: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The entries of the nodes of ``mask`` (ascending) and their vectors, kept per graph
    version and mask (a query of roles multiplies the role titles' vectors only)."""
    from ._embed import entry_vectors

    kept: dict[bytes, tuple[np.ndarray, np.ndarray]] = cached(
        g, "text_embeddings_masked", lambda _: {}
    )
    key = np.packbits(mask).tobytes()
    found = kept.get(key)
    if found is None:
        rows = np.flatnonzero(mask[ix.entry_node])
        found = kept.setdefault(key, (rows, np.ascontiguousarray(entry_vectors(g)[rows])))
    return found


def semantic_candidates(
    g: SkillGraph,
    ix: TextIndex,
    query: np.ndarray,
    lexical: np.ndarray,
    description: np.ndarray,
    entry_scores: np.ndarray,
    stems: np.ndarray,
    stem_weights: np.ndarray,
    title: TitleWords,
    es: np.ndarray,
    emb_best: np.ndarray,
    mask: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray]:
    """The candidates (node indices, see the module docstring) and their features
    (candidates x `SEMANTIC_MODEL_FEATURES`); ``lexical`` is the lexical title score with
    the description's part (``description``) added, the rest as for
    `skillgraph.text._rerank.features`, ``es`` / ``emb_best`` from `semantic_scores`.

    Raises:
        OptionalDependencyError: the ``embeddings`` extra is not installed.
    """
    order = np.lexsort((np.arange(len(lexical)), -lexical))
    order = order[lexical[order] > 0.0]
    cands = order[:RERANK_CANDIDATES]
    near = np.lexsort((np.arange(len(emb_best)), -emb_best))
    if mask is not None:
        near = near[mask[near]]
    near = near[emb_best[near] > 0.0]
    extra = near[~np.isin(near, cands)][:EMBED_CANDIDATES]
    extra = extra[np.lexsort((extra, -lexical[extra]))]
    added = len(extra)
    cands = np.concatenate([cands, extra]).astype(np.int64)
    if not len(cands):
        return cands, np.zeros((0, len(SEMANTIC_MODEL_FEATURES)))
    f = features(
        g, ix, cands, lexical[cands], description[cands], entry_scores, stems, stem_weights, title
    )
    x = order_features(g, ix, cands, f, entry_scores, stems, stem_weights, title, ORDER_LEXRANK)
    return cands, np.hstack([x, _semantic_features(g, ix, query, cands, es, emb_best, added)])


def _semantic_features(
    g: SkillGraph,
    ix: TextIndex,
    query: np.ndarray,
    cands: np.ndarray,
    es: np.ndarray,
    emb_best: np.ndarray,
    added: int,
) -> np.ndarray:
    """Candidates x `SEMANTIC_FEATURES` (the last ``added`` came in by embedding only)."""
    n = len(cands)
    out = np.zeros((n, len(SEMANTIC_FEATURES)))
    lo = np.searchsorted(ix.entry_node, cands, side="left")
    hi = np.searchsorted(ix.entry_node, cands, side="right")
    for i, (a, b) in enumerate(zip(lo.tolist(), hi.tolist(), strict=True)):
        if b > a:
            s = np.sort(es[a:b])[::-1]
            out[i, 1] = float(s.mean())
            out[i, 2] = float(s[:3].mean())
    centroid, desc = node_vectors(g)
    out[:, 0] = emb_best[cands]
    out[:, 3] = centroid[cands] @ query
    out[:, 4] = desc[cands] @ query
    out[:, 5] = out[:, 0] - out[:, 0].max()
    rank = np.empty(n)
    rank[np.lexsort((np.arange(n), -out[:, 0]))] = np.arange(n)
    out[:, 6] = np.log1p(rank)
    out[:, 7] = np.log1p((emb_best[None, :] > out[:, 0][:, None]).sum(axis=1))
    if added:
        out[n - added :, 8] = 1.0
    return out


def _lexical_first(cands: np.ndarray, x: np.ndarray, pin: np.ndarray) -> int:
    """The candidate (index) the lexical re-ranker's first model puts first: of the
    lexical ``RERANK_WINDOW`` best, a verbatim holder, else the best by its weights."""
    window = min(RERANK_WINDOW, len(cands))
    if int((~pin[:window]).sum()) < 2:
        return 0
    z = x[:window, : len(FEATURES)] @ WEIGHTS
    z[:PROMOTION_TOP] += PROMOTION_MARGIN
    return int(np.lexsort((np.arange(window), np.where(pin[:window], 0.0, -z), ~pin[:window]))[0])


def semantic_order(
    cands: np.ndarray, x: np.ndarray, title: TitleWords, hybrid: np.ndarray
) -> np.ndarray:
    """Every node index with a ``hybrid`` score above 0: the candidates holding the title
    verbatim (in candidate order; with ``FIRST_LEXICAL``, first the lexical first model's
    choice), the other candidates by the model (the lexical order model plus the
    semantic weights and trees over their features ``x``; ties: candidate order), then
    the rest by ``hybrid``."""
    order = np.lexsort((np.arange(len(hybrid)), -hybrid))
    order = order[hybrid[order] > 0.0]
    if len(cands) < 2:
        return order
    n_order = len(ORDER_FEATURES)
    z = x[:, :n_order] @ ORDER_WEIGHTS + order_trees(ORDER_FEATURES).predict(x[:, :n_order])
    z = z + x[:, n_order:] @ SEMANTIC_WEIGHTS + semantic_trees().predict(x)
    pin = np.array([n in title.verbatim for n in cands.tolist()], dtype=bool)
    key = np.lexsort((np.arange(len(cands)), np.where(pin, 0.0, -z), ~pin))
    if FIRST_LEXICAL:
        first = _lexical_first(cands, x, pin)
        key = np.concatenate([[first], key[key != first]])
    head = cands[key]
    rest = order[~np.isin(order, head)]
    return np.concatenate([head, rest]).astype(order.dtype)
