"""Words of titles and descriptions (``analysis._features._words``) and their counts."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from skillgraph.analysis import _features
from skillgraph.analysis._features import STOP_WORDS, _fold, _words

_ANY_WORD = re.compile(r"[^\W\d_]{2,}")


def test_regression_a_folded_capital_is_kept() -> None:
    """Review: the ASCII fast path took a-z only, so "ℍotel" (folded to "Hotel") lost its
    first letter, where the general pattern keeps it."""
    assert _words("ℍotel management") == ["Hotel", "management"]


@given(st.text(max_size=40))
def test_the_fast_path_finds_the_words_the_general_pattern_finds(text: str) -> None:
    expected = [w for w in _ANY_WORD.findall(_fold(text)) if w not in STOP_WORDS]
    assert _words(text) == expected


@given(st.text(max_size=40))
def test_folding_drops_every_combining_mark_of_the_decomposed_text(text: str) -> None:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    assert _fold(text) == "".join(c for c in decomposed if not unicodedata.combining(c))


_TERMS = st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=6)


@given(st.lists(_TERMS, min_size=1, max_size=5), st.lists(st.sampled_from("abcdef"), unique=True))
def test_counts_number_new_terms_in_first_seen_order_after_the_known_ones(
    docs: list[list[str]], known: list[str]
) -> None:
    vocab = {t: i for i, t in enumerate(known)}
    expected = dict(vocab)
    for doc in docs:
        for t in doc:
            expected.setdefault(t, len(expected))
    m = _features._counts(docs, vocab)
    assert vocab == expected
    want = [[0] * len(expected) for _ in docs]
    for i, doc in enumerate(docs):
        for t in doc:
            want[i][expected[t]] += 1
    assert m.toarray().tolist() == want
