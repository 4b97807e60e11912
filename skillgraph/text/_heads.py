"""Job titles as head nouns and modifiers, and the nearest title pair of two roles.

A title's **heads** are the last content word of each of its coordinated noun phrases
before the first preposition (``of``, ``for``, ``in``, ``except`` ...): ``"shop
assistant"`` -> head ``assistant``, modifier ``shop``; ``"First-Line Supervisors of
Retail Sales Workers"`` -> head ``supervisors``, the rest modifiers; ``"waiter/waitress"``
-> heads ``waiter`` and ``waitress``. O*NET's inverted titles put modifiers after a comma:
in a title whose first head is plural, a later phrase that does not end in a plural is a
modifier (``"Bus Drivers, School"``, ``"Packers and Packagers, Hand"``, ``"Laborers and
Freight, Stock, and Material Movers, Hand"``); ``"Helpers--Carpenters"`` is headed by
``helpers``; what follows ``except`` is left out (``"Architects, Except Landscape and
Naval"`` has no modifier), as are words in parentheses (O*NET spells out abbreviations
there, and lists the short form as a title of its own).

A title is a vector of its stems, each weighted by its idf over all titles of both graphs
times `HEAD_WEIGHT` for a head (`RANK_WEIGHT` for a grade word such as ``senior``); two
titles compare by cosine, times `MODIFIER_CONFLICT` when both have modifiers, share a
head and no modifier: a ``"shop assistant"`` and a ``"teaching assistant"`` are two
kinds of assistant. Two roles compare by their nearest pair of titles, a title counting
`LABEL_WEIGHT`, `ALT_WEIGHT` or `HIDDEN_WEIGHT` as it is the role's preferred label, an
alt label or a hidden label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from ._analyze import STOP_WORDS, fold, stem, words

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = ["title_scores", "title_terms"]

#: weight of a head noun against a modifier (times idf)
HEAD_WEIGHT = 2.0
#: weight of a grade word (senior, trainee ...) against a modifier: it names no kind
RANK_WEIGHT = 0.3
#: factor of a title pair sharing a head, both with modifiers, none shared
MODIFIER_CONFLICT = 0.5
#: weight of a role's title by kind: preferred label, alt label, hidden label
LABEL_WEIGHT, ALT_WEIGHT, HIDDEN_WEIGHT = 1.0, 0.8, 0.7

_RANKS = frozenset(
    "senior junior trainee apprentice chief principal deputy assistant lead head master".split()  # noqa: SIM905
)
_PREPOSITION = re.compile(
    r"(?<=\w)[\s,]+(of|for|in|at|on|to|with|within|except|excluding|including|from|by)\s+"
)
_PAREN = re.compile(r"\([^()]*\)?")
_SPLIT = re.compile(r"\s*(?:,|/|&|\band\b|\bor\b)\s*")


def title_terms(title: str) -> tuple[list[str], list[str]]:
    """The head stems and the modifier stems of a job title (see the module docstring)."""
    text = fold(_PAREN.sub(" ", title))
    if all(w in STOP_WORDS for w in words(text)):  # all in brackets, or one left open: "(nurse"
        text = fold(title.replace("(", " ").replace(")", " "))
    # O*NET's "Helpers--Carpenters": the helpers are the head, of carpenters
    text = re.sub(r"\s*--\s*", " of ", text, count=1)
    cut = _PREPOSITION.search(text)
    head_part, complement = (text[: cut.start()], text[cut.end() :]) if cut else (text, "")
    # what follows "except" is what the title is not
    negated = cut is not None and cut.group(1) in ("except", "excluding")
    mods = [] if negated else [stem(w) for w in words(complement) if w not in STOP_WORDS]
    heads: list[str] = []
    chunks = [[w for w in words(c) if w not in STOP_WORDS] for c in _SPLIT.split(head_part)]
    chunks = [c for c in chunks if c]
    plural_head = bool(chunks) and _plural(chunks[0][-1])
    for n, chunk in enumerate(chunks):
        if n > 0 and plural_head and not _plural(chunk[-1]):
            mods += [stem(w) for w in chunk]
            continue
        # a trailing adjective ("nurse responsible for ...") is not the head
        h = len(chunk) - 2 if len(chunk) > 1 and chunk[-1].endswith(("ible", "able")) else -1
        heads.append(stem(chunk[h]))
        mods += [stem(w) for k, w in enumerate(chunk) if k != h % len(chunk)]
    return heads, mods


def _plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _role_titles(g: SkillGraph, ids: Sequence[str]) -> tuple[list[str], list[int], list[float]]:
    titles: list[str] = []
    owner: list[int] = []
    weight: list[float] = []
    for i, rid in enumerate(ids):
        node = g.nodes[rid]
        seen: set[str] = set()
        for kind_weight, texts in (
            (LABEL_WEIGHT, (node.label,)),
            (ALT_WEIGHT, node.alt_labels),
            (HIDDEN_WEIGHT, node.hidden_labels),
        ):
            for t in texts:
                key = t.casefold()
                if key in seen:
                    continue
                seen.add(key)
                titles.append(t)
                owner.append(i)
                weight.append(kind_weight)
    return titles, owner, weight


def _matrices(titles_a: Sequence[str], titles_b: Sequence[str]) -> list[sp.csr_matrix]:
    """Per side: l2-normalised head-weighted title vectors, 0/1 heads, 0/1 modifiers (not
    grade words): ``[vectors_a, heads_a, mods_a, vectors_b, heads_b, mods_b]``."""
    vocab: dict[str, int] = {}
    parsed = []
    for titles in (titles_a, titles_b):
        side = []
        for t in titles:
            heads, mods = title_terms(t)
            terms: dict[int, float] = {}
            for s in mods:
                j = vocab.setdefault(s, len(vocab))
                terms[j] = max(terms.get(j, 0.0), RANK_WEIGHT if s in _RANK_STEMS else 1.0)
            for s in heads:
                terms[vocab.setdefault(s, len(vocab))] = HEAD_WEIGHT
            side.append(terms)
        parsed.append(side)
    n_terms = max(1, len(vocab))
    df = np.zeros(n_terms)
    for side in parsed:
        for terms in side:
            df[list(terms)] += 1
    idf = np.log1p(max(1, len(titles_a) + len(titles_b)) / np.maximum(df, 1.0))
    out: list[sp.csr_matrix] = []
    for side in parsed:
        rows = [i for i, terms in enumerate(side) for _ in terms]
        cols = [j for terms in side for j in terms]
        kinds = np.asarray([w for terms in side for w in terms.values()])
        shape = (len(side), n_terms)
        m = sp.csr_matrix((kinds * idf[cols], (rows, cols)), shape=shape, dtype=np.float64)
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        out.append(sp.csr_matrix(sp.diags(1.0 / norms) @ m))
        for keep in (kinds == HEAD_WEIGHT, kinds == 1.0):
            out.append(
                sp.csr_matrix(
                    (np.ones(int(keep.sum())), (np.asarray(rows)[keep], np.asarray(cols)[keep])),
                    shape=shape,
                    dtype=np.float64,
                )
            )
    return out


_RANK_STEMS = frozenset(stem(w) for w in _RANKS)


class TitleScores:
    """Nearest-title-pair scores of the roles of ``a`` against those of ``b``, by chunks."""

    def __init__(self, a: SkillGraph, ra: Sequence[str], b: SkillGraph, rb: Sequence[str]):
        ta, owner_a, wa = _role_titles(a, ra)
        tb, owner_b, wb = _role_titles(b, rb)
        va, ha, ma, vb, hb, mb = _matrices(ta, tb)
        self.va = sp.csr_matrix(sp.diags(np.asarray(wa)) @ va)
        self.vbt = sp.csr_matrix((sp.diags(np.asarray(wb)) @ vb).T)
        # heads of the titles that have modifiers (the only ones a conflict can concern)
        with_mods = [sp.diags((m.getnnz(axis=1) > 0).astype(np.float64)) for m in (ma, mb)]
        self.ha = sp.csr_matrix(with_mods[0] @ ha)
        self.hbt = sp.csr_matrix(sp.csr_matrix(with_mods[1] @ hb).T)
        for m in (self.ha, self.hbt):
            m.eliminate_zeros()
        self.mods_a, self.mods_bt = ma, sp.csr_matrix(mb.T)
        self.owner_b = np.asarray(owner_b, dtype=np.int64)
        self.n_b = len(rb)
        self.owner_a = np.asarray(owner_a, dtype=np.int64)
        self.first = np.searchsorted(self.owner_a, np.arange(len(ra) + 1))

    def block(self, lo: int, hi: int) -> np.ndarray:
        """Dense (hi - lo) x len(rb) scores of roles ``lo:hi`` of ``a``."""
        t0, t1 = int(self.first[lo]), int(self.first[hi])
        sims = sp.csr_matrix(self.va[t0:t1] @ self.vbt)
        out = np.zeros((hi - lo, self.n_b))
        if sims.nnz == 0:
            return out
        if MODIFIER_CONFLICT != 1.0:
            # pairs sharing a head, both with modifiers, sharing none of them
            heads = sp.csr_matrix(self.ha[t0:t1] @ self.hbt)
            heads.eliminate_zeros()
            heads.data[:] = 1.0
            mods = sp.csr_matrix(self.mods_a[t0:t1] @ self.mods_bt)
            mods.eliminate_zeros()
            mods.data[:] = 1.0
            conflict = sp.csr_matrix(heads - heads.multiply(mods))
            conflict.eliminate_zeros()
            sims = sp.csr_matrix(sims - (1.0 - MODIFIER_CONFLICT) * sims.multiply(conflict))
        sims.sort_indices()
        # best title of each b role for each title of a (columns are grouped by b role)
        rows = np.repeat(np.arange(t1 - t0, dtype=np.int64), np.diff(sims.indptr))
        keys = rows * self.n_b + self.owner_b[sims.indices]
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        best = np.maximum.reduceat(sims.data, starts)
        keys = keys[starts]
        owner_a = self.owner_a[t0:t1] - lo
        np.maximum.at(out, (owner_a[keys // self.n_b], keys % self.n_b), best)
        return out


def title_scores(a: SkillGraph, ra: Sequence[str], b: SkillGraph, rb: Sequence[str]) -> TitleScores:
    """The nearest-title-pair scorer of the roles ``ra`` of ``a`` against ``rb`` of ``b``."""
    return TitleScores(a, ra, b, rb)
