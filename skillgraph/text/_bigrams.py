"""Word bigrams of each node's titles: the re-ranker's "bigram share" feature.

A bigram is two content stems that follow each other in a title (stop words left out:
"head of nursing" gives ("head", "nurs")). `TitleBigrams` holds, for every distinct bigram
of the labels, alt labels and hidden labels of the index, how many titles of each node hold
it; built once per graph version from the index's word arrays (no per-title Python work),
so a query looks up its own few bigrams once instead of scanning its candidates' titles.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from .._store import cached
from ._analyze import STOP_WORDS

if TYPE_CHECKING:
    from ..graph import SkillGraph
    from ._index import TextIndex

__all__ = ["TitleBigrams", "build_bigrams", "title_bigrams"]

#: entry fields that are titles of their own (labels, alt and hidden labels; not variants)
_TITLE_FIELDS = 2


@dataclass(frozen=True)
class TitleBigrams:
    """Bigram keys (``first stem * n_stems + second stem``, sorted) and, per bigram and
    node, the number of the node's titles holding it."""

    keys: np.ndarray  # sorted distinct keys (int64)
    counts: sp.csr_matrix  # bigrams x nodes
    n_stems: int

    def rows(self, stems: Sequence[int | None]) -> tuple[np.ndarray, int]:
        """The rows of `counts` of the bigrams of consecutive ``stems`` (a title's content
        stem columns in order, None for a word the index does not know), and how many
        bigrams the title has (those with an unknown word or not in any title included)."""
        pairs = list(itertools.pairwise(stems))
        keys = [a * self.n_stems + b for a, b in pairs if a is not None and b is not None]
        if not keys:
            return np.zeros(0, dtype=np.int64), len(pairs)
        found = np.unique(np.asarray(keys, dtype=np.int64))
        at = np.searchsorted(self.keys, found)
        ok = at < len(self.keys)
        ok[ok] = self.keys[at[ok]] == found[ok]
        return at[ok], len(pairs)


def build_bigrams(ix: TextIndex) -> TitleBigrams:
    """The `TitleBigrams` of the titles of ``ix``."""
    n_entries, n_nodes, n_stems = len(ix.entry_text), len(ix.ids), max(1, len(ix.vocab))
    stop = np.zeros(len(ix.words), dtype=bool)
    for w, j in ix.words.items():
        stop[j] = w in STOP_WORDS
    per_entry = np.diff(ix.word_ends, prepend=0)
    entry_of = np.repeat(np.arange(n_entries), per_entry)
    keep = ~stop[ix.flat_words] & (ix.entry_field[entry_of] <= _TITLE_FIELDS)
    stems = ix.word_stem[ix.flat_words[keep]].astype(np.int64)
    entry = entry_of[keep]
    follows = entry[1:] == entry[:-1]
    key = stems[:-1][follows] * n_stems + stems[1:][follows]
    entry = entry[:-1][follows]
    # sorted by key, entries ascending within a key (a stable sort of entry order)
    order = np.argsort(key, kind="stable")
    key, entry = key[order], entry[order]
    new_key = np.ones(len(key), dtype=bool)
    new_key[1:] = key[1:] != key[:-1]
    # a title holding a bigram twice counts once
    keep = new_key.copy()
    keep[1:] |= entry[1:] != entry[:-1]
    column = np.cumsum(new_key) - 1
    counts = sp.csr_matrix(
        (np.ones(int(keep.sum())), (column[keep], ix.entry_node[entry[keep]])),
        shape=(int(new_key.sum()), n_nodes),
        dtype=np.float64,
    )
    counts.sum_duplicates()
    keys = key[new_key]
    return TitleBigrams(keys=keys.astype(np.int64), counts=counts, n_stems=n_stems)


def title_bigrams(g: SkillGraph) -> TitleBigrams:
    """The `TitleBigrams` of ``g``'s text index, built once per graph version."""
    from ._index import text_index

    return cached(g, "text_title_bigrams", lambda h: build_bigrams(text_index(h)))
