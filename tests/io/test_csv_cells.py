"""Spreadsheet-safe CSV cells: text a spreadsheet would run as a formula gets a ``'``."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from skillgraph.io._csv_cells import FORMULA_START, spreadsheet_cell


def test_formula_text_gets_a_quote_and_numbers_and_other_values_do_not() -> None:
    assert spreadsheet_cell('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert spreadsheet_cell("+1 555") == "'+1 555"
    assert spreadsheet_cell("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_cell("-cmd|' /C calc'!A0") == "'-cmd|' /C calc'!A0"
    assert spreadsheet_cell("\t=1") == "'\t=1"
    assert [spreadsheet_cell(v) for v in ("-0.5", "+3", "1e-3", ".5")] == [
        "-0.5",
        "+3",
        "1e-3",
        ".5",
    ]
    assert spreadsheet_cell(-0.5) == -0.5 and spreadsheet_cell(None) is None
    assert spreadsheet_cell("Data analyst") == "Data analyst" and spreadsheet_cell("") == ""


@given(st.text())
def test_the_cell_is_the_text_or_a_quote_before_it(text: str) -> None:
    cell = spreadsheet_cell(text)
    assert cell in (text, "'" + text)
    if cell == text and text:  # left as is: no formula start, or a decimal number
        assert not text.startswith(FORMULA_START) or float(text) == float(text)


@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers())
def test_numbers_written_as_text_are_never_quoted(number: float) -> None:
    for text in (repr(number), str(number), f"{number:+}", f"{number:e}"):
        assert spreadsheet_cell(text) == text
