"""The bounded UTF-8 reader shared by the people/demand tables, learning files and the CLI."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from skillgraph.errors import FormatError, ResourceLimitError
from skillgraph.io._text_input import read_utf8


def test_a_file_and_a_stream_read_the_same_text(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes("\ufeffPython, caf\u00e9\n".encode())
    assert read_utf8(path) == read_utf8(io.BytesIO(path.read_bytes())) == "Python, caf\u00e9\n"


def test_errors_name_the_source_and_what_it_is(tmp_path: Path) -> None:
    bad = tmp_path / "people.csv"
    bad.write_bytes(b"id\n\xff\n")
    with pytest.raises(FormatError) as caught:
        read_utf8(bad, what="people file")
    assert str(caught.value) == f"{bad}: the people file is not UTF-8 text (byte 3)"
    with pytest.raises(FormatError, match=r"<stdin>: not UTF-8 text \(byte 0\)"):
        read_utf8(io.BytesIO(b"\xff"))
    with pytest.raises(FormatError, match="cannot read the demand table: Is a directory"):
        read_utf8(tmp_path, what="demand table")


def test_a_fixed_limit_is_its_own_message_and_the_input_limit_says_how_to_raise_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"x" * 101)
    with pytest.raises(ResourceLimitError) as fixed:
        read_utf8(path, limit=100)
    assert str(fixed.value) == f"{path}: more than 100 bytes"
    with pytest.raises(ResourceLimitError, match="more than 100 bytes"):
        read_utf8(io.BytesIO(b"x" * 101), limit=100, what="text")
    from skillgraph.io._limits import Limits, applied

    with applied(Limits(100, 1000)), pytest.raises(ResourceLimitError, match="MAX_INPUT_BYTES"):
        read_utf8(path)
    assert read_utf8(path, limit=101) == "x" * 101
