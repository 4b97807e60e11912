"""Word-bigram features of the title re-ranker's order model (`skillgraph.text._bigrams`)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.text._analyze import STOP_WORDS, tokens
from skillgraph.text._bigrams import BIGRAM_FEATURES, bigram_features, title_bigrams
from skillgraph.text._index import text_index

WORDS = ["senior", "data", "analyst", "entry", "clerk", "lead", "of", "sales", "director"]


def _office() -> sg.SkillGraph:
    g = sg.SkillGraph()
    g.add(sg.Role(id="r:a", label="senior data analyst", alt_labels=("data analyst lead",)))
    g.add(sg.Role(id="r:b", label="data entry clerk", alt_labels=("clerk",)))
    g.add(sg.Role(id="r:c", label="director of sales", alt_labels=("sales director",)))
    g.add(sg.Skill(id="s:x", label="analyst data entry"))  # not a role: still indexed
    return g


def _order(g: sg.SkillGraph, title: str) -> tuple[int | None, ...]:
    ix = text_index(g)
    return tuple(ix.vocab.get(t.stem) for t in tokens(title) if t.word not in STOP_WORDS)


def _features(g: sg.SkillGraph, title: str, ids: list[str]) -> np.ndarray:
    ix = text_index(g)
    cands = np.array([ix.position[i] for i in ids], dtype=np.int64)
    return bigram_features(title_bigrams(g), _order(g, title), cands)


def test_bigram_features_by_hand() -> None:
    """ "senior data analyst": both bigrams are in r:a's titles ("senior data" in one of
    two, "data analyst" in both), none in r:b's; stop words drop out of a bigram."""
    g = _office()
    f = _features(g, "senior data analyst", ["r:a", "r:b", "r:c"])
    assert BIGRAM_FEATURES == ("bigram share", "bigram titles")
    assert f.tolist() == [[1.0, 0.75], [0.0, 0.0], [0.0, 0.0]]
    # "director of sales" holds "director sales", as r:c's label does (one of its two)
    f = _features(g, "Director of Sales", ["r:c", "r:a"])
    assert f.tolist() == [[1.0, 0.5], [0.0, 0.0]]
    # half the bigrams: "data entry" is r:b's, "entry lead" nobody's
    f = _features(g, "data entry lead", ["r:b", "r:a"])
    assert f.tolist() == [[0.5, 0.25], [0.0, 0.0]]


def test_no_bigram_gives_zeros() -> None:
    """A single word, unknown words or no candidate: zeros of the right shape."""
    g = _office()
    assert _features(g, "analyst", ["r:a", "r:b"]).tolist() == [[0.0, 0.0]] * 2
    assert _features(g, "zzyzx quokka", ["r:a"]).tolist() == [[0.0, 0.0]]
    # an unknown word breaks the run: "senior ? analyst" has no known bigram
    assert _features(g, "senior zzyzx analyst", ["r:a"]).tolist() == [[0.0, 0.0]]
    assert _features(g, "senior data", []).shape == (0, 2)


def test_the_counts_follow_the_graph_version() -> None:
    """A new title is counted once the graph changes (built once per version)."""
    g = _office()
    assert _features(g, "clerk lead", ["r:b"]).tolist() == [[0.0, 0.0]]
    g.add(sg.Role(id="r:b", label="data entry clerk", alt_labels=("clerk lead",)), replace=True)
    assert _features(g, "clerk lead", ["r:b"]).tolist() == [[1.0, 0.5]]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=0, max_size=5))
def test_bounded_and_ordered(query: list[str]) -> None:
    """Both features lie in [0, 1], and the title share never exceeds the share of the
    bigrams held at all (a bigram no title holds adds 0 to both)."""
    g = _office()
    f = _features(g, " ".join(query), ["r:a", "r:b", "r:c", "s:x"])
    assert ((f >= 0.0) & (f <= 1.0)).all()
    assert (f[:, 1] <= f[:, 0] + 1e-12).all()


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["r:a", "r:b", "r:c"]), st.data())
def test_a_title_of_the_node_holds_all_its_bigrams(rid: str, data: st.DataObject) -> None:
    """Queried with one of its own titles (two known content words or more), a node holds
    every bigram of it: share 1, and a title share of at least one title in all."""
    g = _office()
    node = g.roles[rid]
    title = data.draw(st.sampled_from([node.label, *node.alt_labels]))
    words = [t for t in tokens(title) if t.word not in STOP_WORDS]
    if len(words) < 2:
        return
    f = _features(g, title, [rid])
    assert f[0, 0] == 1.0
    assert f[0, 1] >= 1.0 / (1 + len(node.alt_labels)) - 1e-12
