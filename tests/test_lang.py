"""Language tags take one spelling: the conventional case of BCP 47."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skillgraph._lang import canonical_language


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("EN", "en"),
        ("pt-pt", "pt-PT"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("SR-LATN-rs", "sr-Latn-RS"),
        ("es-419", "es-419"),
        ("en-x-Private-XY", "en-x-private-xy"),  # after a singleton: lower case
        ("", ""),
    ],
)
def test_conventional_case(tag: str, expected: str) -> None:
    assert canonical_language(tag) == expected


@given(st.from_regex(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,3}", fullmatch=True))
def test_case_is_all_that_changes_and_it_is_stable(tag: str) -> None:
    once = canonical_language(tag)
    assert once.lower() == tag.lower()
    assert canonical_language(once) == once
    assert canonical_language(tag.upper()) == once == canonical_language(tag.lower())
