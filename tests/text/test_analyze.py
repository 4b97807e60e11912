"""Tokens, stems, plural keys and label variants."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from skillgraph.text._analyze import (
    char_ngrams,
    label_variants,
    plural_key,
    segments,
    stem,
    tokens,
)


def test_inflections_share_a_stem() -> None:
    assert stem("nurses") == stem("nurse") == stem("nursing")
    assert stem("cashiers") == stem("cashier")
    assert stem("analysing") == stem("analyses") == stem("analyzing")
    assert stem("managed") == stem("manage") == stem("managing")
    assert stem("running") == stem("run")
    assert stem("sql") == "sql" and stem("c++") == "c++"


def test_plural_key_forgives_plurals_only() -> None:
    assert plural_key("Registered Nurses") == plural_key("registered nurse")
    assert plural_key("Cashiers") == "cashier"
    assert plural_key("nursing") != plural_key("nurse")


def test_tokens_keep_spans_through_accents_and_case() -> None:
    text = "Café MANAGER, C++ & R&D"
    toks = tokens(text)
    assert [t.word for t in toks] == ["cafe", "manager", "c++", "r&d"]
    assert [text[t.start : t.end] for t in toks] == ["Café", "MANAGER", "C++", "R&D"]


def test_segments_split_lists_and_sentences() -> None:
    text = "tills and stock, some Excel; Python.\n- SQL"
    parts = [text[a:b].strip() for a, b in segments(text)]
    assert parts == ["tills and stock", "some Excel", "Python", "- SQL"]


def test_label_variants() -> None:
    assert label_variants("RN (Registered Nurse)") == ["RN", "Registered Nurse"]
    assert label_variants("Python (computer programming)") == [
        "Python",
        "computer programming",
    ]
    assert label_variants("no brackets") == []


@given(st.text(max_size=40))
def test_tokens_spans_are_inside_the_text(text: str) -> None:
    for t in tokens(text):
        assert 0 <= t.start < t.end <= len(text)
        assert t.word and t.stem


@given(st.text(min_size=1, max_size=20))
def test_char_ngrams_are_three_long(word: str) -> None:
    grams = char_ngrams(word)
    assert (grams and all(len(g) == 3 for g in grams)) or len(f" {word} ") <= 3
