"""Tests for skillgraph.io._json.parse: finite numbers only, read as json reads them."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgraph.errors import FormatError
from skillgraph.io._json import parse


@st.composite
def number_tokens(draw: st.DrawFn) -> str:
    digits = draw(st.integers(1, 320))
    head = draw(st.sampled_from("123456789")) + "".join(
        draw(st.lists(st.sampled_from("0123456789"), min_size=digits - 1, max_size=digits - 1))
    )
    token = draw(st.sampled_from(["", "-"])) + head
    if draw(st.booleans()):
        token += "." + draw(st.sampled_from(["0", "5", "25"]))
    if draw(st.booleans()):
        token += draw(st.sampled_from("eE")) + draw(st.sampled_from(["", "+", "-"]))
        token += str(draw(st.integers(0, 400)))
    return token


@settings(max_examples=300, deadline=None)
@given(number_tokens())
def test_a_number_is_read_as_json_reads_it_or_refused_when_not_finite(token: str) -> None:
    text = '{"importance": ' + token + "}"
    if any(c in token for c in ".eE"):
        want = float(token)
        if not math.isfinite(want):
            with pytest.raises(FormatError, match="is not a finite number"):
                parse(text, "t.json")
            return
    else:
        want = json.loads(text)["importance"]
    got = parse(text, "t.json")["importance"]
    assert got == want and type(got) is type(want)


@pytest.mark.parametrize(
    "token",
    ["1e400", "-1e309", "9" * 250 + "e99", "9" * 250 + ".5e60", "1" + "0" * 320 + ".0"],
)
def test_a_float_beyond_the_largest_is_refused(token: str) -> None:
    with pytest.raises(FormatError, match="is not a finite number"):
        parse('{"x": [0.5, ' + token + "]}", "t.json")


def test_plain_floats_read_through_the_hook_give_the_values_json_gives() -> None:
    text = json.dumps({"xs": [0.1, 1e-300, 2.5e10, 1.7976931348623157e308, -0.0]})
    assert parse(text, "t.json") == json.loads(text)


@pytest.mark.parametrize(
    ("text", "line"),
    [('{"x":\n 1e9990.6}', 2), ('{"x": [1,\n -1e400.5e3]}', 2), ('{"x": 1E999e}', 1)],
)
def test_an_infinite_number_run_into_more_digits_is_refused_with_its_line(
    text: str, line: int
) -> None:
    """The parser refuses the number before it sees the error after it; the line is found
    by reading numbers as it does (a regression: ``1e9990.6`` raised a ValueError)."""
    with pytest.raises(FormatError, match="is not a finite number") as exc:
        parse(text, "t.json")
    assert exc.value.line == line
