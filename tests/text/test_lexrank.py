"""Lexical-rank features of the title re-ranker's order model (`skillgraph.text._lexrank`)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.text import _rerank
from skillgraph.text._analyze import STOP_WORDS, tokens, words
from skillgraph.text._index import text_index
from skillgraph.text._lexrank import LEXRANK_FEATURES, RANKED, _ranks
from skillgraph.text._titles import _title_scores

WORDS = ["welding", "technician", "pipe", "fitter", "senior", "metal", "zzyzx", "shop"]


def _workshop() -> sg.SkillGraph:
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:weld", label="welding"))
    g.add(
        sg.Role(id="r:a", label="metal technician", alt_labels=("shop technician", "metal fitter"))
    )
    g.add(
        sg.Role(
            id="r:b",
            label="pipe fitter",
            alt_labels=("senior pipe fitter technician", "pipe technician"),
            description="Fits pipes; some welding.",
        )
    )
    g.add(sg.Role(id="r:c", label="shop assistant"))
    g.require("r:a", "s:weld")
    return g


def _order_features(g: sg.SkillGraph, title: str) -> tuple[np.ndarray, list[str]]:
    """The order model's features of every role scoring for ``title``, lexical order."""
    ix = text_index(g)
    best, entry_scores = _title_scores(g, ix, title, ix.type_mask((sg.NodeType.ROLE,)))
    toks = [t for t in tokens(title) if t.word not in STOP_WORDS]
    cols, w = ix.query_stems([t.stem for t in toks])
    order = np.lexsort((np.arange(len(best)), -best))
    cands = order[best[order] > 0]
    said = _rerank.TitleWords(
        order=tuple(ix.vocab.get(t.stem) for t in toks),
        verbatim=frozenset(n for _, n in ix.same_title(words(title))),
    )
    f = _rerank.features(
        g, ix, cands, best[cands], np.zeros(len(cands)), entry_scores, cols, w, said
    )
    x = _rerank.order_features(g, ix, cands, f, entry_scores, cols, w, said)
    return x, [ix.ids[n] for n in cands.tolist()]


def _col(name: str) -> int:
    return _rerank.ORDER_FEATURES.index(name)


def test_the_order_model_reads_the_lexical_ranks_last() -> None:
    assert _rerank.ORDER_FEATURES[-len(LEXRANK_FEATURES) :] == LEXRANK_FEATURES
    assert len(_rerank.ORDER_WEIGHTS) == len(_rerank.ORDER_FEATURES)
    assert all(name in _rerank.ORDER_FEATURES for name in RANKED)


def test_ranks_are_places_highest_first_ties_in_order() -> None:
    assert np.allclose(_ranks(np.array([0.2, 0.9, 0.2, 0.5])), np.log1p([2, 0, 3, 1]))
    assert _ranks(np.zeros(0)).shape == (0,)


def test_pipe_technician() -> None:
    """ "pipe technician" is r:b's title verbatim: r:b has the best word cosine (1), the
    best title recall (all words), score share 1; r:a holds only "technician"; the query
    has two words, both known."""
    x, ids = _order_features(_workshop(), "pipe technician")
    assert ids[:2] == ["r:b", "r:a"]
    b, a = 0, 1
    assert np.isclose(x[b, _col("word cosine")], 1.0)
    assert x[a, _col("word cosine")] < 1.0
    assert x[b, _col("word rank")] == 0.0
    assert np.isclose(x[a, _col("word rank")], np.log1p(1))
    assert np.isclose(x[b, _col("best title recall")], 1.0)
    assert 0.0 < x[a, _col("best title recall")] < 1.0
    assert x[b, _col("score share")] == 1.0
    assert x[b, _col("bag score")] > x[a, _col("bag score")]
    assert (x[:, _col("query length")] == 2).all()
    assert (x[:, _col("unknown words")] == 0).all()
    # r:b's description holds "pipe", r:a has none: r:b ranks first by description coverage
    assert x[b, _col("description coverage rank")] == 0.0


def test_unknown_words_are_counted() -> None:
    x, _ = _order_features(_workshop(), "zzyzx shop technician")
    assert (x[:, _col("query length")] == 3).all()
    assert (x[:, _col("unknown words")] == 1).all()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
def test_ranks_are_places_and_shares_bounded(query: list[str]) -> None:
    """Every rank feature is log(1 + a place) with each place taken once; shares and
    cosines lie in [0, 1]."""
    x, ids = _order_features(_workshop(), " ".join(query))
    n = len(ids)
    for name in ("word rank", "bag rank", *(f"{r} rank" for r in RANKED)):
        places = np.sort(np.expm1(x[:, _col(name)]))
        assert np.allclose(places, np.arange(n)), name
    for name in ("word cosine", "best title recall", "score share"):
        assert ((x[:, _col(name)] >= 0.0) & (x[:, _col(name)] <= 1.0 + 1e-9)).all(), name


def test_off_the_lexical_ranks_are_zero_and_the_rest_unchanged() -> None:
    g = _workshop()
    ix = text_index(g)
    title = "pipe technician"
    best, entry_scores = _title_scores(g, ix, title, ix.type_mask((sg.NodeType.ROLE,)))
    toks = [t for t in tokens(title) if t.word not in STOP_WORDS]
    cols, w = ix.query_stems([t.stem for t in toks])
    cands = np.flatnonzero(best > 0)
    said = _rerank.TitleWords(order=tuple(ix.vocab.get(t.stem) for t in toks))
    f = _rerank.features(
        g, ix, cands, best[cands], np.zeros(len(cands)), entry_scores, cols, w, said
    )
    on = _rerank.order_features(g, ix, cands, f, entry_scores, cols, w, said)
    off = _rerank.order_features(g, ix, cands, f, entry_scores, cols, w, said, False)
    n = len(LEXRANK_FEATURES)
    assert off.shape == on.shape
    assert not off[:, -n:].any() and on[:, -n:].any()
    assert np.array_equal(off[:, :-n], on[:, :-n])
