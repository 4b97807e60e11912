"""Fuzzing every reader: random bytes and mutated valid inputs (byte flips, truncations,
insertions, duplicated or dropped lines, replaced JSON values).

Whatever the input, reading either succeeds or raises a SkillGraphError, and emits no warning
but SkillGraphWarning; each input gets :data:`TIME_LIMIT` seconds (a SIGALRM guard turns a
hang into a failure).
"""

from __future__ import annotations

import contextlib
import json
import shutil
import signal
import tempfile
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.errors import SkillGraphError, SkillGraphWarning
from skillgraph.io._source import Source

from .cases import CORPUS, TINY

#: Seconds one input may take before it counts as a hang.
TIME_LIMIT = 20

SUFFIX = {"native": ".json", "turtle": ".ttl", "ntriples": ".nt", "jsonld": ".jsonld"}
SUFFIX["rdfxml"] = ".rdf"
FORMAT = {"native": "json", "turtle": "turtle", "ntriples": "ntriples", "jsonld": "jsonld"}
FORMAT["rdfxml"] = "rdfxml"


class HangError(AssertionError):
    """An input took longer than TIME_LIMIT."""


@contextlib.contextmanager
def time_limit(seconds: int = TIME_LIMIT) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise HangError(f"reading took more than {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def must_not_crash(source: str | Path | Source, fmt: str | None) -> None:
    """Read ``source``: a graph or a SkillGraphError, only SkillGraphWarnings, in time."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with time_limit():
            try:
                sg.read(source, fmt)
            except SkillGraphError as exc:
                assert str(exc)  # a message, never empty
    others = [w for w in caught if not issubclass(w.category, SkillGraphWarning)]
    assert not others, [f"{w.category.__name__}: {w.message}" for w in others]


# --------------------------------------------------------------------------- mutations
@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` after 1-4 random edits."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "truncate", "insert", "dup-line", "drop-line"]))
        at = draw(st.integers(0, max(0, len(out) - 1)))
        if op == "flip" and out:
            out[at] = draw(st.integers(0, 255))
        elif op == "truncate":
            del out[at:]
        elif op == "insert":
            out[at:at] = draw(
                st.one_of(
                    st.binary(min_size=1, max_size=16),
                    st.sampled_from(
                        [b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b'"', b"\n", b",", b"\t", b"{["]
                    ),
                )
            )
        else:
            lines = bytes(out).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            if op == "dup-line":
                lines.insert(i, lines[i])
            else:
                del lines[i]
            out = bytearray(b"\n".join(lines))
    return bytes(out)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)


def _paths(obj: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(obj, dict):
        for k, v in obj.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out += _paths(v, (*prefix, i))
    return out


@st.composite
def replaced_json(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` (a JSON document) with 1-3 values replaced by random JSON values."""
    doc = json.loads(data)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths))
        value = draw(json_values)
        if not path:
            doc = value
            continue
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = value
    return json.dumps(doc, allow_nan=True).encode()


FUZZ = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# --------------------------------------------------------------------------- single files
@pytest.mark.parametrize("reader", sorted(SUFFIX))
@FUZZ
@given(data=st.binary(max_size=3000))
def test_random_bytes(reader: str, data: bytes) -> None:
    must_not_crash(Source(name=f"fuzz{SUFFIX[reader]}", data=data), FORMAT[reader])


@given(data=st.binary(max_size=3000) | st.sampled_from([b"", b"PK\x05\x06" + bytes(18)]))
@FUZZ
def test_random_bytes_detected(data: bytes) -> None:
    must_not_crash(Source(name="fuzz", data=data), None)


@pytest.mark.parametrize("reader", sorted(SUFFIX))
@FUZZ
@given(st.data())
def test_mutated_valid_file(reader: str, data: st.DataObject) -> None:
    raw = data.draw(mutated(TINY[reader].read_bytes()))
    fmt = data.draw(st.sampled_from([FORMAT[reader], None]))
    must_not_crash(Source(name=f"mutant{SUFFIX[reader]}", data=raw), fmt)


@pytest.mark.parametrize("reader", ["native", "jsonld"])
@FUZZ
@given(st.data())
def test_json_with_replaced_values(reader: str, data: st.DataObject) -> None:
    raw = data.draw(replaced_json(TINY[reader].read_bytes()))
    must_not_crash(Source(name=f"mutant{SUFFIX[reader]}", data=raw), FORMAT[reader])


# --------------------------------------------------------------------------- folders, zips
def _release_files(reader: str) -> list[str]:
    return sorted(p.name for p in (CORPUS / reader / "base").iterdir())


@pytest.mark.parametrize("reader", ["esco", "onet"])
@FUZZ
@given(st.data())
def test_mutated_release_folder(reader: str, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(_release_files(reader)))
    raw = (CORPUS / reader / "base" / name).read_bytes()
    bad = data.draw(mutated(raw) | st.binary(max_size=500))
    drop = data.draw(st.sampled_from([None, *_release_files(reader)]))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "release"
        shutil.copytree(CORPUS / reader / "base", folder)
        (folder / name).write_bytes(bad)
        if drop is not None and drop != name:
            (folder / drop).unlink()
        must_not_crash(folder, data.draw(st.sampled_from([reader, None])))


def _esco_zip() -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in _release_files("esco"):
            zf.write(CORPUS / "esco" / "base" / name, name)
    return buf.getvalue()


ESCO_ZIP = _esco_zip()


@FUZZ
@given(st.data())
def test_mutated_esco_zip(data: st.DataObject) -> None:
    raw = data.draw(mutated(ESCO_ZIP))
    must_not_crash(Source(name="mutant.zip", data=raw), data.draw(st.sampled_from(["esco", None])))


@FUZZ
@given(
    names=st.lists(
        st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=30),
        min_size=1,
        max_size=4,
        unique=True,
    ),
    content=st.binary(max_size=200),
)
def test_zip_with_random_member_names(names: list[str], content: bytes) -> None:
    """Any member names (climbing, absolute, back slashes, unicode) next to a valid release."""
    import io

    buf = io.BytesIO(ESCO_ZIP)
    with zipfile.ZipFile(buf, "a") as zf:
        existing = set(zf.namelist())
        for name in names:
            if name not in existing and not name.endswith("/"):
                zf.writestr(name + ".csv", content)
    must_not_crash(Source(name="names.zip", data=buf.getvalue()), "esco")
