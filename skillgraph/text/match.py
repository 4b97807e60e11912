"""Free text and job titles to the nodes of a graph, lexically.

Titles (``match_roles``, ``match_nodes``): each label, alt label and hidden label is scored
against the query by the cosine of their idf-weighted stems (inflections and plurals
forgiven) mixed with the cosine of their character 3-gram tf-idf vectors (typos and word
parts); a node scores as its best label, plus a little of its second best (a role with
several close titles beats one with a single one) and its whole bag of label words (BM25).
Free text (``match_skills``): the text is cut into clauses, and a skill matches where all
the content words of one of its labels (at least three quarters of them for labels of
four words or more) occur close together in one clause; clauses that name no label are
compared with whole skill documents (labels and description), and what still matches
nothing is reported in ``unmatched``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

import numpy as np
import scipy.sparse as sp
from pydantic import BaseModel, ConfigDict, Field

from ..errors import InvalidValueError
from ..model import NodeType
from ._analyze import STOP_WORDS, Token, segments, tokens, words
from ._index import (
    BM25_K1,
    FIELD_WEIGHT,
    FIELDS,
    LONG_LABEL,
    MISSING_SHARE,
    TextIndex,
    text_index,
)

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = [
    "Phrase",
    "TextMatch",
    "TextMatches",
    "match_nodes",
    "match_roles",
    "match_skills",
    "resolve_by_text",
    "suggest",
]

#: weight of the word cosine against the character 3-gram cosine in title matching
WORD_WEIGHT = 0.6
#: weight of a node's whole bag of label words (BM25) against its best single label
BAG_WEIGHT = 0.5
#: weight of a node's second-best label in its title score
SECOND_WEIGHT = 0.1
#: nodes (best first) whose second-best label is looked at
CANDIDATES = 50
#: weight of the description in a title's score
DESCRIPTION_WEIGHT = 0.1
#: free-text clauses holding no whole label match one label from this word cosine on
LOOSE_THRESHOLD = 0.55
#: ... when the clause has at most this many content words ("some Excel")
LOOSE_WORDS = 3
#: free-text clauses matched against whole skill documents need at least this cosine
DOCUMENT_THRESHOLD = 0.35
#: most words a free text may have (longer texts raise InvalidValueError)
MAX_WORDS = 50_000

Method = Literal["lexical", "embeddings", "hybrid"]
#: weight of the embedding cosine in "hybrid" title matching
EMBEDDING_WEIGHT = 0.3
#: a free-text clause matches its nearest skill label by embedding from this cosine on
EMBEDDING_THRESHOLD = 0.65

Field_ = Literal[
    "label",
    "alt_label",
    "hidden_label",
    "label_variant",
    "alt_label_variant",
    "description",
    "embedding",
]

#: filler words of CVs and job ads: never reported as unmatched on their own
_FILLER = STOP_WORDS | frozenset(
    """able ability experience experienced years year months good strong excellent solid
    basic advanced proficient proficiency familiar familiarity knowledge skills skill
    working work worked responsible responsibility including include includes using use
    used like also well great plus etc job role position team looking seeking want
    did done doing make made get got little know knows knew known understand
    understanding hands-on handson exposure""".split()  # noqa: SIM905
)


class TextMatch(BaseModel):
    """A node named by a free text or a title.

    ``text`` is the span of the query that matched (``start``/``end`` its offsets);
    ``matched`` the label (or description) it matched; ``field`` which one it was;
    ``score`` in [0, 1], higher is better; ``evidence`` short human-readable reasons.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    label: str
    score: float
    text: str
    start: int
    end: int
    field: Field_
    matched: str
    evidence: list[str] = Field(default_factory=list)

    def to_json(self, *, indent: int | None = 2) -> str:
        """This match as JSON text."""
        return self.model_dump_json(indent=indent)


class Phrase(BaseModel):
    """A part of a free text that matched nothing (``start``/``end`` its offsets)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    start: int
    end: int


class TextMatches(list[TextMatch]):
    """The matches of a free text, best first (a list), with what matched nothing.

    Attributes:
        unmatched: the phrases of the text that name no node, in text order.
    """

    def __init__(self, matches: Iterable[TextMatch] = (), unmatched: Iterable[Phrase] = ()):
        super().__init__(matches)
        self.unmatched: list[Phrase] = list(unmatched)

    @property
    def ids(self) -> list[str]:
        """The matched ids, best first."""
        return [m.id for m in self]

    def to_json(self, *, indent: int | None = 2) -> str:
        """The matches and unmatched phrases as JSON text."""
        import json

        return json.dumps(
            {
                "matches": [m.model_dump(mode="json") for m in self],
                "unmatched": [p.model_dump(mode="json") for p in self.unmatched],
            },
            indent=indent,
            ensure_ascii=False,
        )


def _check_k(k: int | None) -> None:
    if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 0):
        raise InvalidValueError(f"k must be a non-negative integer or None, got {k!r}", field="k")


def _check_method(method: object) -> None:
    if method not in ("lexical", "embeddings", "hybrid"):
        raise InvalidValueError(
            f"method must be 'lexical', 'embeddings' or 'hybrid', got {method!r}", field="method"
        )


def _check_text(text: object, name: str) -> str:
    if not isinstance(text, str):
        raise InvalidValueError(f"{name} must be a string, got {type(text).__name__}", field=name)
    return text


# ---------------------------------------------------------------------- titles
def _title_scores(ix: TextIndex, query: str, mask: np.ndarray | None) -> tuple[np.ndarray, ...]:
    """Per-node best label score, the entry that gave it, and the word/char parts."""
    toks = tokens(query)
    content = [t for t in toks if t.word not in STOP_WORDS] or toks
    n_entries = len(ix.entry_text)
    score = np.zeros(n_entries)
    cols, w = _fuzzy_stems(ix, content)
    if len(cols):
        score += WORD_WEIGHT * (ix.WnT[cols].T @ (w / np.linalg.norm(w)))
    gcols, gw = ix.query_grams([t.word for t in toks])
    if len(gcols):
        score += (1.0 - WORD_WEIGHT) * (ix.C[:, gcols] @ gw)
    score *= FIELD_WEIGHT[ix.entry_field]
    n_nodes = len(ix.ids)
    best = np.zeros(n_nodes)
    np.maximum.at(best, ix.entry_node, score)
    if SECOND_WEIGHT:  # a role with several close titles beats one with a single one
        top = np.argpartition(-best, min(len(best) - 1, CANDIDATES))[:CANDIDATES]
        lo = np.searchsorted(ix.entry_node, top, side="left")
        hi = np.searchsorted(ix.entry_node, top, side="right")
        second = np.zeros(len(top))
        for i, (a, b) in enumerate(zip(lo.tolist(), hi.tolist(), strict=True)):
            if b - a > 1:
                second[i] = np.partition(score[a:b], b - a - 2)[b - a - 2]
        best[top] += SECOND_WEIGHT * second
    if len(cols) and BAG_WEIGHT:
        bag = ix.title_bm25()[cols].T @ w / (float(w.sum()) * (BM25_K1 + 1.0))
        best = (1.0 - BAG_WEIGHT) * best + BAG_WEIGHT * bag
    for f, n in ix.same_title(words(query)):  # the query is this title
        best[n] = max(best[n], float(FIELD_WEIGHT[f]))
    if mask is not None:
        best[~mask] = 0.0
    return best, score


def _fuzzy_stems(ix: TextIndex, toks: list[Token]) -> tuple[np.ndarray, np.ndarray]:
    """Stem columns and weights of ``toks``; a word the graph does not know (or knows from
    one node only) also counts as the known words spelled like it, weighted by likeness."""
    weights: dict[int, float] = {}
    for t in toks:
        j = ix.vocab.get(t.stem)
        if j is not None:
            weights[j] = max(weights.get(j, 0.0), float(ix.idf[j]))
        if j is None or ix.idf[j] >= ix.rare_idf:
            for col, dice in ix.similar_words(t.word):
                if col != j:
                    weights[col] = max(weights.get(col, 0.0), 0.9 * dice**2 * float(ix.idf[col]))
    cols = np.array(sorted(weights), dtype=np.int64)
    return cols, np.array([weights[c] for c in cols.tolist()])


def _best_entry(ix: TextIndex, node: int, entry_scores: np.ndarray) -> int:
    lo = int(np.searchsorted(ix.entry_node, node, side="left"))
    hi = int(np.searchsorted(ix.entry_node, node, side="right"))
    return lo + int(np.argmax(entry_scores[lo:hi]))


def match_nodes(
    g: SkillGraph,
    title: str,
    types: tuple[NodeType, ...] | None = None,
    k: int | None = 10,
    *,
    min_score: float = 0.0,
    descriptions: bool = False,
    method: Method = "lexical",
) -> list[TextMatch]:
    """The nodes (of ``types``) whose labels are closest to ``title``, best first.

    ``method``: ``"lexical"`` (the default), ``"embeddings"`` (cosine of the bundled
    sentence-embedding model between ``title`` and each label) or ``"hybrid"`` (their mix,
    ``EMBEDDING_WEIGHT`` to the embeddings).

    Raises:
        InvalidValueError: ``title`` is not a string, ``k`` is negative or ``method`` is
            unknown.
        OptionalDependencyError: ``method`` needs the ``embeddings`` extra.
    """
    _check_text(title, "title")
    _check_k(k)
    _check_method(method)
    ix = text_index(g)
    if not ix.ids or not title.strip():
        return []
    mask = ix.type_mask(types)
    best, entry_scores = _title_scores(ix, title, mask)
    emb_field = False
    if method != "lexical":
        from ._embed import embedder, entry_vectors

        vectors = entry_vectors(g)
        es = np.clip(vectors @ embedder()([title])[0], 0.0, 1.0).astype(np.float64)
        if mask is not None:
            es = es * mask[ix.entry_node]
        emb_best = np.zeros(len(ix.ids))
        np.maximum.at(emb_best, ix.entry_node, es)
        if method == "embeddings":
            best, entry_scores, emb_field = emb_best, es, True
            descriptions = False
        else:
            best = (1.0 - EMBEDDING_WEIGHT) * best + EMBEDDING_WEIGHT * emb_best
    if descriptions:
        docs, _ = ix.descriptions(g)
        toks = [t for t in tokens(title) if t.word not in STOP_WORDS]
        cols, w = ix.query_stems([t.stem for t in toks])
        if len(cols):
            dscore = docs[cols].T @ (w / np.linalg.norm(w))
            if mask is not None:
                dscore[~mask] = 0.0
            best = best + DESCRIPTION_WEIGHT * dscore * (best > 0)
    order = np.lexsort((np.arange(len(best)), -best))
    out: list[TextMatch] = []
    nodes = g.nodes
    for n in order.tolist():
        s = float(best[n])
        if s <= min_score or s <= 0.0 or (k is not None and len(out) >= k):
            break
        e = _best_entry(ix, n, entry_scores)
        field = "embedding" if emb_field else FIELDS[int(ix.entry_field[e])]
        nid = ix.ids[n]
        out.append(
            TextMatch(
                id=nid,
                label=nodes[nid].label,
                score=round(min(1.0, s), 6),
                text=title,
                start=0,
                end=len(title),
                field=field,
                matched=ix.entry_text[e],
                evidence=[f"{field.replace('_', ' ')} {ix.entry_text[e]!r}"],
            )
        )
    return out


def match_roles(
    g: SkillGraph, title: str, k: int | None = 10, *, method: Method = "lexical"
) -> list[TextMatch]:
    """The roles whose titles (label, alt and hidden labels) best match ``title``.

    Raises:
        InvalidValueError: ``title`` is not a string, ``k`` is negative or ``method`` is
            unknown.
        OptionalDependencyError: ``method`` needs the ``embeddings`` extra.
    """
    return match_nodes(g, title, (NodeType.ROLE,), k, descriptions=True, method=method)


def resolve_by_text(
    g: SkillGraph, text: str, types: tuple[NodeType, ...] | None, among: Iterable[str] = ()
) -> str | list[str] | None:
    """The node ``text`` names once plurals are forgiven: its id, the tied ids, or None.

    With ``among`` (the ids an exact lookup found equally good), the one node whose
    preferred label is ``text`` up to plurals (None if not exactly one); without, the
    nodes with the best-priority label, alt or hidden label equal to ``text`` up to plurals.
    """
    ix = text_index(g)
    hits = ix.same_title(words(text))
    nodes = g.nodes
    allowed = [
        (f if f < 3 else f - 2, ix.ids[n])
        for f, n in hits
        if types is None or nodes[ix.ids[n]].node_type in types
    ]
    pool = set(among)
    if pool:
        labels = sorted({i for f, i in allowed if f == 0})
        inside = [i for i in labels if i in pool]
        if len(inside) == 1:
            return inside[0]
        return labels[0] if len(labels) == 1 else None
    if not allowed:
        return None
    top = min(f for f, _ in allowed)
    ids = sorted({i for f, i in allowed if f == top})
    return ids[0] if len(ids) == 1 else ids


#: suggestions ("Did you mean") need at least this title score
SUGGEST_THRESHOLD = 0.2


def suggest(
    g: SkillGraph, text: str, types: tuple[NodeType, ...] | None, n: int = 5
) -> list[tuple[str, str]]:
    """``(id, label)`` of the ``n`` nodes (of ``types``) whose labels are closest to
    ``text``: the "Did you mean" of a lookup that failed."""
    return [
        (m.id, m.label)
        for m in match_nodes(g, text, types, n, min_score=SUGGEST_THRESHOLD, descriptions=False)
    ]


# ---------------------------------------------------------------------- free text
def _window(positions: list[list[int]]) -> tuple[int, int]:
    """The tightest (first, last) token positions holding one position of each list."""
    anchor = min(positions, key=len)
    best = (0, 1 << 30)
    for a in anchor:
        chosen = [min(p, key=lambda x: abs(x - a)) for p in positions]
        lo, hi = min(chosen), max(chosen)
        if hi - lo < best[1] - best[0]:
            best = (lo, hi)
    return best


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
    _check_text(text, "text")
    _check_k(k)
    _check_method(method)
    ix = text_index(g)
    mask = ix.type_mask((NodeType.SKILL,))
    clauses: list[tuple[int, int, list[Token]]] = []
    n_words = 0
    for a, b in segments(text):
        toks = [t for t in tokens(text[a:b], offset=a) if t.word not in STOP_WORDS]
        n_words += len(toks)
        if toks:
            clauses.append((a, b, toks))
    if n_words > MAX_WORDS:
        raise InvalidValueError(
            f"text has {n_words} words; at most {MAX_WORDS} are matched at once", field="text"
        )
    found: dict[int, tuple[float, int, int, int, str]] = {}  # node -> score, entry, start, end
    if method == "embeddings":
        covered_by_clause: list[set[int]] = [set() for _ in clauses]
    else:
        covered_by_clause = _match_clauses(ix, mask, [toks for _, _, toks in clauses], found)
    # clauses that named no label: compare with whole skill documents
    unmatched: list[Phrase] = []
    leftovers = []
    for (a, b, toks), covered in zip(clauses, covered_by_clause, strict=True):
        runs = _uncovered_runs(toks, covered)
        if not covered and runs:
            leftovers.append((a, b, toks))
        else:
            unmatched.extend(Phrase(text=text[s:e], start=s, end=e) for s, e in runs)
    fallback = _loose_matches if method == "lexical" else _embedding_matches
    for (_, _, toks), hit in zip(leftovers, fallback(g, ix, mask, leftovers), strict=True):
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
            found[n] = (score, entry, toks[0].start, toks[-1].end, field)
    nodes = g.nodes
    order = sorted(found.items(), key=lambda kv: (-kv[1][0], kv[1][2], ix.ids[kv[0]]))
    if k is not None:
        order = order[:k]
    out: list[TextMatch] = []
    for n, (score, e, s, end, field) in order:
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
                matched=matched if e >= 0 else _clip(matched),
                evidence=[why],
            )
        )
    unmatched.sort(key=lambda p: p.start)
    return TextMatches(out, unmatched)


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _match_clauses(
    ix: TextIndex,
    mask: np.ndarray | None,
    clauses: list[list[Token]],
    found: dict[int, tuple[float, int, int, int, str]],
) -> list[set[int]]:
    """Record the skills whose labels occur in each clause; each clause's covered positions.

    All clauses are scored at once: the entries whose anchors a clause holds, times the
    clauses, give for each such entry the idf mass and the number of its stems present.
    """
    covered: list[set[int]] = [set() for _ in clauses]
    positions: list[dict[int, list[int]]] = []
    rows: list[int] = []
    cols: list[int] = []
    for c, toks in enumerate(clauses):
        pos: dict[int, list[int]] = {}
        for i, t in enumerate(toks):
            j = ix.vocab.get(t.stem)
            if j is not None:
                pos.setdefault(j, []).append(i)
        positions.append(pos)
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
            span = frozenset(i for s in stems for i in pos[s] if lo <= i <= hi)
            cands.append((len(stems), score, e, lo, hi, span))
        cands.sort(key=lambda x: (-x[0], -x[1], x[2]))
        accepted: list[frozenset[int]] = []
        for _, score, e, lo, hi, span in cands:
            if any(span < other for other in accepted):
                continue  # a longer label of another skill holds these words
            accepted.append(span)
            covered[c] |= span
            node = int(ix.entry_node[e])
            prev = found.get(node)
            if prev is None or prev[0] < score:
                field = FIELDS[int(ix.entry_field[e])]
                found[node] = (score, e, toks[lo].start, toks[hi].end, field)
    return covered


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


def _embedding_matches(
    g: SkillGraph,
    ix: TextIndex,
    mask: np.ndarray | None,
    clauses: list[tuple[int, int, list[Token]]],
) -> list[tuple[int, float, int] | None]:
    """For each clause: the skill whose label is nearest by embedding, when its cosine is at
    least ``EMBEDDING_THRESHOLD``; as (node, score, entry), or None."""
    from ._embed import embedder, entry_vectors

    if not clauses:
        return []
    vectors = entry_vectors(g)
    texts = [" ".join(t.word for t in toks) for _, _, toks in clauses]
    sims = embedder()(texts) @ vectors.T
    out: list[tuple[int, float, int] | None] = []
    for row in sims:
        if mask is not None:
            row = row * mask[ix.entry_node]
        e = int(np.argmax(row))
        s = float(row[e])
        out.append((int(ix.entry_node[e]), round(s, 6), e) if s >= EMBEDDING_THRESHOLD else None)
    return out


def _loose_matches(
    g: SkillGraph,
    ix: TextIndex,
    mask: np.ndarray | None,
    clauses: list[tuple[int, int, list[Token]]],
) -> list[tuple[int, float, int] | None]:
    """For each clause that holds no whole label: the skill whose single label is closest
    (word cosine at least ``LOOSE_THRESHOLD``, clauses of at most ``LOOSE_WORDS`` content
    words: "Excel" -> "Microsoft Office Excel"), else the skill whose labels and
    description are closest (cosine at least ``DOCUMENT_THRESHOLD``); as (node, score,
    entry or -1), or None. All clauses are scored at once (sparse products)."""
    out: list[tuple[int, float, int] | None] = [None] * len(clauses)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    short = np.zeros(len(clauses), dtype=bool)
    for c, (_, _, toks) in enumerate(clauses):
        content = [t for t in toks if t.word not in _FILLER]
        qc, w = ix.query_stems([t.stem for t in content])
        if len(qc):
            w = w / np.linalg.norm(w)
            rows.extend([c] * len(qc))
            cols.extend(qc.tolist())
            vals.extend(w.tolist())
            short[c] = len(content) <= LOOSE_WORDS
    if not rows:
        return out
    q = sp.csr_matrix((vals, (rows, cols)), shape=(len(clauses), len(ix.vocab)))
    labels = _row_best(sp.csr_matrix(q @ ix.WnT), None if mask is None else mask[ix.entry_node])
    docs, _ = ix.descriptions(g)
    whole = _row_best(sp.csr_matrix(q @ docs), mask)
    for c in range(len(clauses)):
        e, s = labels[c]
        if short[c] and e >= 0 and s >= LOOSE_THRESHOLD:
            out[c] = (int(ix.entry_node[e]), round(0.8 * s, 6), e)
            continue
        n, d = whole[c]
        if n >= 0 and d >= DOCUMENT_THRESHOLD:
            out[c] = (n, round(0.5 * d, 6), -1)
    return out


def _row_best(m: sp.csr_matrix, allowed: np.ndarray | None) -> list[tuple[int, float]]:
    """For each row of ``m`` (values >= 0): (column, value) of its largest allowed value
    (ties: the lowest column), or (-1, 0) for a row with no allowed value above 0."""
    m = sp.csr_matrix(m)
    m.sort_indices()
    n_rows = m.shape[0]
    data = m.data if allowed is None else np.where(allowed[m.indices], m.data, 0.0)
    rows = np.repeat(np.arange(n_rows), np.diff(m.indptr))
    top = np.zeros(n_rows)
    np.maximum.at(top, rows, data)
    at = np.flatnonzero((data == top[rows]) & (data > 0.0))
    first_rows, first = np.unique(rows[at], return_index=True)  # lowest column of each row
    out: list[tuple[int, float]] = [(-1, 0.0)] * n_rows
    for r, j in zip(first_rows.tolist(), m.indices[at[first]].tolist(), strict=True):
        out[r] = (int(j), float(top[r]))
    return out
