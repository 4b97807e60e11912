"""Job titles (and any short label) to the nodes of a graph, lexically.

Each label, alt label and hidden label is scored against the query by the cosine of their
idf-weighted stems (inflections and plurals forgiven) mixed with the cosine of their
character 3-gram tf-idf vectors (typos and word parts); a node scores as its best label,
plus a little of its second best (a role with several close titles beats one with a single
one) and its whole bag of label words (BM25), plus a little of the log posterior of a
naive Bayes model of which node owns a title (`skillgraph.text._owners`: prior from the
number of titles, word shares backed off to the node's group).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from .._store import cached
from ..model import NodeType
from ._analyze import STOP_WORDS, Token, stem, tokens, words
from ._index import BM25_K1, FIELD_WEIGHT, FIELDS, TextIndex, text_index
from ._prefixes import variant_words
from ._rerank import RERANK_CANDIDATES
from ._results import Method, TextMatch, check_k, check_method, check_text

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = ["match_nodes", "match_roles", "resolve_by_text", "suggest"]

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
#: weight (times idf and confidence) of a substitute the labels use for a run of the query
SYNONYM_WEIGHT = 0.8
#: weight of the naive Bayes owner model's log posterior (relative to the best node's) in a
#: title's score (`skillgraph.text._owners`)
OWNER_WEIGHT = 0.0125
#: a node with a lexical score whose owner term takes it to 0 or below keeps
#: ``OWNER_FLOOR * exp(score)`` (in (0, OWNER_FLOOR]: still a candidate, below the others,
#: in the same order); 0: such nodes are dropped
OWNER_FLOOR = 1e-3
#: weight of log(1 + titles a node shares with the nodes holding the query verbatim) in a
#: title's score (O*NET gives one title to groups of related occupations)
SHARED_WEIGHT = 0.1
#: the most that shared titles lift a node to (below every verbatim title's field weight)
SHARED_CAP = 0.9
#: weight of the embedding cosine in "hybrid" title matching
EMBEDDING_WEIGHT = 0.3
#: brand names of platform work, read as the word the taxonomies use when the graph's titles
#: do not hold them ("Uber driver" -> taxi drivers, not truck drivers)
BRAND_WORDS = {
    "uber eats": "food delivery",
    "uber": "taxi",
    "lyft": "taxi",
    "rideshare": "taxi",
    "ridesharing": "taxi",
}
_BRAND = re.compile(
    r"\b(" + "|".join(b.replace(" ", r"[\s-]+") for b in BRAND_WORDS) + r")\b", re.IGNORECASE
)


def _unbranded(ix: TextIndex, title: str) -> tuple[str, list[str]]:
    """``title`` with each `BRAND_WORDS` brand that no title of the graph holds replaced by
    its word, and the brands so read."""
    read: list[str] = []

    def swap(m: re.Match[str]) -> str:
        brand = m.group(0)
        said = " ".join(brand.lower().replace("-", " ").split())
        if all(ix.vocab.get(stem(w)) is not None for w in said.split()):
            return brand  # the graph's titles hold it: taken as it is
        read.append(said)
        return BRAND_WORDS[said]

    return _BRAND.sub(swap, title), read


# ---------------------------------------------------------------------- titles
def _title_scores(
    g: SkillGraph, ix: TextIndex, query: str, mask: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """Per-node title score and per-entry label score.

    A node scores as its best label, plus a little of its second best, mixed with its
    whole bag of label words; plus ``OWNER_WEIGHT`` times the owner model's log posterior
    less the best node's (`skillgraph.text._owners`: a node whose titles often hold the
    query's words, or whose group's do, and that goes by many titles, is a likelier
    owner); a node holding the query verbatim as a title scores at least that field's
    weight."""
    toks = tokens(query)
    content = [t for t in toks if t.word not in STOP_WORDS] or toks
    n_entries = len(ix.entry_text)
    score = np.zeros(n_entries)
    cols, w = _fuzzy_stems(ix, content, toks)
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
    # a variant word ("senior" on ESCO) counts in the best title only, not in the bag of a
    # node's title words nor in the owner model (`skillgraph.text._prefixes`)
    variant = _variant_columns(g, ix, mask)
    keep = np.array([c not in variant for c in cols.tolist()], dtype=bool)
    if len(cols) and not keep.any():
        keep[:] = True  # the query is variant words only: they are all it says
    bcols, bw = cols[keep], w[keep]
    if len(bcols) and BAG_WEIGHT:
        bag = ix.title_bm25()[bcols].T @ bw / (float(bw.sum()) * (BM25_K1 + 1.0))
        best = (1.0 - BAG_WEIGHT) * best + BAG_WEIGHT * bag
    if OWNER_WEIGHT:
        stems = [t.stem for t in content if ix.vocab.get(t.stem) not in variant]
        best = _with_owners(g, ix, best, stems or [t.stem for t in content], mask)
    verbatim = ix.same_title(words(query))
    if verbatim and SHARED_WEIGHT:  # roles that share titles with the title's holders
        shared = ix.shared_titles({n for _, n in verbatim})
        lifted = best + SHARED_WEIGHT * np.log1p(shared) * (best > 0)
        # never above SHARED_CAP: a verbatim title still ranks first
        best = np.maximum(best, np.minimum(lifted, SHARED_CAP))
    for f, n in verbatim:  # the query is this title
        best[n] = max(best[n], float(FIELD_WEIGHT[f]))
    if mask is not None:
        best[~mask] = 0.0
    return best, score


def _variant_columns(g: SkillGraph, ix: TextIndex, mask: np.ndarray | None) -> frozenset[int]:
    """The stem columns of the variant words of the node types in ``mask`` (None: all)."""
    found = cached(g, "text_variant_words", lambda h: variant_words(text_index(h)))
    codes = np.unique(ix.node_type if mask is None else ix.node_type[mask]).tolist()
    out: frozenset[int] = frozenset()
    for code in codes:
        out = out | found.get(int(code), frozenset())
    return out


def _with_owners(
    g: SkillGraph, ix: TextIndex, best: np.ndarray, stems: list[str], mask: np.ndarray | None
) -> np.ndarray:
    """``best`` plus ``OWNER_WEIGHT`` times the owner model's log posterior relative to the
    best node's, on the nodes (of ``mask``) that score above 0."""
    scored = best > 0.0
    if mask is not None:
        scored &= mask
    if not scored.any():
        return best
    cols, _ = ix.query_stems(stems)
    post = ix.owners(g).log_posterior(cols)
    post -= post[scored].max()
    out = np.where(scored, best + OWNER_WEIGHT * post, best)
    if OWNER_FLOOR:
        # a node the posterior pushes to 0 or below stays a candidate, below the others
        low = scored & (out <= 0.0)
        out[low] = OWNER_FLOOR * np.exp(out[low])
    return out


def _fuzzy_stems(
    ix: TextIndex, toks: list[Token], every: list[Token] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Stem columns and weights of ``toks``; a word the graph does not know (or knows from
    one node only) also counts as the known words spelled like it, weighted by likeness;
    a run of ``every`` (the query's words with stop words) holding such a rare word, that
    the graph's labels use interchangeably with another (`skillgraph.text._synonyms`:
    "RN" / "registered nurse"), also counts as the other, at ``SYNONYM_WEIGHT`` times the
    substitution's confidence. Runs of well-known words are not expanded: their own
    labels match them, and expanding them only blurs which node they name."""
    weights: dict[int, float] = {}
    for t in toks:
        j = ix.vocab.get(t.stem)
        if j is not None:
            weights[j] = max(weights.get(j, 0.0), float(ix.idf[j]))
        if j is None or ix.idf[j] >= ix.rare_idf:
            for col, dice in ix.similar_words(t.word):
                if col != j:
                    weights[col] = max(weights.get(col, 0.0), 0.9 * dice**2 * float(ix.idf[col]))
    if every and SYNONYM_WEIGHT:
        found = [ix.vocab.get(t.stem) for t in every]
        for a, b, partner, confidence in ix.synonyms().spans(found):
            if max(float(ix.idf[j]) for j in found[a:b] if j is not None) < ix.rare_idf:
                continue  # the graph knows these words well: they need no stand-in
            factor = SYNONYM_WEIGHT * confidence
            for col in partner:
                weights[col] = max(weights.get(col, 0.0), factor * float(ix.idf[col]))
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
    rerank: bool = False,
) -> list[TextMatch]:
    """The nodes (of ``types``) whose labels are closest to ``title``, best first.

    ``method``: ``"lexical"`` (the default), ``"embeddings"`` (cosine of the bundled
    sentence-embedding model between ``title`` and each label) or ``"hybrid"`` (their mix,
    ``EMBEDDING_WEIGHT`` to the embeddings). ``rerank``: the best candidates are
    re-ordered by the fitted models of `skillgraph.text._rerank` (nodes holding ``title``
    verbatim stay first), scores staying the lexical ones; with ``"hybrid"``, the lexical
    and the nearest embedding candidates by the semantic model of
    `skillgraph.text._semantic`, scores staying the hybrid ones (``"embeddings"``: no
    re-ranking).

    Raises:
        InvalidValueError: ``title`` is not a string, ``k`` is negative or ``method`` is
            unknown.
        OptionalDependencyError: ``method`` needs the ``embeddings`` extra.
    """
    check_text(title, "title")
    check_k(k)
    check_method(method)
    ix = text_index(g)
    if not ix.ids or not title.strip():
        return []
    mask = ix.type_mask(types)
    query_text, brands = _unbranded(ix, title)
    folded = words(query_text)
    if len("".join(folded)) < 2 and not any(  # one letter: only a title that is just it
        mask is None or mask[n] for _, n in ix.same_title(folded)
    ):
        return []
    best, entry_scores = _title_scores(g, ix, query_text, mask)
    emb_field = False
    lexical = best
    semantic = rerank and method == "hybrid"  # re-ranked with the embeddings' features
    if method != "lexical":
        from ._embed import embedder, entry_vectors
        from ._semantic import semantic_scores

        query = embedder()([query_text])[0]
        if semantic:  # the masked entries' vectors only
            es, emb_best = semantic_scores(g, ix, query, mask)
        else:
            es = np.clip(entry_vectors(g) @ query, 0.0, 1.0).astype(np.float64)
            if mask is not None:
                es = es * mask[ix.entry_node]
            emb_best = np.zeros(len(ix.ids))
            np.maximum.at(emb_best, ix.entry_node, es)
        if method == "embeddings":
            best, entry_scores, emb_field = emb_best, es, True
            descriptions = False
        else:
            best = (1.0 - EMBEDDING_WEIGHT) * best + EMBEDDING_WEIGHT * emb_best
    rerank = rerank and method == "lexical"
    # the title's stems: for the description score and the re-ranker only
    toks = (
        [t for t in tokens(query_text) if t.word not in STOP_WORDS]
        if descriptions or rerank or semantic
        else []
    )
    if toks:  # a variant word says nothing about which node: the re-ranker does not read it
        variant = _variant_columns(g, ix, mask)
        toks = [t for t in toks if ix.vocab.get(t.stem) not in variant] or toks
    cols, w = ix.query_stems([t.stem for t in toks])
    added = lexical_added = np.zeros(len(best))
    docs = ix.descriptions(g)[0] if descriptions else None
    if docs is not None and len(cols):
        dscore = docs[cols].T @ (w / np.linalg.norm(w))
        if mask is not None:
            dscore[~mask] = 0.0
        added = DESCRIPTION_WEIGHT * dscore * (best > 0)
        lexical_added = DESCRIPTION_WEIGHT * dscore * (lexical > 0)
        best = best + added
    order = np.lexsort((np.arange(len(best)), -best))
    lexical_rank: dict[int, int] = {}
    if semantic:
        from ._rerank import TitleWords
        from ._semantic import semantic_candidates, semantic_order

        said = TitleWords(
            order=tuple(ix.vocab.get(t.stem) for t in toks),
            verbatim=frozenset(n for _, n in ix.same_title(folded)),
        )
        lex = lexical + lexical_added
        cands, x = semantic_candidates(
            g, ix, query, lex, lexical_added, entry_scores, cols, w, said, es, emb_best, mask
        )
        place = np.empty(len(lex), dtype=np.int64)
        place[np.lexsort((np.arange(len(lex)), -lex))] = np.arange(len(lex))
        lexical_rank = {n: int(place[n]) for n in cands.tolist()}
        order = semantic_order(cands, x, said, best)
    if rerank:
        from ._rerank import TitleWords
        from ._rerank import rerank as reorder

        lexical_rank = {n: r for r, n in enumerate(order[:RERANK_CANDIDATES].tolist())}
        title_words = TitleWords(
            order=tuple(ix.vocab.get(t.stem) for t in toks),
            verbatim=frozenset(n for _, n in ix.same_title(folded)),
        )
        order = reorder(g, ix, best, added, entry_scores, cols, w, title_words)
    out: list[TextMatch] = []
    nodes = g.nodes
    for n in order.tolist():
        s = float(best[n])
        if s <= 0.0 or (k is not None and len(out) >= k):
            break
        if s <= min_score:
            if lexical_rank:
                continue  # re-ranked: a better-scored node may follow
            break
        e = _best_entry(ix, n, entry_scores)
        field = "embedding" if emb_field else FIELDS[int(ix.entry_field[e])]
        if semantic and entry_scores[e] <= 0.0:  # no word in common: its nearest title
            e, field = _best_entry(ix, n, es), "embedding"
        nid = ix.ids[n]
        why = [f"{field.replace('_', ' ')} {ix.entry_text[e]!r}"]
        why.extend(f"{b!r} read as {BRAND_WORDS[b]!r}" for b in brands)
        was = lexical_rank.get(n)
        if was is not None and was != len(out):
            why.append(f"re-ranked with the other candidates (lexical rank {was + 1})")
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
                evidence=why,
            )
        )
    return out


def match_roles(
    g: SkillGraph,
    title: str,
    k: int | None = 10,
    *,
    method: Method = "lexical",
    rerank: bool = True,
) -> list[TextMatch]:
    """The roles whose titles (label, alt and hidden labels) best match ``title``.

    ``rerank`` (on by default): the first place goes to the best of the 5
    best candidates by the fitted first model of `skillgraph.text._rerank` (family, skill
    profile and shared titles of the other candidates), the other places of the 40 best
    are ordered by its order model (the same features and word bigrams); roles holding
    ``title`` verbatim stay first. With ``method="hybrid"`` (the ``embeddings`` extra),
    the 10 roles nearest by embedding join the candidates and the places below the first
    are ordered with the embedding cosines as features too (`skillgraph.text._semantic`).

    Raises:
        InvalidValueError: ``title`` is not a string, ``k`` is negative or ``method`` is
            unknown.
        OptionalDependencyError: ``method`` needs the ``embeddings`` extra.
    """
    return match_nodes(
        g, title, (NodeType.ROLE,), k, descriptions=True, method=method, rerank=rerank
    )


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
