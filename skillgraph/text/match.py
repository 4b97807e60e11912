"""Free text and job titles to the nodes of a graph, lexically.

Titles (``match_roles``, ``match_nodes``, in `skillgraph.text._titles`): labels scored by
word and character 3-gram cosines, see there. Free text (``match_skills``): the text is cut
into clauses, and a skill matches where all the content words of one of its labels (at
least three quarters of them for labels of four words or more) occur close together in
one clause; a short clause whose labels name only part of it is named by a label
explaining all of its words when one is close ("reading blueprints" is "read standard
blueprints", not "blueprints"); clauses that name no label are compared with whole skill
documents (labels and description), and what still matches nothing is reported in
``unmatched``.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from ..errors import InvalidValueError
from ..model import NodeType
from ._accept import FILLER as _FILLER
from ._accept import (
    Rejected,
    collides,
    content_runs,
    weak_verdict,
    whole_verdict,
)
from ._agents import agent_lends
from ._analyze import STOP_WORDS, Token, segments, tokens
from ._credit import Found, clip, narrow, rejected_of, shadowed, unspecific
from ._curated import curated_lends
from ._index import FIELD_WEIGHT, FIELDS, LONG_LABEL, MISSING_SHARE, TextIndex, text_index
from ._loose import Clauses, embedding_matches, loose_matches, short, whole_clauses
from ._results import (
    Method,
    Phrase,
    TextMatch,
    TextMatches,
    check_k,
    check_method,
    check_text,
)
from ._titles import match_nodes, resolve_by_text, suggest
from ._titles import match_roles as _title_roles

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = [
    "Method",
    "Phrase",
    "Rejected",
    "TextMatch",
    "TextMatches",
    "match_nodes",
    "match_roles",
    "match_skills",
    "resolve_by_text",
    "suggest",
]

#: most words a free text may have (longer texts raise InvalidValueError)
MAX_WORDS = 50_000
#: a label found in free text through a learned synonym scores this much of its score
SYNONYM_SCORE = 0.9


# ---------------------------------------------------------------------- free text
def _window(positions: list[list[int]]) -> tuple[int, int]:
    """The tightest (first, last) token positions holding one position of each list.

    For each position of the shortest list, every list's nearest position to it (the
    earlier one on a tie); the lists are ascending, so each nearest is a binary search
    (a clause of one label repeated n times: n log n, not n²).
    """
    anchor = min(positions, key=len)
    best = (0, 1 << 30)
    for a in anchor:
        chosen = [_nearest(p, a) for p in positions]
        lo, hi = min(chosen), max(chosen)
        if hi - lo < best[1] - best[0]:
            best = (lo, hi)
    return best


def _nearest(ascending: list[int], a: int) -> int:
    """The value of ``ascending`` nearest to ``a``, the smaller one on a tie."""
    i = bisect_left(ascending, a)
    if i == len(ascending):
        return ascending[-1]
    if i == 0 or ascending[i] - a < a - ascending[i - 1]:
        return ascending[i]
    return ascending[i - 1]


def match_roles(
    g: SkillGraph,
    title: str,
    k: int | None = 10,
    *,
    method: Method = "lexical",
    rerank: bool = True,
) -> list[TextMatch]:
    """The roles a job title names (`skillgraph.text._titles.match_roles`), or, for a long
    text (several lines or more than 16 words: a CV, a job ad), the roles its title lines
    and the skills it credits name (`skillgraph.text._cv.roles_in_text`).

    Raises:
        InvalidValueError: ``title`` is not a string, ``k`` is negative or ``method`` is
            unknown.
        OptionalDependencyError: ``method`` needs the ``embeddings`` extra.
    """
    from ._cv import long_text, roles_in_text

    check_text(title, "title")
    if long_text(title):
        return roles_in_text(g, title, k, method=method, rerank=rerank)
    return _title_roles(g, title, k, method=method, rerank=rerank)


def match_skills(
    g: SkillGraph, text: str, k: int | None = 10, *, method: Method = "lexical"
) -> TextMatches:
    """The skills a free text mentions, best first, and the phrases that name none.

    ``method``: ``"lexical"`` (labels found in the text, then loose and description
    matches for clauses holding none), ``"hybrid"`` (labels found in the text, then the
    nearest label by the bundled embedding model for the other clauses) or
    ``"embeddings"`` (every clause to its nearest label by embedding).

    Raises:
        InvalidValueError: ``text`` is not a string or is longer than 50,000 words, ``k``
            is negative or ``method`` is unknown.
        OptionalDependencyError: ``method`` needs the ``embeddings`` extra.
    """
    check_text(text, "text")
    check_k(k)
    check_method(method)
    ix = text_index(g)
    mask = ix.type_mask((NodeType.SKILL,))
    clauses: list[tuple[int, int, list[Token]]] = []
    every: list[list[Token]] = []  # each clause's words, stop words included
    n_words = 0
    for a, b in segments(text):
        every.append(tokens(text[a:b], offset=a))
        toks = [t for t in every[-1] if t.word not in STOP_WORDS]
        n_words += len(toks)
        if toks:
            clauses.append((a, b, toks))
    if n_words > MAX_WORDS:
        raise InvalidValueError(
            f"text has {n_words} words; at most {MAX_WORDS} are matched at once", field="text"
        )
    found: dict[int, Found] = {}
    rejected: list[Rejected] = []
    if method == "embeddings":
        covered_by_clause: list[set[int]] = [set() for _ in clauses]
    else:
        covered_by_clause = _match_clauses(
            g, text, ix, mask, [toks for _, _, toks in clauses], found, rejected
        )
    # clauses that named no label: compare with whole skill documents
    unmatched: list[Phrase] = []
    leftovers = []
    partial: Clauses = []  # short clauses whose labels found leave a content word out
    for (a, b, toks), covered in zip(clauses, covered_by_clause, strict=True):
        runs = _uncovered_runs(toks, covered)
        if not covered and runs:
            leftovers.append((a, b, toks))
            continue
        if runs and method == "lexical" and short(toks):
            partial.append((a, b, toks))
        unmatched.extend(Phrase(text=text[s:e], start=s, end=e) for s, e in runs)
    if partial:
        whole_clauses(g, text, ix, mask, partial, found, rejected, unmatched)
    hits = (
        loose_matches(g, text, ix, mask, leftovers, rejected)
        if method == "lexical"
        else embedding_matches(g, ix, mask, leftovers)
    )
    for (_, _, toks), hit in zip(leftovers, hits, strict=True):
        if hit is None:
            s, e = toks[0].start, toks[-1].end
            unmatched.append(Phrase(text=text[s:e], start=s, end=e))
            continue
        n, score, entry = hit
        prev = found.get(n)
        if prev is None or prev[0] < score:
            field = (
                "embedding"
                if method != "lexical"
                else FIELDS[int(ix.entry_field[entry])]
                if entry >= 0
                else "description"
            )
            found[n] = (score, entry, toks[0].start, toks[-1].end, field, "")
    shadowed(g, text, ix, found, rejected)
    unspecific(g, text, ix, found, rejected, unmatched)
    narrow(g, text, ix, content_runs(every, _FILLER), found, rejected, unmatched)
    nodes = g.nodes
    order = sorted(found.items(), key=lambda kv: (-kv[1][0], kv[1][2], ix.ids[kv[0]]))
    if k is not None:
        order = order[:k]
    out: list[TextMatch] = []
    for n, (score, e, s, end, field, note) in order:
        nid = ix.ids[n]
        node = nodes[nid]
        matched = ix.entry_text[e] if e >= 0 else (node.description or node.label)
        why = (
            f"{field.replace('_', ' ')} {matched!r}"
            if e >= 0
            else f"words of {text[s:end]!r} in its label and description"
        )
        out.append(
            TextMatch(
                id=nid,
                label=node.label,
                score=round(score, 6),
                text=text[s:end],
                start=s,
                end=end,
                field=field,
                matched=matched if e >= 0 else clip(matched),
                evidence=[why, note] if note else [why],
            )
        )
    unmatched.sort(key=lambda p: p.start)
    credited = {ix.ids[n] for n in found}
    best: dict[tuple[int, int, str], Rejected] = {}  # one per span and skill, its best
    for r in sorted(rejected, key=lambda r: (r.start, -r.score, r.id, r.matched)):
        if r.id not in credited:
            best.setdefault((r.start, r.end, r.id), r)
    return TextMatches(out, unmatched, list(best.values()))


def _match_clauses(
    g: SkillGraph,
    text: str,
    ix: TextIndex,
    mask: np.ndarray | None,
    clauses: list[list[Token]],
    found: dict[int, Found],
    rejected: list[Rejected],
) -> list[set[int]]:
    """Record the skills whose labels occur in each clause; each clause's covered positions.

    A run of a clause that the graph's labels use interchangeably with another
    (`skillgraph.text._synonyms`: "till" / "cash register") also stands for the other's
    stems, as long as the clause holds one of the label's stems itself and the label holds
    the other run whole ("reading" = "interpret written" names no "understanding
    blueprints"); a label found through one scores ``SYNONYM_SCORE`` times less and says
    so. A label whose words
    are only there through a stem collision (`skillgraph.text._accept`) goes to
    ``rejected``.

    All clauses are scored at once: the entries whose anchors a clause holds, times the
    clauses, give for each such entry the idf mass and the number of its stems present.
    """
    covered: list[set[int]] = [set() for _ in clauses]
    positions: list[dict[int, list[int]]] = []
    # per clause: stem -> the synonyms that gave it, as (evidence, the partner's stems)
    borrowed: list[dict[int, list[tuple[str, frozenset[int]]]]] = []
    rows: list[int] = []
    cols: list[int] = []
    synonyms = ix.synonyms()
    for c, toks in enumerate(clauses):
        pos: dict[int, list[int]] = {}
        found_cols = [ix.vocab.get(t.stem) for t in toks]
        for i, j in enumerate(found_cols):
            if j is not None:
                pos.setdefault(j, []).append(i)
        lent: dict[int, list[tuple[str, frozenset[int]]]] = {}
        natural = set(pos)
        for a, b, partner, _ in synonyms.spans(found_cols):
            if any(collides(t.word, t.stem) for t in toks[a:b]):
                continue  # "care" is no "car" and so no "lorry"
            said = " ".join(t.word for t in toks[a:b])
            lend = (f"{said!r} read as {synonyms.name(partner)!r}", frozenset(partner))
            for j in partner:
                if j not in natural:
                    pos.setdefault(j, [a])
                    lent.setdefault(j, []).append(lend)
        for i, cur, note in curated_lends(g, ix, toks):  # "till" -> "cash register"
            for j in cur:
                at = pos.setdefault(j, [])  # beside a literal word of the stem, not lost
                if i not in at:
                    at.append(i)
                    at.sort()
                lent.setdefault(j, []).append((note, cur))
        for i, j, note in agent_lends(g, ix, text, toks):  # "driver" -> "drive"
            if j not in natural:
                at = pos.setdefault(j, [])
                if i not in at:
                    at.append(i)
                    at.sort()
                lent.setdefault(j, []).append((note, frozenset((j,))))
        positions.append(pos)
        borrowed.append(lent)
        rows.extend([c] * len(pos))
        cols.extend(pos)
    if not rows:
        return covered
    queries = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(clauses), len(ix.vocab)))
    # only entries whose anchor stems a clause holds can be named by it (see `_anchors`);
    # then one product over those: the real part sums the idf of the stems present, the
    # imaginary part counts them
    anchored = ix.anchors[np.unique(np.array(cols, dtype=np.int64))]
    named = np.unique(anchored.indices)
    if mask is not None:
        named = named[mask[ix.entry_node[named]]]
    by_clause: dict[int, list[tuple[int, float, float]]] = {}
    if not len(named):
        return covered
    hits = sp.coo_matrix(ix.W_counted[named] @ sp.csr_matrix(queries.T))
    e_of, c_of = named[hits.row], hits.col
    mm, cnt = hits.data.real, hits.data.imag
    cov = mm / ix.mass[e_of]
    ok = (cov >= 0.999) | (
        (ix.ntok[e_of] >= LONG_LABEL) & (cov >= 1.0 - MISSING_SHARE) & (cnt >= 3)
    )
    for c, e, m, v in zip(
        c_of[ok].tolist(), e_of[ok].tolist(), mm[ok].tolist(), cov[ok].tolist(), strict=True
    ):
        by_clause.setdefault(c, []).append((e, m, v))
    for c in sorted(by_clause):
        pos = positions[c]
        toks = clauses[c]
        cands = []
        for e, m, v in by_clause[c]:
            stems = [s for s in ix.stems_of(e).tolist() if s in pos]
            lo, hi = _window([pos[s] for s in stems])
            if hi - lo + 1 > len(stems) + 2:
                continue
            score = v**2 * float(FIELD_WEIGHT[ix.entry_field[e]]) * m / (m + 2.0)
            via = [s for s in stems if s in borrowed[c]]
            if len(via) == len(stems):
                continue  # a synonym completes a label the clause names, never names it alone
            notes = _whole_partners(borrowed[c], via, set(stems))
            if notes is None:
                continue  # the label holds part of a synonym only ("understand" of
                # "understand written", which "reading" stands for)
            if notes:
                score *= SYNONYM_SCORE
            span = frozenset(i for s in stems for i in pos[s] if lo <= i <= hi)
            cands.append((len(stems), score, e, lo, hi, span, "; ".join(notes)))
        cands.sort(key=lambda x: (-x[0], -x[1], x[2]))
        accepted: list[frozenset[int]] = []
        kept: list[tuple[float, int, int, int, frozenset[int], str]] = []
        for _, score, e, lo, hi, span, note in cands:
            if any(span < other for other in accepted):
                continue  # a longer label of another skill holds these words
            need = 1.0 - MISSING_SHARE if ix.ntok[e] >= LONG_LABEL else 1.0
            a, b = toks[lo].start, toks[hi].end
            why = whole_verdict(toks[lo : hi + 1], str(ix.entry_text[e]), need) or weak_verdict(
                text, toks, [toks[i] for i in sorted(span)], str(ix.entry_text[e])
            )
            if why:
                rejected.append(
                    rejected_of(g, text, ix, int(ix.entry_node[e]), score, e, a, b, why)
                )
                continue
            accepted.append(span)
            kept.append((score, e, lo, hi, span, note))
        for score, e, lo, hi, span, note in kept:
            own = FIELDS[int(ix.entry_field[e])] in ("label", "label_variant")
            # a skill's own label, found around a modifier, is the skill ("managed customer
            # service teams" manages a team), and so is an alt label that names it in other
            # words ("manage team" of "manage staff"); an alt label that is its label short
            # of a word ("operating truck" of "operate dump truck") names the modified noun
            why = (
                ""
                if own or not _shortened(g, ix, e)
                else _between(text, toks, lo, hi, span, [x[4] for x in kept])
            )
            covered[c] |= span  # rejected here, its words still belong to the other's phrase
            if why:
                a, b = toks[lo].start, toks[hi].end
                node = int(ix.entry_node[e])
                rejected.append(rejected_of(g, text, ix, node, score, e, a, b, why))
                continue
            node = int(ix.entry_node[e])
            prev = found.get(node)
            if prev is None or prev[0] < score:
                field = FIELDS[int(ix.entry_field[e])]
                found[node] = (score, e, toks[lo].start, toks[hi].end, field, note)
    return covered


def _shortened(g: SkillGraph, ix: TextIndex, e: int) -> bool:
    """Whether entry ``e`` (an alt or hidden label) is its skill's label short of a word or
    more: its content stems all in the label's, the label holding others ("operating
    truck" of "operate dump truck"; not "manage team" of "manage staff")."""
    return _short_of(g.nodes[ix.ids[int(ix.entry_node[e])]].label, str(ix.entry_text[e]))


@lru_cache(maxsize=65536)
def _short_of(label: str, alt: str) -> bool:
    """Whether the content stems of ``alt`` are a proper part of those of ``label``."""
    own = {t.stem for t in tokens(label) if t.word not in STOP_WORDS}
    return {t.stem for t in tokens(alt) if t.word not in STOP_WORDS} < own


def _between(
    text: str,
    toks: list[Token],
    lo: int,
    hi: int,
    span: frozenset[int],
    spans: list[frozenset[int]],
) -> str:
    """Why a label found through the words ``span`` of a clause (its content words
    ``toks``, from ``lo`` to ``hi``) is not credited: a word between its words, written
    right before the next of them, ends another label found in the clause that starts on
    the same word, so that word changes the noun ("operated forklift trucks" names
    "operate forklift", not "operating truck"; "forklift and dump trucks" keeps both);
    "" when none does."""
    for i in range(lo + 1, hi):
        if i in span or text[toks[i].end : toks[i + 1].start].strip(" -"):
            continue
        for other in spans:
            if other is not span and lo in other and i in other and max(other) == i:
                return f"{toks[i].word!r} between its words names another skill"
    return ""


def _whole_partners(
    lent: dict[int, list[tuple[str, frozenset[int]]]], via: list[int], stems: set[int]
) -> list[str] | None:
    """The evidence of the synonyms that lend a label its stems ``via`` (``stems``: the
    label's stems the clause holds), each stem lent by a synonym whose partner the label
    holds whole; None when a stem has no such synonym: a run stands for its partner
    whole, never for a part of it."""
    notes: set[str] = set()
    for s in via:
        whole = [note for note, partner in lent[s] if partner <= stems]
        if not whole:
            return None
        notes.add(min(whole))
    return sorted(notes)


def _uncovered_runs(toks: list[Token], covered: set[int]) -> list[tuple[int, int]]:
    """Spans of the runs of uncovered tokens holding a word that is not a filler."""
    runs: list[tuple[int, int]] = []
    cur: list[Token] = []
    for i, t in enumerate([*toks, None]):
        if t is not None and i not in covered:
            cur.append(t)
            continue
        while cur and cur[-1].word in _FILLER:
            cur.pop()
        while cur and cur[0].word in _FILLER:
            cur.pop(0)
        if cur:
            runs.append((cur[0].start, cur[-1].end))
        cur = []
    return runs
