"""Which one-word alt labels name their skill on their own.

ESCO gives many skills a one-word alt label that is a word of many other skills' labels:
"packing" is an alt label of "packaging engineering", and "pack" a word of a dozen
preferred labels ("pack goods", "pack fish"...); "merchandise" is an alt label of "sugar,
chocolate and sugar confectionery products". A text that says "packing" names none of
them in particular. Such an alt label (or hidden label) is *vague*: its one content word
is not in its skill's preferred label, and at least ``VAGUE_LABELS`` other skills' preferred
labels hold it. A vague label found in a text is not credited (it stays a "did you mean").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from .._store import cached
from ..model import NodeType
from ._index import TextIndex, text_index

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = ["VAGUE_LABELS", "Vague", "vague_entries"]

#: a one-word alt label whose word this many other skills' preferred labels hold is vague
VAGUE_LABELS = 3

#: per entry, how many other skills' preferred labels hold its word when it is vague (else 0)
Vague = np.ndarray


def _build(g: SkillGraph) -> Vague:
    ix = text_index(g)
    return vague_of(ix)


def vague_of(ix: TextIndex) -> Vague:
    """See the module docstring: per entry of ``ix``, the number of other skills whose
    preferred label holds its one content word when it is vague, else 0."""
    n_entries = len(ix.entry_text)
    out = np.zeros(n_entries, dtype=np.int64)
    if not n_entries:
        return out
    skill = ix.type_mask((NodeType.SKILL,))
    assert skill is not None
    preferred = (ix.entry_field == 0) & skill[ix.entry_node]
    binary = sp.csr_matrix(ix.W, copy=True)
    binary.data[:] = 1.0
    held = np.asarray(binary[np.flatnonzero(preferred)].sum(axis=0)).ravel()
    single = np.flatnonzero((ix.ntok == 1) & (ix.entry_field != 0) & skill[ix.entry_node])
    if not len(single):
        return out
    stem = binary.indices[binary.indptr[single]]
    own_entry = np.searchsorted(ix.entry_node, ix.entry_node[single], side="left")
    own = np.asarray(binary[own_entry, stem]).ravel() > 0
    others = held[stem].astype(np.int64)
    vague = ~own & (others >= VAGUE_LABELS)
    out[single[vague]] = others[vague]
    return out


def vague_entries(g: SkillGraph) -> Vague:
    """`vague_of` the graph's text index, built once per graph version."""
    return cached(g, "text_vague_entries", _build)
