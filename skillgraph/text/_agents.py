"""Role nouns read as the activity they name: "forklift driver" drives a forklift, "team
leader" leads a team.

An agent noun (a word ending in -er, -or or -ier, of five letters or more) that ends its
phrase (the last word of a clause, or one a stop word or punctuation follows: not
"customer" of "customer service") stands for its verb too ("driver" -> "drive", "leader"
-> "lead", "operator" -> "operate", "cashier" -> "cash") when the verb starts a label of
a skill of the graph (ESCO writes its skills verb first: "drive forklift", "lead a
team"), is not a filler of CVs ("worker" is no "work") and has four letters or more
("user" is no "use"). Free-text matching lends the verb's stem to the noun as it lends a
synonym's (`skillgraph.text.match`): it completes a label the phrase names ("forklift"),
never names one alone, and the evidence says it was read from the role noun.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from .._access import cached
from ..model import NodeType
from ._accept import FILLER
from ._analyze import Token, stem, verb_stems
from ._index import TextIndex, text_index

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = ["agent_lends"]


@lru_cache(maxsize=1)
def _filler_stems() -> frozenset[str]:
    """The stems of the fillers of CVs ("work" of "worker")."""
    return frozenset(stem(w) for w in FILLER)


def _leading(g: SkillGraph) -> frozenset[int]:
    """The stem columns that start a label (or alt label) of a skill of ``g``."""
    ix = text_index(g)
    mask = ix.type_mask((NodeType.SKILL,))
    ends = ix.word_ends.astype(np.int64)
    counts = np.diff(ends, prepend=0)
    entries = np.flatnonzero(counts > 0)
    if mask is not None:
        entries = entries[mask[ix.entry_node[entries]]]
    first = ix.word_stem[ix.flat_words[(ends - counts)[entries]]]
    return frozenset(np.unique(first).tolist())


def agent_lends(
    g: SkillGraph, ix: TextIndex, text: str, toks: list[Token]
) -> list[tuple[int, int, str]]:
    """For the content words ``toks`` of a clause of ``text``: (position, verb stem column,
    evidence) of each agent noun that ends its phrase and stands for a verb starting a
    skill label of ``g`` (see the module docstring)."""
    out: list[tuple[int, int, str]] = []
    leading: frozenset[int] | None = None
    for i, t in enumerate(toks):
        stems = [s for s in verb_stems(t.word) if s not in _filler_stems()]
        if not stems:
            continue
        if i + 1 < len(toks) and not text[t.end : toks[i + 1].start].strip(" -"):
            continue  # a modifier: "customer service", "computer science"
        if leading is None:
            leading = cached(g, "text_agent_verbs", _leading)
        for s in stems:
            j = ix.vocab.get(s)
            if j is not None and j in leading and s != t.stem:
                verb = _written(ix, t.word, s)
                out.append((i, j, f"{t.word!r} read as {verb!r} (the activity of a role noun)"))
                break
    return out


def _written(ix: TextIndex, noun: str, verb: str) -> str:
    """How the labels write the verb of stem ``verb`` an agent noun stands for ("drive" of
    "driver"), for evidence."""
    base = noun[:-3] if noun.endswith("ier") else noun[:-2]
    for w in (base, base + "e", base + "y", base[:-1]):
        if w in ix.words and stem(w) == verb:
            return w
    return verb
