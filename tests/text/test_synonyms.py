"""Synonyms and abbreviations learned from a graph's own labels (`skillgraph.text._synonyms`)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.text._analyze import stem
from skillgraph.text._index import build_index, text_index


def _names(g: sg.SkillGraph, run: str) -> list[str]:
    ix = build_index(g)
    syn = ix.synonyms()
    key = tuple(ix.vocab[stem(w)] for w in run.split())
    return [syn.name(p) for p, _, _ in syn.table.get(key, [])]


def _substituting(n: int) -> sg.SkillGraph:
    """``n`` skills whose labels use "till" and "cash register" interchangeably."""
    g = sg.SkillGraph()
    for i, obj in enumerate(["drawer", "float", "tray", "count", "roll"][:n]):
        g.add(
            sg.Skill(
                id=f"s:{i}",
                label=f"balance cash register {obj}",
                alt_labels=(f"balance till {obj}",),
            )
        )
    g.add(sg.Skill(id="s:other", label="stock shelves"))
    return g


def test_abbreviation_from_the_initials_of_another_label() -> None:
    g = sg.SkillGraph()
    g.add(sg.Role(id="r:rn", label="Registered Nurse", alt_labels=("RN",)))
    g.add(sg.Role(id="r:ct", label="Cook"))
    assert _names(g, "rn") == ["registered nurse"]
    assert _names(g, "registered nurses") == ["rn"]
    # and a title that holds only the abbreviation now finds the expansion
    g.add(sg.Role(id="r:icu", label="Intensive care RN"))
    assert g.match_roles("registered nurse")[0].id == "r:rn"


def test_substitution_needs_several_nodes() -> None:
    assert _names(_substituting(2), "till") == []  # two nodes: no evidence enough
    assert _names(_substituting(3), "tills") == ["cash register"]
    assert _names(_substituting(3), "cash register") == ["till"]


def test_free_text_reads_a_synonym_and_says_so() -> None:
    g = _substituting(4)
    g.add(sg.Skill(id="s:ops", label="operate cash register"))
    got = g.match_skills("I operated the till and stocked shelves")
    assert "s:ops" in got.ids
    hit = next(m for m in got if m.id == "s:ops")
    assert any("read as" in e for e in hit.evidence)
    # a synonym never names a label alone: "till" is not "cash register" on its own
    assert "s:ops" not in g.match_skills("till").ids


def test_learned_only_from_the_graph_indexed() -> None:
    """What a held-out copy learns comes from its own labels: a label removed before
    indexing teaches nothing (the benchmark's split relies on it)."""
    g = _substituting(3)
    assert _names(g, "till") == ["cash register"]
    h = g.copy()
    h.add(sg.Skill(id="s:0", label="balance cash register drawer"), replace=True)
    assert _names(h, "till") == []


def test_rebuilt_when_the_graph_changes() -> None:
    g = _substituting(2)
    assert not text_index(g).synonyms().table.get((text_index(g).vocab["till"],))
    g.add(sg.Skill(id="s:9", label="balance cash register lid", alt_labels=("balance till lid",)))
    ix = text_index(g)
    assert ix.synonyms().table.get((ix.vocab["till"],))


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["alpha", "beta", "gamma", "delta", "rn", "ab", "cd"]),
            min_size=1,
            max_size=4,
        ),
        min_size=1,
        max_size=8,
    )
)
def test_pairs_are_symmetric_and_never_self(labels: list[list[str]]) -> None:
    g = sg.SkillGraph()
    for i, words in enumerate(labels):
        g.add(sg.Skill(id=f"s:{i}", label=" ".join(words), alt_labels=("ab cd", "alpha beta")))
    ix = build_index(g)
    table = ix.synonyms().table
    for run, partners in table.items():
        for partner, confidence, abbreviation in partners:
            assert partner != run and 0.0 < confidence <= 1.0
            if not abbreviation:
                assert any(q == run for q, _, _ in table.get(partner, []))
