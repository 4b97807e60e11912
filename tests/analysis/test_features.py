"""Words of titles and descriptions (``analysis._features._words``)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

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
