"""The streaming converter's output buffer (`skillgraph.io.rdf._spill.Spill`): the bytes
written come back in order, from memory while small, else from an anonymous temporary
file that nothing leaves behind."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skillgraph.io.rdf import _spill
from skillgraph.io.rdf._spill import Spill


@given(pieces=st.lists(st.binary(max_size=40), max_size=30), limit=st.integers(0, 200))
def test_the_bytes_written_come_back_in_order(pieces: list[bytes], limit: int) -> None:
    out = Spill(limit)
    for piece in pieces:
        out.write(piece)
    assert (out.file is not None) == (sum(map(len, pieces)) > limit)
    assert b"".join(out.chunks()) == b"".join(pieces)
    assert out.file is None and not out.held  # let go of


def test_a_large_output_is_held_in_a_file_with_no_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(_spill, "PIECE", 7)
    out = Spill(10)
    out.write(b"0123456789")
    assert out.file is None  # not past the limit
    out.write(b"abc" * 10)
    assert out.file is not None
    assert list(tmp_path.iterdir()) == []  # anonymous: nothing to remove on any exit
    chunks = list(out.chunks())
    assert max(map(len, chunks)) == 7
    assert b"".join(chunks) == b"0123456789" + b"abc" * 10


def test_close_lets_go_of_the_file() -> None:
    out = Spill(0)
    out.write(b"x")
    file = out.file
    assert file is not None
    out.close()
    assert file.closed and out.file is None
    assert list(out.chunks()) == []
