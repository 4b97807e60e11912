"""Re-ranking of a job title's best role candidates by a small linear model (``match_roles``).

The lexical title score (`skillgraph.text._titles`) scores each role on its own. The
re-ranker looks at the ``RERANK_CANDIDATES`` best roles together and picks the first place
from the ``RERANK_WINDOW`` best of them (5) by a linear score over features of each
candidate ``c`` (scores ``s``, best first, ``s0`` the best; ``rel = s / s0``):

- ``score``: its lexical score ``s_c``; ``log rank``: ``log(1 + lexical rank)``;
- ``description``: what its description added to ``s_c``;
- ``label mass``: ``log(1 + Σ label score²)`` over all its labels (several close titles);
- ``family``: ``log(1 + Σ rel_d)`` over the other candidates ``d`` of its cluster (SOC
  minor group, ISCO group): a title whose near matches gather in one family likely
  belongs to that family;
- ``profile``: the cosine of its skill profile (importance-weighted requirements) with
  those of the ``TOP`` best other candidates, weighted by ``rel``: a role that requires
  what the best matches require;
- ``shared titles``: ``log(1 + titles shared)`` with the ``TOP`` best other candidates,
  weighted by ``rel`` (O*NET gives one title to groups of related occupations);
- ``coverage``: the idf share of the title's words found in any of its titles;
- ``head share``: the share of its titles holding the title's last word;
- ``catch-all``: whether it is a catch-all role ("..., All Other");
- ``label field``: whether its best-matching title is its preferred label (or a part of it);
- ``best title``: the label score of its best-matching title alone;
- ``head in best``: whether that title ends in the title's last word;
- ``length gap``: how many content words that title has more or fewer than the title;
- ``family first``: whether it is the best candidate of its cluster;
- ``owner``: the owner model's log posterior (`skillgraph.text._owners`) less the best
  candidate's;
- ``log titles``: ``log(1 + its number of titles)``;
- ``profile to best``: the cosine of its skill profile with the best candidate's;
- ``first share``: the share of its titles holding the title's first word;
- ``is best``: whether it is the lexical best;
- ``verbatim shared``: ``log(1 + titles shared)`` with the roles holding the title
  verbatim (0 when none does).

A candidate that holds the title verbatim stays first, in lexical order (a user who types
a role's title means that role; `find` resolves it so): only the others are re-ranked.
Roles beyond ``ORDER_WINDOW`` (below) keep their lexical order after the rest.

The weights (`WEIGHTS`) were fitted by ``benchmarks/fit_rerank.py --window 5``: a
listwise softmax (cross-entropy of the held-out title's own role among the candidates of
the window that do not hold the title verbatim, L2 1e-3) on the held-out splits of tuning
seeds 11-14 of O*NET 29.3 alternate titles and ESCO v1.1.1 occupation alt labels (2,000
queries each, the two taxonomies weighted equally), chosen on tuning seeds 15-18, never
on the evaluation seeds 1-5 of ``benchmarks/bench_text.py``.

Below the first place, an **order model** re-orders the ``ORDER_WINDOW`` lexical best
(the first place excepted, verbatim holders still first) by ``ORDER_WEIGHTS`` over
`ORDER_FEATURES`: the features above, the two word-bigram features of
`skillgraph.text._bigrams` and the seven evidence features of `skillgraph.text._evidence`
(the title's words in the candidate's description and in its skills' labels, how well
its best title fits). The first place is always the one the model above gives
(`WEIGHTS` over the window of 5), so acc@1 is that model's; the order model decides
places 2 to ``ORDER_WINDOW`` and so acc@5. Its weights were fitted by
``benchmarks/fit_rerank.py --order --all-pairs`` (pairwise logistic loss of every other
candidate of the window against the title's own role, L2 1e-3) on tuning seeds 91-94 of
the same two taxonomies, checked on seeds 95-96 (``benchmarks/KEEP_RULE_issue15_round9.md``
for the loss, ``benchmarks/KEEP_RULE_issue15_round11.md`` for the evidence features).
With `ORDER_TREES` (the default), the order model's score also adds the boosted
regression trees of `skillgraph.text._trees` over the same features, fitted on top of
the linear score by ``benchmarks/fit_rerank.py --trees`` (``KEEP_RULE_issue15_round12.md``
for the loss): what a linear score cannot weigh (one feature mattering only when another
is high); the shipped trees were fitted on tuning seeds 131-138. Since round 15
`ORDER_FEATURES` ends with the lexical ranks of `skillgraph.text._lexrank` (a
candidate's place under each lexical source, the query's length), which
``fit_rerank.py`` always computes; trees refitted over them gained nothing on fresh
seeds (``benchmarks/KEEP_RULE_issue15_round15.md``), so they are off at run time
(`ORDER_LEXRANK`: weight 0, no shipped tree reads them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from .._store import cached, store_of
from ..model import Role
from ._bigrams import BIGRAM_FEATURES, bigram_features, title_bigrams
from ._evidence import EVIDENCE_FEATURES, evidence_features
from ._lexrank import LEXRANK_FEATURES, RANKED, lexrank_features
from ._trees import order_trees

if TYPE_CHECKING:
    from ..graph import SkillGraph
    from ._index import TextIndex

__all__ = [
    "FEATURES",
    "ORDER_FEATURES",
    "ORDER_LEXRANK",
    "ORDER_TREES",
    "ORDER_WEIGHTS",
    "ORDER_WINDOW",
    "PROMOTION_MARGIN",
    "PROMOTION_TOP",
    "RERANK_CANDIDATES",
    "RERANK_WINDOW",
    "WEIGHTS",
    "TitleWords",
    "build_profiles",
    "features",
    "order_features",
    "rerank",
    "role_profiles",
]

#: lexical candidates the re-ranker looks at (the context of every feature)
RERANK_CANDIDATES = 40
#: of those, the lexical best the first-place model chooses from (the order model, ``ORDER_WINDOW``,
#: then orders the places below it; with ``ORDER_WINDOW = 0`` only these move and acc@5 is the
#: lexical order's). Chosen on tuning seeds 13-14 (never on the evaluation seeds 1-5) by a rule
#: fixed before the run: of window 5, window 10, window 40 and window 40 with a `PROMOTION_MARGIN`
#: of 0.5 or 1, the best O*NET acc@1 + acc@5 among those that lower neither ESCO occupation acc@1
#: nor acc@5 against lexical order on either seed, window 5 if none. None qualified (on seed 14
#: every variant had one ESCO title fewer right at @1, 1,425 against 1,426; windows 10 and 40 also
#: lost ESCO @5), so window 5. See docs/guides/text-to-skills.md.
RERANK_WINDOW = 5
#: a candidate from below the lexical top ``PROMOTION_TOP`` enters it only if its model
#: score beats the one it displaces by this much (0: no margin; moot with a window of 5)
PROMOTION_MARGIN = 0.0
#: see `PROMOTION_MARGIN`
PROMOTION_TOP = 5
#: best other candidates whose skill profiles and titles a candidate is compared with
TOP = 5
#: feature names, in the column order of `features`
FEATURES = (
    "score",
    "log rank",
    "description",
    "label mass",
    "family",
    "profile",
    "shared titles",
    "coverage",
    "head share",
    "catch-all",
    "label field",
    "best title",
    "head in best",
    "length gap",
    "family first",
    "owner",
    "log titles",
    "profile to best",
    "first share",
    "is best",
    "verbatim shared",
)
#: fitted weights, in `FEATURES` order (see the module docstring): printed by
#: ``python benchmarks/fit_rerank.py --window 5 --seed 11 --seed 12 --seed 13 --seed 14``
WEIGHTS = np.array(
    [
        1.067,
        -0.3904,
        0.03037,
        0.919,
        0.2809,
        0.6861,
        0.03021,
        0.1619,
        0.2813,
        -0.5817,
        0.3704,
        0.8964,
        0.2578,
        -0.1653,
        0.2368,
        0.2827,
        -0.2254,
        0.5866,
        0.4839,
        -0.1743,
        0.5046,
    ]
)

#: lexical candidates whose places below the first the order model decides (0 or 1: no
#: order model, the first model's window alone); at least `RERANK_WINDOW` when on
ORDER_WINDOW = 40
#: the order model's feature names: `FEATURES`, the word-bigram features, the evidence
#: of the candidates' descriptions, skills and best titles (`skillgraph.text._evidence`)
#: and the lexical ranks (`skillgraph.text._lexrank`)
ORDER_FEATURES = (*FEATURES, *BIGRAM_FEATURES, *EVIDENCE_FEATURES, *LEXRANK_FEATURES)
#: the order model's weights, in `ORDER_FEATURES` order (see the module docstring):
#: printed by ``python benchmarks/fit_rerank.py --order --all-pairs --seed 91 --seed 92
#: --seed 93 --seed 94``, before the lexical ranks (0: only the trees read them)
ORDER_WEIGHTS = np.array(
    [
        1.034,
        -0.5448,
        0.1105,
        0.866,
        0.07662,
        0.3294,
        0.6026,
        -3.175,
        0.8671,
        -0.1054,
        0.3055,
        2.005,
        0.1322,
        -0.2373,
        -0.1187,
        0.2025,
        -0.177,
        0.7833,
        1.366,
        0.02201,
        0.5296,
        0.3966,
        1.157,
        -1.935,
        2.985,
        0.1282,
        1.821,
        -0.6353,
        -1.205,
        0.07875,
        *[0.0] * len(LEXRANK_FEATURES),
    ]
)

#: whether `rerank` computes the lexical ranks of `skillgraph.text._lexrank` (off: those
#: columns are 0, and the shipped trees must not read them; the fitting script always
#: computes them)
ORDER_LEXRANK = False

#: whether the order model adds the boosted trees of `skillgraph.text._trees` (fitted on
#: top of `ORDER_WEIGHTS`) to its linear score
ORDER_TREES = True


def build_profiles(g: SkillGraph) -> sp.csr_matrix:
    """See `role_profiles` (built from the requirement columns, no model per edge)."""
    from ._index import text_index

    ix = text_index(g)
    cols = store_of(g).requirement_columns()
    position = ix.position
    skills = sorted(g.skills)
    col = {s: j for j, s in enumerate(skills)}
    role_of = np.asarray([position.get(n, -1) for n in cols.names], dtype=np.int64)
    skill_of = np.asarray([col.get(n, -1) for n in cols.names], dtype=np.int64)
    rows = role_of[np.asarray(cols.role, dtype=np.int64)]
    at = skill_of[np.asarray(cols.skill, dtype=np.int64)]
    importance = np.maximum(np.asarray(cols.importance, dtype=np.float64), 0.05)
    essential = np.asarray(cols.essential, dtype=np.int8).astype(bool)
    ok = (rows >= 0) & (at >= 0)
    vals = importance[ok] * np.where(essential[ok], 1.0, 0.6)
    m = sp.csr_matrix(
        (vals, (rows[ok], at[ok])), shape=(len(ix.ids), len(skills)), dtype=np.float64
    )
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ m)


def role_profiles(g: SkillGraph) -> sp.csr_matrix:
    """Nodes (in text-index order) x skills: each role's importance-weighted requirements,
    rows l2-normalised (zero for nodes without requirements); built once per version."""
    return cached(g, "text_role_profiles", build_profiles)


def _clusters(g: SkillGraph, ix: TextIndex, cands: np.ndarray) -> np.ndarray:
    nodes = g.nodes
    index: dict[str, int] = {}
    out = []
    for n in cands.tolist():
        node = nodes[ix.ids[n]]
        cluster = node.cluster if isinstance(node, Role) else None
        # no cluster: a family of its own
        out.append(index.setdefault(cluster or f"\0{n}", len(index)))
    return np.array(out, dtype=np.int64)


def features(
    g: SkillGraph,
    ix: TextIndex,
    cands: np.ndarray,
    score: np.ndarray,
    description: np.ndarray,
    entry_scores: np.ndarray,
    stems: np.ndarray,
    stem_weights: np.ndarray,
    title: TitleWords | None = None,
) -> np.ndarray:
    """Candidates x `FEATURES` (see the module docstring) of the candidate node indices
    ``cands``, best first by their lexical ``score``; ``description`` is what the
    description added to each, ``entry_scores`` the label score of every index entry,
    ``stems`` / ``stem_weights`` the title's distinct stem columns and idf weights,
    ``title`` the rest of what the title says (its words in order, the roles holding it
    verbatim)."""
    n = len(cands)
    out = np.zeros((n, len(FEATURES)))
    if not n:
        return out
    title = title or TitleWords()
    head = title.head
    rel = score / max(float(score[0]), 1e-12)
    out[:, 0] = score
    out[:, 1] = np.log1p(np.arange(n))
    out[:, 2] = description
    lo = np.searchsorted(ix.entry_node, cands, side="left")
    hi = np.searchsorted(ix.entry_node, cands, side="right")
    mass = np.array(
        [
            float(entry_scores[a:b] @ entry_scores[a:b])
            for a, b in zip(lo.tolist(), hi.tolist(), strict=True)
        ]
    )
    out[:, 3] = np.log1p(mass)
    cl = _clusters(g, ix, cands)
    same = cl[:, None] == cl[None, :]
    np.fill_diagonal(same, False)
    out[:, 4] = np.log1p(same @ rel)
    top = min(TOP, n)
    weights = np.tile(rel[:top], (n, 1))
    weights[np.arange(top), np.arange(top)] = 0.0
    total = np.maximum(weights.sum(axis=1), 1e-12)
    prof = role_profiles(g)[cands]
    likeness = (prof @ prof[:top].T).toarray()
    out[:, 5] = (likeness * weights).sum(axis=1) / total
    shared = np.column_stack([ix.shared_titles({int(d)})[cands] for d in cands[:top].tolist()])
    out[:, 6] = (np.log1p(shared) * weights).sum(axis=1) / total
    owners = ix.owners(g)
    titles = np.maximum(owners.titles[cands], 1.0)
    if len(stems):
        present = owners.counts[stems][:, cands].toarray() > 0
        out[:, 7] = stem_weights @ present / float(stem_weights.sum())
    if head is not None:
        out[:, 8] = owners.counts[head][:, cands].toarray().ravel() / titles
    out[:, 9] = owners.catchall[cands]
    _best_title(ix, entry_scores, lo, hi, head, title.length, out[:, 10:14])
    first = np.zeros(n, dtype=bool)
    first[np.unique(cl, return_index=True)[1]] = True
    out[:, 14] = first
    post = owners.log_posterior(stems)[cands]
    out[:, 15] = post - post.max()
    out[:, 16] = np.log1p(owners.titles[cands])
    out[:, 17] = likeness[:, 0]
    if title.first is not None:
        out[:, 18] = owners.counts[title.first][:, cands].toarray().ravel() / titles
    out[0, 19] = 1.0
    if title.verbatim:
        out[:, 20] = np.log1p(ix.shared_titles(set(title.verbatim))[cands])
    return out


@dataclass(frozen=True)
class TitleWords:
    """What a title says beyond its distinct stems: the stem columns of its content words
    in order (None for a word the index does not know), the node indices holding it
    verbatim."""

    order: tuple[int | None, ...] = ()
    verbatim: frozenset[int] = frozenset()

    @property
    def first(self) -> int | None:
        """The stem column of the first content word (None if unknown or none)."""
        return self.order[0] if self.order else None

    @property
    def head(self) -> int | None:
        """The stem column of the last content word (None if unknown or none)."""
        return self.order[-1] if self.order else None

    @property
    def length(self) -> int:
        """The number of content words."""
        return len(self.order)


def _best_title(
    ix: TextIndex,
    entry_scores: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    head: int | None,
    length: int,
    out: np.ndarray,
) -> None:
    """Into ``out`` (candidates x 4): whether each candidate's best-scored entry (entries
    ``lo:hi``) is its label or a part of it, that entry's score, whether it ends in the
    stem ``head``, and how far its number of content stems is from ``length``."""
    for i, (a, b) in enumerate(zip(lo.tolist(), hi.tolist(), strict=True)):
        e = a + int(np.argmax(entry_scores[a:b]))
        out[i, 0] = ix.entry_field[e] in (0, 3)
        out[i, 1] = entry_scores[e]
        end = int(ix.word_ends[e])
        start = int(ix.word_ends[e - 1]) if e else 0
        out[i, 2] = (
            head is not None and end > start and ix.word_stem[ix.flat_words[end - 1]] == head
        )
        out[i, 3] = abs(int(ix.ntok[e]) - length)


def rerank(
    g: SkillGraph,
    ix: TextIndex,
    best: np.ndarray,
    description: np.ndarray,
    entry_scores: np.ndarray,
    stems: np.ndarray,
    stem_weights: np.ndarray,
    title: TitleWords,
) -> np.ndarray:
    """Every node index with a score above 0, in re-ranked order: first the first model's
    choice (of the ``RERANK_WINDOW`` lexical best, a node holding the title verbatim
    (``title``), else the best by `WEIGHTS`; a node from below the lexical top
    ``PROMOTION_TOP`` needs ``PROMOTION_MARGIN`` more to pass one in it), then the other
    ``ORDER_WINDOW`` lexical best, verbatim holders first (lexical order), the others by
    the order model (`ORDER_WEIGHTS`; features over the ``RERANK_CANDIDATES`` best), then
    the rest in lexical order. With ``ORDER_WINDOW`` below 2, the first model orders its
    whole window."""
    order = np.lexsort((np.arange(len(best)), -best))
    order = order[best[order] > 0.0]
    cands = order[:RERANK_CANDIDATES]
    window = max(0, min(RERANK_WINDOW, len(cands)))
    span = min(max(ORDER_WINDOW, window), len(cands)) if ORDER_WINDOW > 1 else 0
    pinned = np.array([n in title.verbatim for n in cands[:window].tolist()], dtype=bool)
    first_moves = int((~pinned).sum()) >= 2
    if not first_moves and span < 3:
        return order
    f = features(
        g, ix, cands, best[cands], description[cands], entry_scores, stems, stem_weights, title
    )
    ranked = order
    if first_moves:
        z = (f @ WEIGHTS)[:window]
        z[:PROMOTION_TOP] += PROMOTION_MARGIN
        # pinned first (lexical order), then by the model (ties: lexical order)
        key = np.lexsort((np.arange(window), np.where(pinned, 0.0, -z), ~pinned))
        ranked = np.concatenate([cands[:window][key], order[window:]])
    if span < 3:
        return ranked
    x = order_features(
        g, ix, cands[:span], f[:span], entry_scores, stems, stem_weights, title, ORDER_LEXRANK
    )
    return _order_below_first(cands, x, title, int(ranked[0]), order)


def order_features(
    g: SkillGraph,
    ix: TextIndex,
    cands: np.ndarray,
    f: np.ndarray,
    entry_scores: np.ndarray,
    stems: np.ndarray,
    stem_weights: np.ndarray,
    title: TitleWords,
    lexical_ranks: bool = True,
) -> np.ndarray:
    """Candidates x `ORDER_FEATURES` of the node indices ``cands`` (best first), whose
    `features` are ``f``: those, the word bigrams', the evidence's and the lexical
    ranks' (`skillgraph.text._lexrank`; 0 unless ``lexical_ranks``; the other arguments
    as for `features`)."""
    x = np.hstack(
        [
            f,
            bigram_features(title_bigrams(g), title.order, cands),
            evidence_features(g, ix, cands, entry_scores, stems, stem_weights, title.order),
        ]
    )
    if not lexical_ranks:
        return np.hstack([x, np.zeros((len(cands), len(LEXRANK_FEATURES)))])
    ranked = x[:, [ORDER_FEATURES.index(name) for name in RANKED]]
    lex = lexrank_features(
        ix, cands, f[:, 0], ranked, entry_scores, stems, stem_weights, title.order
    )
    return np.hstack([x, lex])


def _order_below_first(
    cands: np.ndarray, x: np.ndarray, title: TitleWords, first: int, order: np.ndarray
) -> np.ndarray:
    """``first``, then the other nodes of the first ``len(x)`` of ``cands`` (their
    `ORDER_FEATURES` ``x``) by the order model (verbatim holders first, in lexical order),
    then ``order`` from there on."""
    span = len(x)
    rest = np.flatnonzero(cands[:span] != first)
    below = cands[rest]
    z = x[rest] @ ORDER_WEIGHTS
    if ORDER_TREES:
        z = z + order_trees(ORDER_FEATURES).predict(x[rest])
    pin = np.array([n in title.verbatim for n in below.tolist()], dtype=bool)
    key = np.lexsort((np.arange(len(rest)), np.where(pin, 0.0, -z), ~pin))
    return np.concatenate([np.array([first], dtype=order.dtype), below[key], order[span:]])
