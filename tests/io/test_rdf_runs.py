"""The streaming converter's bounded grouping (`skillgraph.io.rdf._runs.Runs`) and its
objects (`skillgraph.io.rdf._stream_terms`): subjects' triples spilled in sorted runs to
anonymous temporary files come back merged, in key order and input order, and the
conversion gives the same bytes however small the runs."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from skillgraph.io._source import Source
from skillgraph.io.rdf import _runs, _stream, convert_stream
from skillgraph.io.rdf._runs import Runs
from skillgraph.io.rdf._stream_terms import Blanks, lit, lit_text, nt, value
from skillgraph.io.rdf._terms import text, typed_value
from tests.io.test_rdf_stream import (
    _TINY,
    FALLBACKS,
    PAIRS,
    SUFFIX,
    model_bytes,
    recorded_temporary_files,
    same_or_unsure,
    streamed,
)

_KEYS = st.sampled_from(["http://x/a", "http://x/b", "http://x/c", "urn:z", "_:b0", "_:b1"])
_OBJECTS = st.one_of(
    st.text(max_size=3), st.tuples(st.text(max_size=3), st.none(), st.just("x:dt")), st.binary()
)

#: triples over a few subjects (blank ones among them) and a run budget
_TRIPLES_AND_BUDGET = given(
    triples=st.lists(st.tuples(_KEYS, st.sampled_from(["p", "q"]), _OBJECTS), max_size=60),
    budget=st.integers(0, 30),
)


def _grouped(triples: list[tuple[str, str, Any]], runs: Runs) -> None:
    """Group ``triples`` into ``runs`` as the converter's loops do (`Runs.at` when the
    subject changes)."""
    last: str | None = None
    flat: list[Any] = []
    for k, p, o in triples:
        if k != last:
            flat = runs.at(k)
            last = k
        flat += (p, o)


def _spills_written_out(triples: list[tuple[str, str, Any]], budget: int) -> list[int]:
    """Where the subject step the two groupings each wrote out before `Runs.at` spilled
    (the index of the triple whose subject started a new run): the reference for `at`."""
    props: dict[str, list[Any]] = {}
    spills: list[int] = []
    last: str | None = None
    flat: list[Any] = []
    held = base = 0
    for i, (k, p, o) in enumerate(triples):
        if k != last:
            held += len(flat) - base
            if held > budget:
                spills.append(i)
                props.clear()
                held = 0
            flat = props.setdefault(k, [])
            base = len(flat)
            last = k
        flat += (p, o)
    return spills


@_TRIPLES_AND_BUDGET
def test_the_shared_subject_step_spills_where_each_grouping_did(
    triples: list[tuple[str, str, Any]], budget: int
) -> None:
    """`Runs.at`, the subject step both groupings share, starts a new run at the very
    triples where the step each of them wrote out did, and hands out the subject's list."""
    runs = Runs(budget)
    spills: list[int] = []
    at = runs.at
    last: str | None = None
    flat: list[Any] = []
    now = [0]  # the triple being read
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(runs, "spill", lambda: (spills.append(now[0]), runs.props.clear()))
        for now[0], (k, p, o) in enumerate(triples):
            if k != last:
                flat = at(k)
                assert flat is runs.props[k]
                last = k
            flat += (p, o)
    assert spills == _spills_written_out(triples, budget)


def test_blank_labels_are_numbered_in_order_of_first_appearance() -> None:
    blanks = Blanks()
    assert [blanks[x] for x in ("x", "y", "x", "z", "y")] == [
        "_:b0",
        "_:b1",
        "_:b0",
        "_:b2",
        "_:b1",
    ]


@_TRIPLES_AND_BUDGET
def test_merged_runs_give_each_subjects_triples_in_key_and_input_order(
    triples: list[tuple[str, str, Any]], budget: int
) -> None:
    want: dict[str, list[Any]] = {}
    for k, p, o in triples:
        want.setdefault(k, []).extend((p, o))
    runs = Runs(budget)
    _grouped(triples, runs)
    files = list(runs.files)
    blanks = runs.blanks()
    assert blanks == {k: v for k, v in want.items() if k.startswith("_:")}
    got = list(runs.merged())
    assert got == sorted((k, v) for k, v in want.items() if not k.startswith("_:"))
    assert all(f.closed for f in files)  # each run let go once read


@_TRIPLES_AND_BUDGET
def test_runs_in_key_order_are_read_back_one_after_another(
    triples: list[tuple[str, str, Any]], budget: int
) -> None:
    """Input in subject order (as the writer writes it; blank nodes anywhere): each run's
    keys follow the run before's, so the runs are read one after another, with no merge,
    and give what the merge gives."""
    iri_first = sorted((t for t in triples if not t[0].startswith("_:")), key=lambda t: t[0])
    blanks = [t for t in triples if t[0].startswith("_:")]
    ordered = [*blanks[: len(blanks) // 2], *iri_first, *blanks[len(blanks) // 2 :]]
    want: dict[str, list[Any]] = {}
    for k, p, o in iri_first:
        want.setdefault(k, []).extend((p, o))
    runs = Runs(budget)
    _grouped(ordered, runs)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_runs.heapq, "merge", _no_merge)
        got = list(runs.merged())
    assert got == sorted(want.items())


def _no_merge(*runs: Any, **kw: Any) -> Any:
    raise AssertionError("runs in key order merged")


def test_runs_that_overlap_are_merged() -> None:
    """A subject in two runs, or a key before the run before's last: merged, in key
    order, a subject's triples in input order."""
    triples = [("http://x/b", "p", "1"), ("http://x/a", "p", "2"), ("http://x/b", "p", "3")]
    runs = Runs(0)
    _grouped(triples, runs)
    assert len(runs.files) == 2
    assert list(runs.merged()) == [("http://x/a", ["p", "2"]), ("http://x/b", ["p", "1", "p", "3"])]


def test_a_subject_is_read_back_through_the_runs() -> None:
    runs = Runs(2)
    _grouped([("http://x/o", "p", "1"), ("http://x/a", "p", "2")] * 3, runs)
    assert len(runs.files) > 1
    assert runs.subject("http://x/o") == ["p", "1"] * 3
    assert runs.subject("http://x/none") is None
    files = list(runs.files)
    runs.close()
    assert all(f.closed for f in files) and not runs.files


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The temporary files made (runs and output), recorded; runs of 40 triples."""
    files = recorded_temporary_files(monkeypatch)
    monkeypatch.setattr(_runs, "BUDGET", 40)
    monkeypatch.setattr(_runs, "PIECE_TRIPLES", 8)
    return files


@pytest.mark.parametrize(("src", "dst"), PAIRS)
def test_small_runs_give_the_same_bytes(
    made: list[Any], tmp_path: Path, src: str, dst: str
) -> None:
    """The ESCO-shaped graph, its lines shuffled too (a subject's triples in several
    runs), grouped in runs of 40 triples: the model path's bytes, every run let go; as
    written (in subject order), each run written as it is read: no run file."""
    import skillgraph as sg
    from skillgraph._synthetic import esco_like

    path = tmp_path / f"in{SUFFIX[src]}"
    sg.write(esco_like(0.05), path, src)
    assert same_or_unsure(path, src, dst), "the graph must stream"
    assert not made  # in subject order: no run spilled
    if src == "ntriples":
        lines = path.read_bytes().splitlines(keepends=True)
        random.Random(84).shuffle(lines)
        shuffled = tmp_path / "shuffled.nt"
        shuffled.write_bytes(b"".join(lines))
        assert streamed(shuffled, src, dst) == model_bytes(path, src, dst)
        assert len(made) > 10
    assert all(f.closed for f in made)


@pytest.mark.parametrize("case", ["broader cycle", "self link", "translation"])
def test_a_refusal_with_runs_written_lets_go_of_them(
    made: list[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    """A refusal found while the runs are merged (or before): every run file closed."""
    path = tmp_path / "in.ttl"
    path.write_text(_TINY % FALLBACKS[case], encoding="utf-8")
    monkeypatch.setattr(_runs, "BUDGET", 1)
    assert convert_stream(Source(name="x", path=path), "turtle", "ntriples") is None
    assert made and all(f.closed for f in made)


def test_an_ontology_node_with_an_iri_read_back_through_the_runs(
    made: list[Any], tmp_path: Path
) -> None:
    """The ontology node named by an IRI, its triples spread over several runs."""
    import skillgraph as sg
    from skillgraph._synthetic import esco_like

    text_nt = sg.dumps(esco_like(0.05), "ntriples").decode()
    onto = "<http://example.org/the-ontology>"
    lines = [
        onto + line[len("_:sgontology") :] if line.startswith("_:sgontology ") else line
        for line in text_nt.splitlines(keepends=True)
    ]
    lines.append(lines.pop(0))  # its rdf:type last
    path = tmp_path / "in.nt"
    path.write_text("".join(lines), encoding="utf-8")
    conv = _stream._Converter(
        Source(name="x", path=path), _stream.STREAM_INPUTS["ntriples"], "turtle", ordered=False
    )
    conv.collect()
    k = onto[1:-1]
    assert len(conv.runs.files) > 1 and len(conv.props[k]) == 2  # its type in the last run
    whole = conv.runs.subject(k)
    assert whole is not None and len(whole) > 2 and whole[-2:] == conv.props[k]
    conv.runs.close()
    got = streamed(path, "ntriples", "turtle")
    assert got is not None
    assert got == model_bytes(path, "ntriples", "turtle")


_LITERALS = st.one_of(
    st.builds(ox.Literal, st.text(max_size=8)),
    st.builds(
        lambda t, lang: ox.Literal(t, language=lang),
        st.text(max_size=8),
        st.sampled_from(["en", "de-ch", "x-y"]),
    ),
    st.builds(  # RDF 1.2: a base direction
        lambda t, lang, d: ox.Literal(t, language=lang, direction=d),
        st.text(max_size=8),
        st.sampled_from(["en", "ar-eg"]),
        st.sampled_from([ox.BaseDirection.LTR, ox.BaseDirection.RTL]),
    ),
    st.builds(
        lambda t, dt: ox.Literal(t, datatype=ox.NamedNode(dt)),
        st.sampled_from(["1", "-2", "x", "1.5e3", "true", "0", "NaN", ""]),
        st.sampled_from(
            [
                "http://www.w3.org/2001/XMLSchema#" + t
                for t in ("integer", "double", "boolean", "string", "date")
            ]
            + ["http://example.org/dt"]
        ),
    ),
)


@given(o=_LITERALS)
def test_a_literal_reads_as_its_term_reads(o: ox.Literal) -> None:
    held = lit(o)
    assert nt(held) == str(o)
    assert lit_text(held) == text(o)
    assert value(held) == typed_value(o)
    assert nt("http://x/a") == "<http://x/a>" and nt(b"_:b3") == "_:b3"


_DIRECTED = {  # a literal with a base direction where the converter reads a literal
    "another triple": '<http://ex.org/thing> <http://ex.org/p> "a"@en--ltr .\n',
    "a blank node's": '_:x <http://ex.org/p> "a"@ar--rtl .\n',
    "an alt label": "<http://example.org/gen/group/0> "
    '<http://www.w3.org/2004/02/skos/core#altLabel> "alt"@en--ltr .\n',
    "a tag": "<http://example.org/gen/group/0> <https://w3id.org/skillgraph/vocab#tag> "
    '"x"@en--ltr .\n',
    "the graph's language": "_:sgontology <https://w3id.org/skillgraph/vocab#language> "
    '"en"@en--ltr .\n',
}


@pytest.mark.parametrize("where", sorted(_DIRECTED))
@pytest.mark.parametrize(("src", "dst"), [("ntriples", "ntriples"), ("turtle", "ntriples")])
def test_a_literal_keeps_its_base_direction(tmp_path: Path, where: str, src: str, dst: str) -> None:
    """Regression: a literal with a base direction streamed as one without it (its
    direction dropped: ``"a"@en`` written for ``"a"@en--ltr``, and ``"en"@en--ltr`` read
    as the graph's language). Streamed, it is the model path's bytes."""
    import skillgraph as sg
    from skillgraph._synthetic import esco_like

    text_nt = sg.dumps(esco_like(0.05), "ntriples").decode() + _DIRECTED[where]
    path = tmp_path / f"in{SUFFIX[src]}"
    if src == "ntriples":
        path.write_text(text_nt, encoding="utf-8")
    else:  # the same triples as Turtle, read by pyoxigraph's Turtle parser
        path.write_bytes(
            ox.serialize(
                ox.parse(text_nt.encode(), format=ox.RdfFormat.N_TRIPLES),
                format=ox.RdfFormat.TURTLE,
            )
        )
    streamed_it = same_or_unsure(path, src, dst)
    assert streamed_it or where in {"a tag", "the graph's language"}
