"""The fallbacks of free-text matching for clauses the labels found in them do not name
whole: the nearest label by word cosine (a loose match), the nearest skill document
(labels and description), or the nearest label by embedding; and a short clause named
only in part taking the loose label that names all of it (`whole_clauses`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from ._accept import FILLER as _FILLER
from ._accept import NOUN_FILLER, Rejected, described_verdict, loose_verdict, weak
from ._analyze import Token
from ._credit import Found, rejected_of
from ._index import FIELDS, TextIndex
from ._results import Phrase

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = [
    "DOCUMENT_THRESHOLD",
    "EMBEDDING_THRESHOLD",
    "LOOSE_CANDIDATES",
    "LOOSE_THRESHOLD",
    "LOOSE_WORDS",
    "Clauses",
    "Hits",
    "embedding_matches",
    "loose_matches",
    "row_best",
    "row_top",
    "short",
    "whole_clauses",
]

#: free-text clauses holding no whole label match one label from this word cosine on
LOOSE_THRESHOLD = 0.55
#: ... when the clause has at most this many content words ("some Excel")
LOOSE_WORDS = 3
#: free-text clauses matched against whole skill documents need at least this cosine
DOCUMENT_THRESHOLD = 0.35
#: a free-text clause matches its nearest skill label by embedding from this cosine on
EMBEDDING_THRESHOLD = 0.65

#: how many nearest labels of a loose clause are judged (the first accepted one is taken)
LOOSE_CANDIDATES = 5

#: clauses of a text: (start, end, content tokens)
Clauses = list[tuple[int, int, list[Token]]]
#: per clause, the (node, score, entry or -1) a fallback found, or None
Hits = list[tuple[int, float, int] | None]
Mask = np.ndarray | None


def short(toks: list[Token]) -> bool:
    """Whether a clause is short enough for a loose match (``LOOSE_WORDS`` content words,
    numbers and units not counted)."""
    return 0 < sum(_counts(t) for t in toks) <= LOOSE_WORDS


def _counts(t: Token) -> bool:
    """Whether a word of a clause is one a loose match must explain."""
    return not weak(t.word) or t.word in NOUN_FILLER


def whole_clauses(
    g: SkillGraph,
    text: str,
    ix: TextIndex,
    mask: Mask,
    clauses: Clauses,
    found: dict[int, Found],
    rejected: list[Rejected],
    unmatched: list[Phrase],
) -> None:
    """For each short clause whose labels found explain part of it: the label a loose
    match (`loose_matches`) finds for the whole clause, when it explains every content
    word, is credited instead of those parts ("reading blueprints" is "read standard
    blueprints", not "blueprints"), and so is one that explains every word but the verb
    when a part found starts on the verb and leaves a noun out ("met sales targets" is
    "achieve sales targets", not "meet targets"); the parts go to ``rejected``."""
    hits = loose_matches(g, text, ix, mask, clauses, [])
    for (a, b, toks), hit in zip(clauses, hits, strict=True):
        if hit is None or hit[2] < 0 or hit[0] in found:
            continue
        n, score, e = hit
        label = str(ix.entry_text[e])
        if loose_verdict(text, a, b, label, _FILLER, every=True):
            # the verb swapped ("met sales targets" -> "achieve sales targets"): only when
            # a part found starts on that verb and holds a noun after it but leaves one
            # out ("meet targets"), so the swapped label names more of the clause than
            # the parts ("pathology of cells" names no "study of cells")
            verb = toks[0]
            if not label[:1].islower() or not any(
                s == verb.start and verb.end < end <= b for _, _, s, end, _, _ in found.values()
            ):
                continue  # a label written from a capital starts on a name ("Google Cloud
                # software" is no verb swapped for "Oracle Cloud software")
            why = f"{label!r} names all of {text[a:b]!r} but its verb"
        else:
            why = f"{label!r} names all of {text[a:b]!r}"
        for m, (sc, me, s, end, _, _) in list(found.items()):
            if a <= s and end <= b:
                rejected.append(rejected_of(g, text, ix, m, sc, me, s, end, why))
                del found[m]
        found[n] = (score, e, toks[0].start, toks[-1].end, FIELDS[int(ix.entry_field[e])], "")
        unmatched[:] = [p for p in unmatched if not (a <= p.start and p.end <= b)]


def embedding_matches(g: SkillGraph, ix: TextIndex, mask: Mask, clauses: Clauses) -> Hits:
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


def loose_matches(
    g: SkillGraph, text: str, ix: TextIndex, mask: Mask, clauses: Clauses, rejected: list[Rejected]
) -> Hits:
    """For each clause that holds no whole label: the skill whose single label is closest
    (word cosine at least ``LOOSE_THRESHOLD``, clauses of at most ``LOOSE_WORDS`` content
    words: "Excel" -> "Microsoft Office Excel") among the ``LOOSE_CANDIDATES`` nearest that
    `skillgraph.text._accept.loose_verdict` accepts, else the skill whose labels and
    description are closest (cosine at least ``DOCUMENT_THRESHOLD``, score at least
    ``DESCRIPTION_SCORE``); as (node, score, entry or -1), or None. The best candidate
    of a clause matched by neither goes to ``rejected``. All clauses are scored at once
    (sparse products)."""
    out: list[tuple[int, float, int] | None] = [None] * len(clauses)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    short = np.zeros(len(clauses), dtype=bool)
    said: list[list[Token]] = []
    for c, (_, _, toks) in enumerate(clauses):
        content = [t for t in toks if _counts(t)]  # "Java 8" is asked as "Java"
        qc, w = ix.query_stems([t.stem for t in content])
        said.append([t for t in content if t.stem in ix.vocab])
        if len(qc):
            w = w / np.linalg.norm(w)
            rows.extend([c] * len(qc))
            cols.extend(qc.tolist())
            vals.extend(w.tolist())
            short[c] = len(content) <= LOOSE_WORDS
    if not rows:
        return out
    q = sp.csr_matrix((vals, (rows, cols)), shape=(len(clauses), len(ix.vocab)))
    allowed = None if mask is None else mask[ix.entry_node]
    labels = row_top(sp.csr_matrix(q @ ix.WnT), allowed, LOOSE_CANDIDATES)
    docs, _ = ix.descriptions(g)
    whole = row_best(sp.csr_matrix(q @ docs), mask)
    for c, (_, _, toks) in enumerate(clauses):
        a, b = toks[0].start, toks[-1].end
        first: Rejected | None = None
        for e, s in labels[c] if short[c] else []:
            if s < LOOSE_THRESHOLD:
                break
            node, score = int(ix.entry_node[e]), round(0.8 * s, 6)
            why = loose_verdict(text, a, b, str(ix.entry_text[e]), _FILLER) or _rarer(
                ix, text, said[c], e
            )
            if not why:
                out[c] = (node, score, e)
                break
            first = first or rejected_of(g, text, ix, node, score, e, a, b, why)
        if out[c] is not None:
            continue
        n, d = whole[c]
        if n >= 0 and d >= DOCUMENT_THRESHOLD:
            skill = g.nodes[ix.ids[n]]
            doc = " ".join([skill.label, *skill.alt_labels, skill.description or ""])
            why = described_verdict(text, a, b, doc, 0.5 * d, _FILLER)
            if not why:
                out[c] = (n, round(0.5 * d, 6), -1)
                continue
            first = first or rejected_of(g, text, ix, n, round(0.5 * d, 6), -1, a, b, why)
        if first is not None:
            rejected.append(first)
    return out


def _rarer(ix: TextIndex, text: str, said: list[Token], e: int) -> str:
    """Why a clause of one known word does not name label ``e`` loosely: the label holds a
    word rarer than it, the more specific word the clause lacks ("retail" is no "tyre
    retailing"), unless the word is a name written as the label writes it ("Hawk" is
    "Kitty Hawk"); "" when it does."""
    if len({t.stem for t in said}) != 1:
        return ""
    label = str(ix.entry_text[e])
    word = text[said[0].start : said[0].end]
    if word[:1].isupper() and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", label):
        return ""
    own = ix.vocab[said[0].stem]
    stems = ix.stems_of(e)
    rarest = int(stems[np.argmax(ix.idf[stems])])
    if rarest == own or ix.idf[rarest] <= ix.idf[own]:
        return ""
    return f"{ix.synonyms().words.get(rarest, '?')!r} of {label!r} is more specific"


def row_top(m: sp.csr_matrix, allowed: np.ndarray | None, n: int) -> list[list[tuple[int, float]]]:
    """For each row of ``m`` (values >= 0): its ``n`` largest allowed values above 0 as
    (column, value), largest first (ties: the lowest column first)."""
    m = sp.csr_matrix(m)
    out: list[list[tuple[int, float]]] = []
    for r in range(m.shape[0]):
        lo, hi = m.indptr[r], m.indptr[r + 1]
        idx, d = m.indices[lo:hi], m.data[lo:hi]
        keep = d > 0.0 if allowed is None else (d > 0.0) & allowed[idx]
        idx, d = idx[keep], d[keep]
        if len(d) > n:
            floor = np.partition(d, len(d) - n)[len(d) - n]
            idx, d = idx[d >= floor], d[d >= floor]
        order = np.lexsort((idx, -d))[:n]
        out.append([(int(idx[i]), float(d[i])) for i in order])
    return out


def row_best(m: sp.csr_matrix, allowed: np.ndarray | None) -> list[tuple[int, float]]:
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
