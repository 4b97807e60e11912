"""Tests for skillgraph.io._json.parse_members: a document in the native writer's layout
parsed member by member gives what the whole text gives, and the native reader gives the
same graph or the same error with the fast path as without it."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.errors import SkillGraphError
from skillgraph.io import _json
from skillgraph.io.native import write_native
from tests.strategies import graphs


def _layout(g: sg.SkillGraph) -> bytes:
    out = io.BytesIO()
    write_native(g, out)
    return out.getvalue()


@pytest.fixture(scope="module")
def doc(demo: sg.SkillGraph) -> bytes:
    return _layout(demo)


@settings(max_examples=40, deadline=None)
@given(graphs())
def test_the_writers_layout_parses_member_by_member_as_the_whole_text(g: sg.SkillGraph) -> None:
    raw = _layout(g)
    got = _json.parse_members(raw)
    assert got is not None
    assert got == _json.parse(_json.decode(raw, "t.json"), "t.json")
    assert list(got) == list(_json.parse(_json.decode(raw, "t.json"), "t.json"))
    with pytest.MonkeyPatch.context() as m:  # every list member one item a piece
        m.setattr(_json, "_PIECE", 1)
        assert _json.parse_members(raw) == got


def test_a_byte_order_mark_and_a_compact_layout(doc: bytes) -> None:
    assert _json.parse_members(b"\xef\xbb\xbf" + doc) == _json.parse_members(doc)
    compact = b'{"skillgraph": 1, "language": "en"}'
    assert _json.parse_members(compact) is None  # not the layout: the caller parses it


def _outcome(raw: bytes, fast: bool) -> object:
    """The graph read from ``raw``, or the error (type, message, line, column)."""
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as m:
        path = Path(tmp) / "doc.json"
        path.write_bytes(raw)
        if not fast:
            m.setattr(_json, "parse_members", lambda raw, *checks: None)
        try:
            return sg.read(path, cache=False)
        except SkillGraphError as exc:
            message = str(exc).replace(str(path), "doc.json")
            return (type(exc), message, getattr(exc, "line", None), getattr(exc, "column", None))


_BROKEN = [
    (b'"language": "en",', b'"language": "en",\n  "language": "en",'),  # top-level key twice
    (b'"language": "en",', b'"language": "en", "skillgraph": 1,'),
    (b'"id": ', b'"id": "x", "id": '),  # a nested key twice
    (b'"importance": 1.0', b'"importance": 1e400'),
    (b'"importance": 1.0', b'"importance": NaN'),
    (b'"importance": 1.0', b'"importance": 1' + b"0" * 4400),
    (b'"language": "en",', b'"language": "en"'),  # a missing comma
    (b'"language": "en",', b'"language": "en",,'),
    (b'"language": "en",', b'"language": "\xff",'),  # not UTF-8
    (b'"language": "en",', b'"language": "e\n  "n",'),  # a raw line break in a string
    (b'"language": "en",', b'"language": "\\ud800",'),  # a lone surrogate
    (b'"language": "en",', b'"language": "en",\n  "bogus": [' + b"[" * 5000 + b"]" * 5000 + b"],"),
    (b'"language": "en",', b'"language" : "en",'),
    (b'"language": "en",', b'"language":  "en",'),
    (b'"language": "en",', b'"language": "en"\t,'),
    (b'"language": "en",', b'"language": "en",\x0b'),  # not JSON white space
    (b"{", b"\xef\xbb\xbf{"),  # a byte order mark after the first
    (b"{", b"[{"),
    (b'"label": "Accounting software",', b'"label": "Accounting software", "label": "x",'),
    (b'"kind": "technology",', b'"kind": "technology", "weight": 1e400,'),
    (b'"label": "Accounting software",', b'"label": "\\udc00 software",'),
    (b'"label": "Accounting software",', b'"label": ' + b"[" * 3000 + b"]" * 3000 + b","),
    (b'"label": "Accounting software",', b'"label": ' + b"9" * 5000 + b","),
    (  # a missing comma between two skills
        b'\n    },\n    {\n      "id": "demo:skill/accounting-standards"',
        b'\n    }\n    {\n      "id": "demo:skill/accounting-standards"',
    ),
    (b'"narrower": ', b'"narrower": "x", "narrower": '),
    # the requirements, read as pairs (`requirement_pairs`)
    (b'"importance": 0.8', b'"importance": 1e400'),
    (b'"importance": 0.8', b'"importance": -1e400'),
    (b'"importance": 0.8', b'"importance": 1.5'),
    (b'"importance": 0.8', b'"importance": 1'),
    (b'"importance": 0.8', b'"importance": true'),
    (b'"importance": 0.8', b'"importance": 0.8, "importance": 0.5'),
    (b'"essential": true', b'"essential": true, "essential": false'),
    (b'"essential": true,', b'"essential": 1,'),
    (b'"role": "demo:role/accountant",', b'"role": "demo:role/accountant", "role": "demo:x",'),
    (b'"role": "demo:role/accountant",', b'"role": "demo:role/nobody",'),
    # a lone surrogate in a requirement: the error names the entry's field, as without the
    # fast path (a regression: the pairs' columns were searched and named requires[0][0])
    (b'"role": "demo:role/accountant",', b'"role": "\\ud800demo:role/accountant",'),
    (b'"importance": 0.8', b'"importance": 0.8, "level": "\\udc00"'),
    (b'"role": "demo:role/accountant",', b'"role": "demo:role/ accountant",'),
    (b'"role": "demo:role/accountant",\n      "skill"', b'"skill"'),
    (
        b'"essential": true,\n      "importance": 0.8',
        b'"importance": 0.8,\n      "essential": true',
    ),
    (b'"essential": true,\n      "importance": 0.8', b'"essential": true,\n      "level": 0.8'),
    (  # an entry as an array of pairs
        b'{\n      "role": "demo:role/accountant",\n      "skill": "demo:skill/accounting-'
        b'software",\n      "essential": true,\n      "importance": 0.8\n    }',
        b'[["role", "demo:role/accountant"], ["skill", "demo:skill/accounting-software"], '
        b'["essential", true], ["importance", 0.8]]',
    ),
]


@pytest.mark.parametrize(("old", "new"), _BROKEN)
def test_a_changed_document_reads_as_without_the_fast_path(
    doc: bytes, old: bytes, new: bytes
) -> None:
    raw = doc.replace(old, new, 1)
    if old == b"{":
        raw = b"\xef\xbb\xbf" + raw if new.startswith(b"\xef") else raw + b"]"
    assert raw != doc
    want = _outcome(raw, False)
    assert _outcome(raw, True) == want


@pytest.mark.parametrize(("old", "new"), _BROKEN)
def test_a_changed_document_read_in_pieces_of_one_item_reads_as_without_the_fast_path(
    doc: bytes, old: bytes, new: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every list member read one item a piece (`_json._flat`): every cut checked."""
    monkeypatch.setattr(_json, "_PIECE", 1)
    raw = doc.replace(old, new, 1)
    assert raw != doc
    if old == b"{":
        raw = b"\xef\xbb\xbf" + raw if new.startswith(b"\xef") else raw + b"]"
    assert _outcome(raw, True) == _outcome(raw, False)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_small_change_reads_as_without_the_fast_path(doc: bytes, data: st.DataObject) -> None:
    """A few bytes replaced anywhere: the same graph or the same error."""
    at = data.draw(st.integers(0, len(doc)))
    cut = data.draw(st.integers(0, 3))
    snippet = data.draw(st.sampled_from([b"", b",", b'\n  "', b'"', b"}", b"]", b" ", b"1e999"]))
    raw = doc[:at] + snippet + doc[at + cut :]
    want = _outcome(raw, False)
    assert _outcome(raw, True) == want


def _text(value: object) -> str:
    """JSON text of ``value``, objects given as lists of (key, value) pairs (so that a key
    may be repeated) and written as objects."""
    if isinstance(value, tuple):
        return "{" + ", ".join(f"{_text(k)}: {_text(v)}" for k, v in value) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(map(_text, value)) + "]"
    return _json_dumps(value)


def _json_dumps(value: object) -> str:
    import json

    return json.dumps(value)


_SCALARS = st.one_of(
    st.integers(-5, 5), st.booleans(), st.none(), st.sampled_from(["x", "a,b", ",", "", "1e5"])
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.lists(st.tuples(st.sampled_from("abc"), inner), max_size=3).map(tuple),
    ),
    max_leaves=6,
)
_OBJECTS = st.lists(st.tuples(st.sampled_from("abc"), _VALUES), max_size=4).map(tuple)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.one_of(_OBJECTS, _VALUES), min_size=0, max_size=5),
    st.sampled_from(["compact", "lines", "lines inside items"]),
    st.sampled_from([1, 10, 1 << 18]),
)
def test_a_flat_member_is_kept_only_when_no_object_repeats_a_key(
    rows: list[object], layout: str, piece: int
) -> None:
    """A member read in pieces without the repeated-key hook (`_json._flat`) gives the
    value the whole text gives, or None where the whole text is refused (a key twice,
    nested ones included); never a value the whole parse would not give."""
    items = [_text(row) for row in rows]
    if layout == "compact":
        member = "[" + ", ".join(items) + "]"
    else:
        if layout == "lines inside items":  # cuts may fall inside an item: not one piece
            items = [item.replace(", ", ",\n    ") for item in items]
        member = "[\n    " + ",\n    ".join(items) + "\n  ]" if items else "[]"
    raw = ('{\n  "skillgraph": 1,\n  "requires": ' + member + "\n}\n").encode()
    seen: list[object] = []

    def keep(pieces: Iterator[list[object]]) -> object:
        found = [row for rows in pieces for row in rows]
        seen.append(found)
        return found

    with pytest.MonkeyPatch.context() as m:
        m.setattr(_json, "_PIECE", piece)
        got = _json.parse_members(raw, {"requires": keep})
    try:
        want: object = _json.parse(_json.decode(raw, "t.json"), "t.json")
    except SkillGraphError:
        assert got is None
        assert not seen  # the check never saw a value with a repeated key
        return
    assert got == want


def test_a_repeated_key_in_a_flat_member_is_caught_whatever_the_commas() -> None:
    for rows in (
        '[{"a": 1, "a": 2}]',
        '[{"a": "x,y"}, {"b": 1, "b": 1}]',  # a comma in a string does not hide it
        '[{"a": [{"c": 1, "c": 2}]}]',  # nested
        '[{"a": 1}, {}, {"a": 1, "a": 1}]',
    ):
        raw = ('{\n  "skillgraph": 1,\n  "requires": ' + rows + "\n}\n").encode()
        assert _json.parse_members(raw, {"requires": list}) is None, rows
        lines = rows.replace("[{", "[\n    {").replace("}, {", "},\n    {")
        laid_out = ('{\n  "skillgraph": 1,\n  "requires": ' + lines[:-1] + "\n  ]\n}\n").encode()
        assert _json.parse_members(laid_out, {"requires": list}) is None, lines


_STRINGS = st.text(
    st.characters(codec=None, exclude_categories=()), max_size=6
)  # lone surrogates included


@settings(max_examples=300, deadline=None)
@given(st.lists(_STRINGS, max_size=4), st.booleans(), st.integers(0, 3))
def test_a_surrogate_escape_is_never_missed(
    texts: list[str], ascii_only: bool, walked: int
) -> None:
    """`may_escape_surrogate` is True whenever the text holds a lone surrogate, also once
    the escapes walked one by one run out (the rest searched at once)."""
    import json

    from skillgraph.io._utf8 import find_lone_surrogate

    text = json.dumps(texts, ensure_ascii=ascii_only)
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:
        return  # a lone surrogate written raw is not UTF-8 (refused before any of this)
    with pytest.MonkeyPatch.context() as m:
        if walked:
            m.setattr(_json, "_ESCAPES_WALKED", walked)
        found = _json.may_escape_surrogate(raw)
    if find_lone_surrogate(json.loads(text)) is not None:
        assert found


def test_an_escaped_backslash_before_u_is_not_a_surrogate_escape() -> None:
    assert not _json.may_escape_surrogate(b'["\\\\ud800", "\\\\\\\\", "\\"u"]')
    assert _json.may_escape_surrogate(b'["\\\\\\ud800"]')  # \\ then \ud800
    assert _json.may_escape_surrogate(b'["\\uDC00"]')
    assert not _json.may_escape_surrogate(b'["\\u00e9\\ue000"]')


def test_escapes_past_the_walked_ones_are_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_json, "_ESCAPES_WALKED", 2)
    assert _json.may_escape_surrogate(b'["\\n\\t\\n\\ud800"]')
    assert not _json.may_escape_surrogate(b'["\\n\\t\\n"]')


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"    },\n    {", b"    }\n    {"),  # a missing comma between two requirements
        (b"    },\n    {", b"    },,\n    {"),
        (b"    },\n    {", b"    },\n    {},\n    {"),  # an empty entry
        (b'"importance": 0.8', b'"importance": 0.8, "importance": 0.8'),
        (b'"importance": 0.8', b'"importance": 1e400'),
        (b"    },\n    {", b"    },\n    [],\n    {"),
        (b'\n  ],\n  "broader"', b'\n  ,],\n  "broader"'),
    ],
)
def test_requirements_read_in_small_pieces_read_as_without_the_fast_path(
    doc: bytes, old: bytes, new: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pieces of one entry each (every cut checked): the same graph or the same error."""
    monkeypatch.setattr(_json, "_PIECE", 1)
    at = doc.index(b'"requires": [')
    raw = doc[:at] + doc[at:].replace(old, new, 1)
    assert raw != doc
    assert _outcome(raw, True) == _outcome(raw, False)
    assert _outcome(doc, True) == _outcome(doc, False)
