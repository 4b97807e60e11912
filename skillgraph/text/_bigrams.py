"""Word bigrams of a graph's titles: two features of the title re-ranker's order model.

A bigram is a pair of consecutive content words (stop words dropped, so "director of
sales" holds "director sales"), compared by their stems. `TitleBigrams` counts, for each
bigram, the titles (labels, alt and hidden labels) of each node holding it, once per graph
version; a query looks up its own bigrams once. For a title ``q`` of bigrams ``B`` and a
candidate node ``n``:

- ``bigram share``: the share of ``B`` held by some title of ``n``;
- ``bigram titles``: the share of ``n``'s titles holding each bigram of ``B``, averaged
  over ``B``.

Both are 0 for a title of fewer than two known content words in a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from .._store import cached
from ._analyze import STOP_WORDS

if TYPE_CHECKING:
    from ..graph import SkillGraph
    from ._index import TextIndex

__all__ = ["BIGRAM_FEATURES", "TitleBigrams", "bigram_features", "build_bigrams", "title_bigrams"]

#: the feature names, in the column order of `bigram_features`
BIGRAM_FEATURES = ("bigram share", "bigram titles")
#: entry fields that are titles of their own (labels, alt and hidden labels; not variants)
_TITLE_FIELDS = 2


@dataclass(frozen=True)
class TitleBigrams:
    """Bigram keys (sorted) and, per bigram, the titles of each node holding it."""

    keys: np.ndarray  # sorted distinct keys: first stem * n_stems + second stem
    counts: sp.csr_matrix  # bigrams x nodes: titles of the node holding the bigram
    titles: np.ndarray  # titles per node
    n_stems: int

    def rows(self, order: Sequence[int | None]) -> tuple[np.ndarray, int]:
        """The rows of the distinct bigrams of the stem columns ``order`` (a title's content
        words in order, None for a word the index does not know) that some title holds,
        and how many distinct bigrams of known words ``order`` has."""
        pairs = {
            a * self.n_stems + b for a, b in pairwise(order) if a is not None and b is not None
        }
        if not pairs:
            return np.zeros(0, dtype=np.int64), 0
        wanted = np.array(sorted(pairs), dtype=np.int64)
        at = np.searchsorted(self.keys, wanted)
        at = np.minimum(at, max(len(self.keys) - 1, 0))
        found = at[self.keys[at] == wanted] if len(self.keys) else at[:0]
        return found.astype(np.int64), len(pairs)


def build_bigrams(ix: TextIndex) -> TitleBigrams:
    """The `TitleBigrams` of the titles in ``ix``."""
    n_nodes, n_stems = len(ix.ids), max(1, len(ix.vocab))
    per_entry = np.diff(ix.word_ends, prepend=0)
    entry = np.repeat(np.arange(len(per_entry)), per_entry)
    stop = np.fromiter((w in STOP_WORDS for w in ix.words), dtype=bool, count=len(ix.words))
    keep = ~stop[ix.flat_words] & (ix.entry_field[entry] <= _TITLE_FIELDS)
    stems = ix.word_stem[ix.flat_words[keep]].astype(np.int64)
    entry = entry[keep]
    follows = entry[1:] == entry[:-1]  # consecutive content words of one entry
    keys = stems[:-1][follows] * n_stems + stems[1:][follows]
    of = entry[:-1][follows]
    # once per title: the distinct (entry, key) pairs, then counted per (key, node)
    order = np.lexsort((keys, of))
    keys, of = keys[order], of[order]
    first = np.ones(len(keys), dtype=bool)
    first[1:] = (keys[1:] != keys[:-1]) | (of[1:] != of[:-1])
    distinct, row = np.unique(keys[first], return_inverse=True)
    counts = sp.csr_matrix(
        (np.ones(len(row)), (row.ravel(), ix.entry_node[of[first]])),
        shape=(len(distinct), n_nodes),
    )
    counts.sum_duplicates()
    titled = np.flatnonzero(ix.entry_field <= _TITLE_FIELDS)
    titles = np.bincount(ix.entry_node[titled], minlength=n_nodes).astype(np.float64)
    return TitleBigrams(keys=distinct, counts=counts, titles=titles, n_stems=n_stems)


def title_bigrams(g: SkillGraph) -> TitleBigrams:
    """The `TitleBigrams` of ``g``'s match index, built once per graph version."""
    from ._index import text_index

    return cached(g, "text_title_bigrams", lambda h: build_bigrams(text_index(h)))


def bigram_features(
    bigrams: TitleBigrams, order: Sequence[int | None], cands: np.ndarray
) -> np.ndarray:
    """Candidates x `BIGRAM_FEATURES` of the node indices ``cands`` for a title of the stem
    columns ``order`` (see the module docstring); every value is in [0, 1]."""
    out = np.zeros((len(cands), len(BIGRAM_FEATURES)))
    rows, total = bigrams.rows(order)
    if not len(rows) or not len(cands):
        return out
    held = bigrams.counts[rows][:, cands].toarray()  # bigrams x candidates
    out[:, 0] = (held > 0).sum(axis=0) / total
    titles = np.maximum(bigrams.titles[cands], 1.0)
    out[:, 1] = np.minimum(held / titles, 1.0).sum(axis=0) / total
    return out
