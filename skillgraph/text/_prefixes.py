"""Variant words: first words a taxonomy adds to its titles without naming another node.

A taxonomy often lists a title twice for one node, with and without a first word: ESCO
v1.1.1 gives 256 of its 3,007 occupations a "senior ..." title next to the same title
without it ("senior quality engineer" / "quality engineer"); O*NET 29.3 gives "Commercial
Pilot" / "Pilot". Such an optional first word (`optional_first_words`) says that the node
goes by the title at that level or in that variant. When most nodes of a type use a word
so (`variant_words`: at least `OPTIONAL_NODE_SHARE` of them, and in at least
`OPTIONAL_USE_SHARE` of the titles the word begins), holding it in some title is no
evidence for one node over another that lists no such variants.

Title matching (`skillgraph.text._titles`) therefore reads a query's variant words in each
title's own score (the word and 3-gram cosine of the best title: "senior account manager"
is still that title) but not in the scores that pool the words of all a node's titles (its
bag of title words, the owner model) nor in the re-ranker's features and the description
score. Before, "Senior Software Engineer" went to quality engineer on ESCO: its "senior
quality engineer" lent the pooled scores "senior" and its "software quality engineer"
"software", against software developer's one "software engineer".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ._index import TextIndex

__all__ = [
    "OPTIONAL_NODE_SHARE",
    "OPTIONAL_USE_SHARE",
    "optional_first_words",
    "variant_words",
]

#: a first word is a variant word of a node type when at least this share of the nodes of
#: that type hold it as an optional first word (ESCO v1.1.1 occupations: "senior" 8.5%,
#: "assistant" 5.8%, "trainee" 5.7%, "graduate" 5.5%; O*NET 29.3 roles: "field" 6.0%,
#: "commercial" 5.7%, "certified" 6.2%) ...
OPTIONAL_NODE_SHARE = 0.05
#: ... and it is optional in at least this share of the titles it begins
OPTIONAL_USE_SHARE = 0.5
#: fields that are titles of their own (labels, alt and hidden labels; not variants)
_TITLE_FIELDS = 2


def optional_first_words(ix: TextIndex) -> np.ndarray:
    """Per entry, the stem column of its first word when that word is optional (the rest
    of the entry, up to plurals, is another title of the same node), else -1."""
    from ._index import _hash_words, _title_keys  # the title keys of `same_title`

    out = np.full(len(ix.entry_text), -1, dtype=np.int64)
    if not len(ix.entry_text):
        return out
    _, word_sing, order, sorted_keys = _title_keys(ix.words, ix.flat_words, ix.word_ends)
    counts = np.diff(ix.word_ends, prepend=0)
    starts = ix.word_ends - counts
    keys = np.zeros(len(ix.entry_text), dtype=np.uint64)
    keys[order] = sorted_keys
    long = np.flatnonzero((counts >= 2) & (ix.entry_field <= _TITLE_FIELDS))
    if not len(long):
        return out
    seq = word_sing[ix.flat_words]
    rest_counts = counts[long] - 1
    rest_starts = np.concatenate(([0], np.cumsum(rest_counts)[:-1]))
    # the words of each long entry but its first
    pick = np.repeat(starts[long] + 1, rest_counts) + (
        np.arange(int(rest_counts.sum())) - np.repeat(rest_starts, rest_counts)
    )
    rest = _hash_words(seq[pick], rest_starts, rest_counts)
    titled = np.flatnonzero((counts > 0) & (ix.entry_field <= _TITLE_FIELDS))
    mix = np.uint64(0x9E3779B97F4A7C15)
    with np.errstate(over="ignore"):
        have = set((keys[titled] ^ (ix.entry_node[titled].astype(np.uint64) * mix)).tolist())
        asked = rest ^ (ix.entry_node[long].astype(np.uint64) * mix)
    hit = np.fromiter((k in have for k in asked.tolist()), dtype=bool, count=len(asked))
    entries = long[hit]
    first = ix.word_stem[ix.flat_words[starts[entries]]]
    # only a content word of the entry (a stop word is no column of W)
    held = np.asarray(ix.W[entries, first]).ravel() != 0 if len(entries) else np.zeros(0, bool)
    out[entries[held]] = first[held]
    return out


def variant_words(ix: TextIndex) -> dict[int, frozenset[int]]:
    """Per node type code, the stem columns of its variant words: first words that at
    least `OPTIONAL_NODE_SHARE` of its nodes hold as optional first words
    (`optional_first_words`) and that are optional in at least `OPTIONAL_USE_SHARE` of
    the titles (of two words or more) they begin."""
    first = optional_first_words(ix)
    counts = np.diff(ix.word_ends, prepend=0)
    starts = ix.word_ends - counts
    begun = np.flatnonzero((counts >= 2) & (ix.entry_field <= _TITLE_FIELDS))
    out: dict[int, frozenset[int]] = {}
    n_stems = max(1, len(ix.vocab))
    for code in np.unique(ix.node_type).tolist():
        of_type = ix.node_type[ix.entry_node] == code
        lead = np.bincount(
            ix.word_stem[ix.flat_words[starts[begun[of_type[begun]]]]], minlength=n_stems
        )
        opt = np.flatnonzero((first >= 0) & of_type)
        used = np.bincount(first[opt], minlength=n_stems)
        pairs = np.unique(ix.entry_node[opt] * n_stems + first[opt])
        holders = np.bincount(pairs % n_stems, minlength=n_stems)
        n_nodes = int((ix.node_type == code).sum())
        keep = (
            (holders > 0)
            & (holders >= OPTIONAL_NODE_SHARE * n_nodes)
            & (used >= OPTIONAL_USE_SHARE * np.maximum(lead, 1))
        )
        out[int(code)] = frozenset(np.flatnonzero(keep).tolist())
    return out
