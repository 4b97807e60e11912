"""The lexical index: anchor stems, plural-free title lookup, accent folding, row maxima.

Each fast path is checked against the plain computation it replaced.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.text._analyze import fold, plural_key, words
from skillgraph.text._index import LONG_LABEL, MISSING_SHARE, build_index
from skillgraph.text._loose import row_best as _row_best

WORDS = ["till", "tills", "stock", "manage", "managers", "excel", "python", "nurse", "nurses",
         "care", "cash", "register", "the", "of", "data", "entry", "clerk", "sql"]  # fmt: skip

labels_st = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join),
    min_size=1,
    max_size=12,
)


def _graph(labels: list[str]) -> sg.SkillGraph:
    g = sg.SkillGraph()
    for i, label in enumerate(labels):
        alts = (label.upper() + "s", f"{label} (extra)") if i % 3 == 0 else ()
        g.add(sg.Skill(id=f"s:{i}", label=label, alt_labels=alts))
    return g


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=9).map(" ".join),
        min_size=1,
        max_size=12,
    )
)
def test_a_text_without_anchors_cannot_name_the_entry(labels: list[str]) -> None:
    """The anchors only prune: the largest stem set holding none of an entry's anchors
    (all its other stems) fails the naming rule of free-text matching (every stem, or
    75% of the idf mass and three stems for long labels), so every set that passes holds
    an anchor."""
    ix = build_index(_graph(labels))
    anchors = sp.csc_matrix(ix.anchors)
    for e in range(len(ix.entry_text)):
        stems = ix.stems_of(e).tolist()
        own = set(anchors.indices[anchors.indptr[e] : anchors.indptr[e + 1]].tolist())
        assert own <= set(stems) and (own or not stems)
        rest = [s for s in stems if s not in own]
        cov = float(ix.idf[rest].sum()) / float(ix.mass[e]) if stems else 0.0
        names = cov >= 0.999 or (
            len(stems) >= LONG_LABEL and cov >= 1 - MISSING_SHARE and len(rest) >= 3
        )
        assert not names, (ix.entry_text[e], rest)


def test_short_labels_have_one_anchor_and_long_ones_more() -> None:
    g = _graph(["manage stock", "manage the data entry of tills cash register clerk"])
    ix = build_index(g)
    counts = np.diff(sp.csc_matrix(ix.anchors).indptr)
    by_text = dict(zip(ix.entry_text, counts.tolist(), strict=True))
    assert by_text["manage stock"] == 1
    assert by_text["manage the data entry of tills cash register clerk"] >= 2


@settings(max_examples=60, deadline=None)
@given(labels_st, st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join))
def test_same_title_is_the_plural_free_key_lookup(labels: list[str], query: str) -> None:
    """`same_title` finds exactly the entries whose plural-free key equals the query's
    (what a dict of keys gave before the hashed lookup), in entry order."""
    ix = build_index(_graph(labels))
    expected = [
        (int(ix.entry_field[e]), int(ix.entry_node[e]))
        for e, text in enumerate(ix.entry_text)
        if plural_key(text) == plural_key(query) and words(text)
    ]
    assert ix.same_title(words(query)) == expected
    for e, text in enumerate(ix.entry_text):  # every entry finds itself
        assert (int(ix.entry_field[e]), int(ix.entry_node[e])) in ix.same_title(words(text))


def test_same_title_of_unknown_or_empty_words_is_empty() -> None:
    ix = build_index(_graph(["manage stock"]))
    assert ix.same_title([]) == []
    assert ix.same_title(["manage", "zebra"]) == []
    assert ix.same_title(["manage"]) == []


def _fold_by_table(text: str) -> str:
    table = {c: None for c in range(0x10000) if unicodedata.combining(chr(c))}
    return unicodedata.normalize("NFKD", text).translate(table).casefold()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_fold_deletes_the_combining_marks_a_translate_table_would(text: str) -> None:
    assert fold(text) == _fold_by_table(text)


def test_fold_examples() -> None:
    assert fold("Café Crème") == "cafe creme"
    assert fold("Straße") == "strasse"
    assert fold("ÅNGSTRÖM’s") == "angstrom’s"


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, 6),
    st.integers(1, 8),
    st.lists(st.sampled_from([0.0, 0.25, 0.5, 1.0]), min_size=48, max_size=48),
    st.lists(st.booleans(), min_size=8, max_size=8),
    st.booleans(),
)
def test_row_best_is_the_per_row_maximum(
    n_rows: int, n_cols: int, values: list[float], allowed: list[bool], use_mask: bool
) -> None:
    dense = np.array(values[: n_rows * n_cols]).reshape(n_rows, n_cols)
    mask = np.array(allowed[:n_cols]) if use_mask else None
    got = _row_best(sp.csr_matrix(dense), mask)
    for r in range(n_rows):
        row = dense[r] * (mask if mask is not None else 1.0)
        if row.max() <= 0.0:
            assert got[r] == (-1, 0.0)
        else:
            assert got[r] == (int(np.argmax(row)), float(row.max()))
