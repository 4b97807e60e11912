"""Where each candidate role stands under each lexical source: features of the order model.

The title score (`skillgraph.text._titles`) mixes several sources into one number: the
word cosine of the best title, the character 3-grams, the BM25 bag of all a role's title
words, the description, the owner model. The order model (`skillgraph.text._rerank`) saw
the mix and a few of the parts as raw values; these features add where a candidate
stands among the other candidates under each part (its place, ``log(1 + rank)``, 0 for
the best), the parts it did not see, and what the query is like (its length, its words
the taxonomy does not know), so that the boosted trees of `skillgraph.text._trees` can
weigh a source by the kind of query. For a title of distinct stems ``S`` (idf weights
``w``) and candidates ``c`` (best first):

- ``word cosine``: the best word cosine (idf-weighted stems) of one of ``c``'s titles;
- ``bag score``: the BM25 score of the bag of all ``c``'s title words;
- ``best title recall``: the ``w``-share of ``S`` that ``c``'s best-scored title holds;
- ``score share``: ``c``'s lexical score over the best candidate's;
- one ``... rank`` per `RANKED` value (and for the word cosine and the bag score): the
  candidate's place among the candidates by it, highest first (ties: lexical order);
- ``query length``: the title's content words; ``unknown words``: those of them that
  no label of the taxonomy holds (the same for every candidate of a title).

Nothing here reads a held-out title: every count comes from the graph the index is built
from and from the title itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from ._index import BM25_K1

if TYPE_CHECKING:
    from ._index import TextIndex

__all__ = ["LEXRANK_FEATURES", "RANKED", "lexrank_features"]

#: values of the order model's other features whose ranks among the candidates are
#: features here (named as in `skillgraph.text._rerank.ORDER_FEATURES`)
RANKED = (
    "description",
    "owner",
    "log titles",
    "best title",
    "description coverage",
    "skill coverage",
)
#: the feature names, in the column order of `lexrank_features`
LEXRANK_FEATURES = (
    "word cosine",
    "word rank",
    "bag score",
    "bag rank",
    "best title recall",
    "score share",
    *(f"{name} rank" for name in RANKED),
    "query length",
    "unknown words",
)


def _ranks(values: np.ndarray) -> np.ndarray:
    """``log(1 + place)`` of each value among ``values``, highest first (ties: in order)."""
    by = np.lexsort((np.arange(len(values)), -values))
    place = np.empty(len(values))
    place[by] = np.arange(len(values))
    return np.log1p(place)


def lexrank_features(
    ix: TextIndex,
    cands: np.ndarray,
    score: np.ndarray,
    ranked: np.ndarray,
    entry_scores: np.ndarray,
    stems: np.ndarray,
    stem_weights: np.ndarray,
    order: Sequence[int | None],
) -> np.ndarray:
    """Candidates x `LEXRANK_FEATURES` of the node indices ``cands`` (best first by their
    lexical ``score``) for a title of the distinct stem columns ``stems`` (idf weights
    ``stem_weights``) and content words ``order`` (stem columns, None for unknown
    words); ``ranked`` holds the candidates' `RANKED` values (candidates x
    ``len(RANKED)``), ``entry_scores`` the label score of every index entry."""
    n = len(cands)
    out = np.zeros((n, len(LEXRANK_FEATURES)))
    if not n:
        return out
    lo = np.searchsorted(ix.entry_node, cands, side="left")
    hi = np.searchsorted(ix.entry_node, cands, side="right")
    if len(stems):
        entries = np.concatenate([np.arange(a, b) for a, b in zip(lo, hi, strict=True)])
        unit = stem_weights / np.linalg.norm(stem_weights)
        cos = unit @ ix.WnT[stems][:, entries].toarray()
        starts = np.concatenate([[0], np.cumsum(hi - lo)[:-1]])
        out[:, 0] = np.maximum.reduceat(cos, starts) if len(cos) else 0.0
        bag = ix.title_bm25()[stems][:, cands].T @ stem_weights
        out[:, 2] = np.asarray(bag).ravel() / (float(stem_weights.sum()) * (BM25_K1 + 1.0))
        total = float(stem_weights.sum())
        for i, (a, b) in enumerate(zip(lo.tolist(), hi.tolist(), strict=True)):
            e = a + int(np.argmax(entry_scores[a:b]))
            out[i, 4] = float(stem_weights[np.isin(stems, ix.stems_of(e))].sum()) / total
    out[:, 1] = _ranks(out[:, 0])
    out[:, 3] = _ranks(out[:, 2])
    out[:, 5] = score / max(float(score[0]), 1e-12)
    for j in range(len(RANKED)):
        out[:, 6 + j] = _ranks(ranked[:, j])
    out[:, -2] = len(order)
    out[:, -1] = sum(1 for s in order if s is None)
    return out
