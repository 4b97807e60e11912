"""Alignment between two graphs: the roles (and skills) of one mapped onto the other.

Each role of ``a`` is scored against each role of ``b`` by three documented components:

- **titles**: ``PAIR_WEIGHT`` (0.8) of the nearest pair of single titles of the two roles
  (`skillgraph.text._heads`: idf-weighted stems with a title's head noun weighed above its
  modifiers, a pair sharing a head but no modifier marked down as two kinds of one job, a
  preferred label counting more than an alt label), and 0.2 of the cosine of the bags of
  all titles (idf-weighted stems; label twice, alt and hidden labels once) mixed half and
  half with the cosine of the character 3-grams of the two preferred labels;
- **descriptions**: cosine of the idf-weighted stems of the descriptions;
- **skill profiles**: each skill of ``a`` is first carried to its closest skill of ``b`` by
  label cosine, then the importance-weighted requirement profiles are compared by cosine.

Skills are mapped by label cosine (idf-weighted stems of labels and alt labels), the
``SKILL_CANDIDATES`` nearest re-ranked by `skillgraph.text._skill_align`: a pair of equal
labels (also up to a bracketed qualifier, or an acronym and its expansion: ``SQL`` /
``Structured query language SQL``) first, then close pairs, then the rest by score. An
activity or knowledge skill and a technology title (`SkillKind.TECHNOLOGY`) are close only
when the skill is about that product (a name they share, or a software label naming the
class); a brand title is never close on a common word alone.

The score is ``0.5 titles + 0.25 descriptions + 0.25 profiles``. A component the source
role lacks (no description, or no skill that maps onto ``b``) gives its weight to titles;
one only the target lacks counts as no evidence, so a residual code with no profile (an
O*NET "All Other") does not win on one shared title word. A pair is a ``skos:exactMatch``
when the preferred labels are equal up to case, accents and plurals; otherwise a
``skos:closeMatch`` when it scores at least ``CLOSE_SCORE`` (roles) or ``SKILL_THRESHOLD``
(skills, within the kind rules above), else only a ``skos:relatedMatch``: every role
keeps its best target, but a weak one is not called close. ``CLOSE_SCORE`` was set on ESCO
v1.1.1 -> O*NET 29.3 (ISCO major groups 1-4), where the best target's ISCO-08 and SOC
codes agree in the BLS crosswalk for 58% of the pairs scoring 0.40 or more and 37% of
those below. The result exports as SKOS mapping triples in every RDF syntax (with one
``sg:Mapping`` node a pair, holding score and evidence, so it reads back) and as CSV.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import numpy as np
import scipy.sparse as sp

from ..errors import InvalidValueError
from ._analyze import STOP_WORDS, char_ngrams, plural_key, stem, words
from ._heads import title_scores
from ._mapping import Alignment, AlignmentRow, Relation, ordered, read_alignment
from ._skill_align import SkillRelations

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = ["Alignment", "AlignmentRow", "align", "read_alignment"]

WEIGHTS = {"titles": 0.5, "descriptions": 0.25, "profiles": 0.25}
#: a skill of ``a`` is mapped to its closest skill of ``b`` from this label cosine on
SKILL_THRESHOLD = 0.5
#: a role pair scoring below this (and not of equal labels) is a relatedMatch, not close
CLOSE_SCORE = 0.40
#: share of the nearest title pair (`skillgraph.text._heads`) in the titles component
PAIR_WEIGHT = 0.8
#: label-cosine candidates of a skill ranked by `skillgraph.text._skill_align` (exact, close)
SKILL_CANDIDATES = 10


# ---------------------------------------------------------------------- scoring
def _tfidf(
    docs_a: Sequence[Sequence[tuple[str, float]]],
    docs_b: Sequence[Sequence[tuple[str, float]]],
    *,
    grams: bool = False,
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """l2-normalised tf-idf rows of two lists of documents in one vocabulary.

    A document is weighted texts; terms are content stems (or, with ``grams``, character
    3-grams of the words); tf is sublinear, idf is over both lists.
    """
    vocab: dict[str, int] = {}
    mats = []
    for docs in (docs_a, docs_b):
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for i, doc in enumerate(docs):
            counts: dict[int, float] = {}
            for text, weight in doc:
                ws = words(text)
                content = [w for w in ws if w not in STOP_WORDS] or ws
                terms = (
                    [g for w in ws for g in char_ngrams(w)] if grams else [stem(w) for w in content]
                )
                for term in terms:
                    j = vocab.setdefault(term, len(vocab))
                    counts[j] = counts.get(j, 0.0) + weight
            for j, c in counts.items():
                rows.append(i)
                cols.append(j)
                vals.append(1.0 + math.log(c) if c >= 1 else c)
        mats.append((rows, cols, vals, len(docs)))
    n_terms = max(1, len(vocab))
    built = [
        sp.csr_matrix((vals, (rows, cols)), shape=(n, n_terms), dtype=np.float64)
        for rows, cols, vals, n in mats
    ]
    df = np.zeros(n_terms)
    for m in built:
        df += np.bincount(m.indices, minlength=n_terms)
    n_docs = sum(m.shape[0] for m in built)
    idf = np.log1p(max(1, n_docs) / np.maximum(df, 1.0))
    out = []
    for m in built:
        m.data = m.data * idf[m.indices]
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        out.append(sp.csr_matrix(sp.diags(1.0 / norms) @ m))
    return out[0], out[1]


def _title_docs(g: SkillGraph, ids: Sequence[str]) -> list[list[tuple[str, float]]]:
    nodes = g.nodes
    return [
        [(nodes[i].label, 2.0)]
        + [(t, 1.0) for t in (*nodes[i].alt_labels, *nodes[i].hidden_labels)]
        for i in ids
    ]


def _profiles(g: SkillGraph, roles: Sequence[str], skills: Sequence[str]) -> sp.csr_matrix:
    """Roles x skills importance matrix (rows l2-normalised)."""
    pos = {s: j for j, s in enumerate(skills)}
    rpos = {r: i for i, r in enumerate(roles)}
    rows, cols, vals = [], [], []
    for req in g.iter_requirements():
        i, j = rpos.get(req.role), pos.get(req.skill)
        if i is not None and j is not None:
            rows.append(i)
            cols.append(j)
            vals.append(max(req.importance, 0.05) * (1.0 if req.essential else 0.6))
    m = sp.csr_matrix((vals, (rows, cols)), shape=(len(roles), len(skills)), dtype=np.float64)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ m)


def _skill_matches(
    a: SkillGraph, b: SkillGraph, sa: Sequence[str], sb: Sequence[str], k: int
) -> list[list[tuple[int, float]]]:
    """For every skill of ``a``, its ``k`` closest skills of ``b`` by labels (cosine)."""
    ma, mb = _tfidf(_title_docs(a, sa), _title_docs(b, sb))
    mbt = sp.csr_matrix(mb.T)
    out: list[list[tuple[int, float]]] = []
    chunk = 2000
    for lo in range(0, len(sa), chunk):
        sims = np.asarray((ma[lo : lo + chunk] @ mbt).toarray())
        for row in sims:
            top = _top(row, k)
            out.append([(j, float(row[j])) for j in top if row[j] > 0])
    return out


def _top(row: np.ndarray, k: int) -> list[int]:
    if len(row) == 0:
        return []
    k = min(k, len(row))
    idx = np.argpartition(-row, k - 1)[:k]
    return sorted(idx.tolist(), key=lambda j: (-row[j], j))


def align(
    a: SkillGraph,
    b: SkillGraph,
    *,
    roles: bool = True,
    skills: bool = True,
    k: int = 1,
    min_score: float = 0.0,
) -> Alignment:
    """Map the roles (and skills) of graph ``a`` onto graph ``b``.

    Args:
        a: the graph whose nodes are mapped (sources).
        b: the graph they are mapped onto (targets).
        roles: map roles (by titles, descriptions and skill profiles).
        skills: map skills (by labels, with the kind and name rules of the module).
        k: targets kept for each source, best first (rank 1 .. k).
        min_score: pairs scoring below this are left out.

    Raises:
        InvalidValueError: ``a`` or ``b`` is not a SkillGraph, ``k`` < 1, or ``min_score``
            is outside [0, 1].
    """
    from ..graph import SkillGraph

    for name, g in (("a", a), ("b", b)):
        if not isinstance(g, SkillGraph):
            raise InvalidValueError(
                f"{name} must be a SkillGraph, got {type(g).__name__}", field=name
            )
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InvalidValueError(f"k must be a positive integer, got {k!r}", field="k")
    if not isinstance(min_score, int | float) or not 0.0 <= float(min_score) <= 1.0:
        raise InvalidValueError(
            f"min_score must be in [0, 1], got {min_score!r}", field="min_score"
        )
    sa, sb = sorted(a.skills), sorted(b.skills)
    # the role profiles carry each skill by its nearest label (ESCO -> O*NET: carrying the
    # re-ranked skill pairs instead, or only the close ones, lowered the crosswalk share by
    # 0.0013 / 0.0027); the skill rows are ranked by `SkillRelations` (kind and name rules)
    skill_map: list[list[tuple[int, float]]] = [[] for _ in sa]
    ranked: list[list[tuple[int, float, Relation]]] = [[] for _ in sa]
    if sa and sb:
        skill_map = _skill_matches(a, b, sa, sb, max(k, SKILL_CANDIDATES))
        if skills:
            rel = SkillRelations(a, b, sa, sb, SKILL_THRESHOLD)
            ranked = [rel.rank(i, c) for i, c in enumerate(skill_map)]
    rows: list[AlignmentRow] = []
    if roles and a.roles and b.roles:
        rows += _align_roles(a, b, sa, sb, skill_map, k, min_score)
    if skills:
        for i, cands3 in enumerate(ranked):
            src = sa[i]
            for rank, (j, score, relation) in enumerate(cands3[:k], start=1):
                if score < min_score:
                    continue
                evidence = [f"labels {score:.2f}"]
                rows.append(_row("skill", a, b, src, sb[j], score, rank, evidence, relation))
    return Alignment(
        rows=ordered(rows), source_prefixes=dict(a.prefixes), target_prefixes=dict(b.prefixes)
    )


def _row(
    kind: Literal["role", "skill"],
    a: SkillGraph,
    b: SkillGraph,
    src: str,
    tgt: str,
    score: float,
    rank: int,
    evidence: list[str],
    relation: Relation | None = None,
) -> AlignmentRow:
    """One alignment row from ``src`` in ``a`` to ``tgt`` in ``b``, labels and relation
    filled (``relation`` when given, else from the labels and the role threshold)."""
    return AlignmentRow(
        kind=kind,
        source=src,
        source_label=a.label(src),
        target=tgt,
        target_label=b.label(tgt),
        score=round(score, 6),
        relation=relation or _relation(a.label(src), b.label(tgt), score, CLOSE_SCORE),
        rank=rank,
        evidence=evidence,
    )


def _relation(x: str, y: str, score: float, close: float) -> Relation:
    if plural_key(x) == plural_key(y):
        return "exactMatch"
    return "closeMatch" if score >= close else "relatedMatch"


class _RoleScores:
    """The component scores of the roles of ``a`` against those of ``b``, by blocks."""

    def __init__(
        self,
        a: SkillGraph,
        b: SkillGraph,
        sa: Sequence[str],
        sb: Sequence[str],
        skill_map: list[list[tuple[int, float]]],
    ) -> None:
        self.ra, self.rb = ra, rb = sorted(a.roles), sorted(b.roles)
        self.pairs = title_scores(a, ra, b, rb)
        ta, tb = _tfidf(_title_docs(a, ra), _title_docs(b, rb))
        ca, cb = _tfidf(
            [[(a.label(i), 1.0)] for i in ra], [[(b.label(i), 1.0)] for i in rb], grams=True
        )
        da, db = _tfidf(
            [[(a.roles[i].description or "", 1.0)] for i in ra],
            [[(b.roles[i].description or "", 1.0)] for i in rb],
        )
        self.has_desc = da.getnnz(axis=1) > 0, db.getnnz(axis=1) > 0
        # a's role profiles carried into b's skill space through the skill alignment
        pa = _profiles(a, ra, sa)
        pb = _profiles(b, rb, sb)
        mrows, mcols, mvals = [], [], []
        for i, cands in enumerate(skill_map):
            if cands and cands[0][1] >= SKILL_THRESHOLD:
                j, s = cands[0]
                mrows.append(i)
                mcols.append(j)
                mvals.append(s)
        carry = sp.csr_matrix((mvals, (mrows, mcols)), shape=(len(sa), len(sb)), dtype=np.float64)
        pa_b = sp.csr_matrix(pa @ carry)
        norms = np.sqrt(np.asarray(pa_b.multiply(pa_b).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        self.pa_b = pa_b = sp.csr_matrix(sp.diags(1.0 / norms) @ pa_b)
        self.has_prof = pa_b.getnnz(axis=1) > 0, pb.getnnz(axis=1) > 0
        self.ta, self.ca, self.da = ta, ca, da
        self.tbt, self.cbt, self.dbt, self.pbt = (sp.csr_matrix(m.T) for m in (tb, cb, db, pb))

    def block(self, lo: int, hi: int) -> dict[str, np.ndarray]:
        """Dense (hi - lo) x len(rb) component scores of the roles ``lo:hi`` of ``a``, and
        the weights of descriptions (``wd``) and profiles (``wp``) in each pair's total."""
        out = {
            "pairs": self.pairs.block(lo, hi),
            "bag": np.asarray((self.ta[lo:hi] @ self.tbt).toarray()),
            "grams": np.asarray((self.ca[lo:hi] @ self.cbt).toarray()),
            "desc": np.asarray((self.da[lo:hi] @ self.dbt).toarray()),
            "prof": np.asarray((self.pa_b[lo:hi] @ self.pbt).toarray()),
        }
        # a component the source role lacks gives its weight to titles; one the target lacks
        # counts as no evidence (a residual code with no profile does not win on titles)
        shape = (hi - lo, len(self.rb))
        out["wd"] = np.broadcast_to(WEIGHTS["descriptions"] * self.has_desc[0][lo:hi, None], shape)
        out["wp"] = np.broadcast_to(WEIGHTS["profiles"] * self.has_prof[0][lo:hi, None], shape)
        out["titles"] = PAIR_WEIGHT * out["pairs"] + (1.0 - PAIR_WEIGHT) * 0.5 * (
            out["bag"] + out["grams"]
        )
        out["total"] = (
            (1.0 - out["wd"] - out["wp"]) * out["titles"]
            + out["wd"] * out["desc"]
            + out["wp"] * out["prof"]
        )
        return out


def _align_roles(
    a: SkillGraph,
    b: SkillGraph,
    sa: Sequence[str],
    sb: Sequence[str],
    skill_map: list[list[tuple[int, float]]],
    k: int,
    min_score: float,
) -> list[AlignmentRow]:
    scores = _RoleScores(a, b, sa, sb, skill_map)
    ra, rb = scores.ra, scores.rb
    out: list[AlignmentRow] = []
    chunk = 500
    for lo in range(0, len(ra), chunk):
        hi = min(len(ra), lo + chunk)
        comp = scores.block(lo, hi)
        total, title, desc, prof = comp["total"], comp["titles"], comp["desc"], comp["prof"]
        for r in range(hi - lo):
            src = ra[lo + r]
            for rank, j in enumerate(_top(total[r], k), start=1):
                score = float(total[r, j])
                if score <= 0.0 or score < min_score:
                    continue
                out.append(
                    _row(
                        "role",
                        a,
                        b,
                        src,
                        rb[j],
                        score,
                        rank,
                        [
                            f"titles {title[r, j]:.2f}",
                            f"descriptions {desc[r, j]:.2f}",
                            f"skill profiles {prof[r, j]:.2f}",
                        ],
                    )
                )
    return out
