"""Evidence features of the title re-ranker's order model (`skillgraph.text._evidence`)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.text import _rerank
from skillgraph.text._analyze import STOP_WORDS, stem, tokens
from skillgraph.text._evidence import EVIDENCE_FEATURES, evidence_features, skill_words
from skillgraph.text._index import text_index
from skillgraph.text._titles import _title_scores

WORDS = ["welding", "technician", "pipe", "fitter", "senior", "metal", "repair", "shop"]


def _workshop() -> sg.SkillGraph:
    """Two technician roles: one requires welding (its titles never say so), one repairs
    pipes and says welding in its description."""
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:weld", label="welding"))
    g.add(sg.Skill(id="s:pipe", label="pipe repair"))
    g.add(
        sg.Role(id="r:a", label="metal technician", alt_labels=("shop technician", "metal fitter"))
    )
    g.add(
        sg.Role(
            id="r:b",
            label="pipe fitter",
            alt_labels=("senior pipe fitter technician",),
            description="Fits pipes; some welding.",
        )
    )
    g.require("r:a", "s:weld")
    g.require("r:b", "s:pipe")
    return g


def _features(g: sg.SkillGraph, title: str, ids: list[str]) -> np.ndarray:
    ix = text_index(g)
    _, entry_scores = _title_scores(g, ix, title, ix.type_mask((sg.NodeType.ROLE,)))
    toks = [t for t in tokens(title) if t.word not in STOP_WORDS]
    cols, w = ix.query_stems([t.stem for t in toks])
    order = tuple(ix.vocab.get(t.stem) for t in toks)
    cands = np.array([ix.position[i] for i in ids], dtype=np.int64)
    return evidence_features(g, ix, cands, entry_scores, cols, w, order)


def _col(name: str) -> int:
    return EVIDENCE_FEATURES.index(name)


def test_skill_and_description_words() -> None:
    """ "welding technician": r:a requires welding (skill coverage, head not in its
    skills), r:b's description says welding; idf shares add up over the title's words."""
    g = _workshop()
    f = _features(g, "welding technician", ["r:a", "r:b"])
    ix = text_index(g)
    weld, tech = (float(ix.idf[ix.vocab[stem(w)]]) for w in ("welding", "technician"))
    weld_share = weld / (weld + tech)
    assert f[0, _col("skill coverage")] == weld_share
    assert f[1, _col("skill coverage")] == 0.0
    assert f[:, _col("head in skills")].tolist() == [0.0, 0.0]
    # r:b's labels hold "technician", its description "welding": the whole title
    assert f[1, _col("description coverage")] == 1.0
    assert f[0, _col("description coverage")] == 1.0 - weld_share
    assert f[:, _col("head in description")].tolist() == [1.0, 1.0]
    # titles holding each word: r:a 2 of 3 hold "technician", r:b 1 of 2
    assert np.isclose(f[0, _col("title word share")], (1 - weld_share) * 2 / 3)
    assert np.isclose(f[1, _col("title word share")], (1 - weld_share) / 2)


def test_title_precision_and_close_titles() -> None:
    """A best title that says more than the query scores a lower precision."""
    g = _workshop()
    f = _features(g, "pipe fitter", ["r:b", "r:a"])
    assert f[0, _col("title precision")] == 1.0  # "pipe fitter" itself
    assert 0.0 < f[1, _col("title precision")] < 1.0  # "metal fitter"
    assert f[0, _col("close titles")] == np.log1p(2)  # both of r:b's titles are close


def test_skill_words_are_the_required_skills_label_stems() -> None:
    g = _workshop()
    ix = text_index(g)
    held = skill_words(g)
    a, b = ix.position["r:a"], ix.position["r:b"]
    weld, pipe, repair = (ix.vocab[stem(w)] for w in ("welding", "pipe", "repair"))
    assert held[weld, a] == 1.0 and held[weld, b] == 0.0
    assert held[pipe, b] == 1.0 and held[repair, b] == 1.0 and held[pipe, a] == 0.0
    assert held[:, ix.position["s:weld"]].nnz == 0  # a skill requires nothing


def test_no_known_words_no_evidence() -> None:
    g = _workshop()
    assert not _features(g, "zzyzx", ["r:a", "r:b"]).any()
    assert _features(g, "welding", []).shape == (0, len(EVIDENCE_FEATURES))


def test_the_order_model_reads_the_evidence() -> None:
    """The order model's features hold the evidence features after the first model's and
    the bigrams', one weight each."""
    at = len(_rerank.FEATURES) + 2
    assert _rerank.ORDER_FEATURES[at : at + len(EVIDENCE_FEATURES)] == EVIDENCE_FEATURES
    assert len(_rerank.ORDER_WEIGHTS) == len(_rerank.ORDER_FEATURES)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
def test_evidence_is_per_candidate_and_bounded(query: list[str]) -> None:
    """Each candidate's features are its own (the same in any candidate order); shares
    and flags lie in [0, 1], close titles is at least 0."""
    g = _workshop()
    ids = ["r:a", "r:b"]
    title = " ".join(query)
    f = _features(g, title, ids)
    back = _features(g, title, ids[::-1])[::-1]
    assert np.array_equal(f, back)
    shares = np.delete(f, _col("close titles"), axis=1)
    assert ((shares >= 0.0) & (shares <= 1.0 + 1e-12)).all()
    assert (f[:, _col("close titles")] >= 0.0).all()
