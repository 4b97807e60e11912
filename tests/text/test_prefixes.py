"""Variant words of titles (`skillgraph.text._prefixes`): which first words are optional,
which words are variant words, and that title matching reads them in titles only."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.text._analyze import stem
from skillgraph.text._index import build_index
from skillgraph.text._prefixes import optional_first_words, variant_words


def _graph() -> sg.SkillGraph:
    g = sg.SkillGraph()
    g.add(
        sg.Role(
            id="r:qa",
            label="quality engineer",
            alt_labels=("senior quality engineers", "software quality engineer", "QA engineer"),
        )
    )
    g.add(sg.Role(id="r:dev", label="software developer", alt_labels=("software engineer",)))
    g.add(sg.Role(id="r:sup", label="machine operator supervisor", alt_labels=("lead machinist",)))
    g.add(sg.Role(id="r:mach", label="machinist"))
    return g


def _optional(g: sg.SkillGraph) -> dict[str, str]:
    ix = build_index(g)
    inv = {j: s for s, j in ix.vocab.items()}
    first = optional_first_words(ix)
    return {ix.entry_text[e]: inv[int(c)] for e, c in enumerate(first.tolist()) if c >= 0}


def test_a_first_word_is_optional_when_the_rest_is_a_title_of_the_same_node() -> None:
    # up to plurals ("engineers"); "lead machinist" stays: "machinist" is another node's
    assert _optional(_graph()) == {
        "senior quality engineers": stem("senior"),
        "software quality engineer": stem("software"),
    }


def test_a_variant_word_is_read_in_titles_not_in_pooled_scores() -> None:
    """'senior' is an optional first word on half the roles: a role holding it in some
    title ("senior quality engineers") no longer outranks one holding the rest of the query
    ("software engineer"); a title holding it is still matched by it."""
    g = _graph()
    g.add(sg.Role(id="r:acc", label="account manager", alt_labels=("senior account manager",)))
    g.add(sg.Role(id="r:sales", label="sales manager", alt_labels=("senior sales manager",)))
    ix = build_index(g)
    role = int(ix.node_type[ix.ids.index("r:qa")])
    assert variant_words(ix)[role] == {ix.vocab[stem("senior")]}
    assert g.match_roles("senior software engineer", k=1)[0].id == "r:dev"
    assert g.match_roles("senior quality engineer", k=1)[0].id == "r:qa"
    assert g.match_roles("lead machinist", k=1)[0].id == "r:sup"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["senior", "lead", "clerk", "stock", "of", "the"]), max_size=4),
        min_size=1,
        max_size=6,
    )
)
def test_an_optional_word_is_always_the_first_of_a_title_whose_rest_the_node_holds(
    titles: list[list[str]],
) -> None:
    g = sg.SkillGraph()
    labels = [" ".join(t) for t in titles if t]
    if not labels:
        return
    g.add(sg.Role(id="r:x", label=labels[0], alt_labels=tuple(labels[1:])))
    ix = build_index(g)
    first = optional_first_words(ix)
    held = {" ".join(t.split()) for t in ix.entry_text}
    for e in np.flatnonzero(first >= 0).tolist():
        ws = ix.entry_text[e].split()
        assert len(ws) >= 2 and ix.vocab[stem(ws[0])] == first[e]
        assert " ".join(ws[1:]) in held
