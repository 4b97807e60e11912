"""The native JSON reader refuses a string longer than the RDF parsers' limit
(`skillgraph.io.LIMIT`) as an N-Triples literal: what it reads can be
written as RDF and read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.errors import ResourceLimitError
from skillgraph.io import _json

LIMIT = 16 * 1024**2  #: MAX_TOKEN_BYTES


def _demo_with(tmp_path: Path, value: str) -> Path:
    doc = json.loads(sg.bundled()["demo"].read_text(encoding="utf-8"))
    doc["skills"][1]["description"] = value
    path = tmp_path / "big.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "value",
    [
        "x" * (LIMIT + 1),
        "\n" * (LIMIT // 2 + 1),
        "\t" * (LIMIT // 6 + 1),
        "\x7f" * (LIMIT // 6 + 1),
    ],
    ids=["plain", "escaped-as-rdf", "tabs-as-u0009", "del-as-u007F"],
)
def test_string_over_the_rdf_limit_is_refused_naming_its_field(tmp_path: Path, value: str) -> None:
    with pytest.raises(ResourceLimitError, match="16 MiB") as caught:
        sg.read(_demo_with(tmp_path, value))
    assert caught.value.column == "skills[1].description"


def test_cli_convert_refuses_rather_than_writing_unreadable_rdf(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from skillgraph.cli import cli

    src = _demo_with(tmp_path, "y" * 20_000_000)
    out = tmp_path / "out.nt"
    res = CliRunner().invoke(cli, ["convert", "--no-cache", str(src), str(out)])
    assert res.exit_code == 1, res.output
    assert "skills[1].description" in res.output
    assert not out.exists()


def test_cli_convert_of_control_characters_refuses_at_read(tmp_path: Path) -> None:
    # regression: 3M tabs (6 MB of JSON) were read, written as 18 MB of \u0009 escapes and
    # the N-Triples could not be read back
    from click.testing import CliRunner

    from skillgraph.cli import cli

    src = _demo_with(tmp_path, "\t" * 3_000_000)
    out = tmp_path / "out.nt"
    res = CliRunner().invoke(cli, ["convert", "--no-cache", str(src), str(out)])
    assert res.exit_code == 1, res.output
    assert "skills[1].description" in res.output and "16 MiB" in res.output
    assert not out.exists()


def test_token_bytes_counts_the_writers_escapes() -> None:
    from skillgraph.io._limits import token_bytes
    from skillgraph.io.rdf._literals import literal

    text = 'a\t\x00\x1f\x7f"\\\n\r\u00e9\U0001f600b'
    assert token_bytes(text) == len(literal(text).encode("utf-8"))


def test_string_under_the_limit_is_read() -> None:
    assert not _json.may_hold_long_string(b'{"a": "' + b"x" * 100 + b'"}', 1000)


_values = st.recursive(
    st.text(alphabet='ab"\\\n\t\x01\x7f\u00e9\U0001f600 ', max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(alphabet='k"\\', max_size=5), inner, max_size=4)
    ),
    max_leaves=12,
)


@given(_values, st.integers(min_value=6, max_value=80), st.booleans())
def test_no_long_string_escapes_the_doubt(value: object, limit: int, indent: bool) -> None:
    raw = json.dumps({"v": value}, indent=2 if indent else None, ensure_ascii=False).encode()
    try:
        _json.refuse_long_strings(json.loads(raw), limit, "<x>")
    except ResourceLimitError:
        assert _json.may_hold_long_string(raw, limit)
