"""Curated synonyms: everyday words a taxonomy's labels never use, so that they cannot be
learned from its labels (`skillgraph.text._synonyms`), read as the words its labels use.

Kept short on purpose: an entry is added only where the word is a plain synonym in the
English a CV is written in and no label of ESCO v1.1.1 or O*NET 29.3 holds it. A word
stands for its partner only as a learned synonym does in free-text matching
(`skillgraph.text.match`): it completes a label the clause names ("operated the till" is
"operate cash register"), never names one alone, and the evidence says it was curated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .._access import cached
from ..model import NodeType
from ._analyze import Token, stem, tokens
from ._index import TextIndex, text_index

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = ["CURATED", "curated_lends"]

#: word -> the runs of label words it stands for
CURATED: dict[str, tuple[str, ...]] = {
    # British English: the till is the cash register ("operated the till"); ESCO writes
    # "cash register" and "cash point" (its "operate cash point": "balance cash drawer at
    # the end of the shift ... use scanning equipment") only
    "till": ("cash register", "cash point"),
}

_BY_STEM = {stem(w): (w, p) for w, p in CURATED.items()}


def curated_lends(
    g: SkillGraph, ix: TextIndex, toks: list[Token]
) -> list[tuple[int, frozenset[int], str]]:
    """For the content words ``toks`` of a clause: (position, the partner's stem columns,
    evidence) of each curated word that no skill label of ``g`` holds itself (a graph
    that says "operate tills" is read as it says) and whose partner's stems the index
    holds."""
    out: list[tuple[int, frozenset[int], str]] = []
    for i, t in enumerate(toks):
        hit = _BY_STEM.get(t.stem)
        if hit is None:
            continue
        own = ix.vocab.get(t.stem)
        if own is not None and own in cached(g, "text_skill_stems", _skill_stems):
            continue
        for partner in hit[1]:
            cols = [ix.vocab.get(s.stem) for s in tokens(partner)]
            if cols and None not in cols:
                note = f"{t.word!r} read as {partner!r} (a curated synonym)"
                out.append((i, frozenset(c for c in cols if c is not None), note))
    return out


def _skill_stems(g: SkillGraph) -> frozenset[int]:
    """The stem columns of the words of the skills' labels of ``g``."""
    ix = text_index(g)
    ends = ix.word_ends.astype(np.int64)
    counts = np.diff(ends, prepend=0)
    entry_of = np.repeat(np.arange(len(ends)), counts)
    mask = ix.type_mask((NodeType.SKILL,))
    words = ix.flat_words if mask is None else ix.flat_words[mask[ix.entry_node[entry_of]]]
    return frozenset(np.unique(ix.word_stem[words]).tolist())
