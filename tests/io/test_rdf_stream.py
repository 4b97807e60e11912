"""Streaming RDF -> RDF conversion (`skillgraph.io.rdf.convert_stream`, ``convert``'s
default for N-Triples / Turtle): byte for byte the model path's output, or no output at all
(the model path then converts, refuses and warns as always)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

import skillgraph as sg
from skillgraph._synthetic import esco_like
from skillgraph.cli import cli
from skillgraph.errors import SkillGraphError, SkillGraphWarning
from skillgraph.io import _limits
from skillgraph.io._source import Source
from skillgraph.io.rdf import _stream, convert_stream
from skillgraph.io.rdf._stream import STREAM_INPUTS, _Converter
from tests.hostile.cases import BAD, Bad, materialise
from tests.io.test_rdf import graphs_with_extra

SUFFIX = {"turtle": ".ttl", "ntriples": ".nt"}
PAIRS = [(a, b) for a in SUFFIX for b in SUFFIX]
RANDOM = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def model_bytes(path: Path, in_format: str, out_format: str) -> bytes:
    """What the model path writes: read the graph, write it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SkillGraphWarning)
        return sg.dumps(sg.read(path, in_format), out_format)


def recorded_temporary_files(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every ``tempfile.TemporaryFile`` made from now on in the test (runs, spills, output)."""
    import tempfile

    made: list[Any] = []
    make = tempfile.TemporaryFile

    def recorded() -> Any:
        made.append(make())
        return made[-1]

    monkeypatch.setattr(tempfile, "TemporaryFile", recorded)
    return made


def streamed(path: Path, in_format: str, out_format: str) -> bytes | None:
    done = convert_stream(Source(name=str(path), path=path), in_format, out_format)
    return None if done is None else b"".join(done.chunks)


def written(g: sg.SkillGraph, folder: Path, fmt: str) -> Path:
    path = folder / f"in{SUFFIX[fmt]}"
    sg.write(g, path, fmt)
    return path


def same_or_unsure(path: Path, in_format: str, out_format: str) -> bool:
    """Assert the streamed output (when given) is the model path's; True when it streamed."""
    got = streamed(path, in_format, out_format)
    if got is not None:
        assert got == model_bytes(path, in_format, out_format)
    return got is not None


@pytest.fixture(scope="module")
def esco_shaped(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("esco_like")
    g = esco_like(0.1)
    return {fmt: written(g, folder, fmt) for fmt in SUFFIX}


@pytest.mark.parametrize(("src", "dst"), PAIRS)
def test_esco_shaped_graph_streams_to_the_same_bytes(
    esco_shaped: dict[str, Path], src: str, dst: str
) -> None:
    done = convert_stream(Source(name="x", path=esco_shaped[src]), src, dst)
    assert done is not None, "the ESCO-shaped graph must stream"
    assert b"".join(done.chunks) == model_bytes(esco_shaped[src], src, dst)
    g = sg.read(esco_shaped[src])
    assert (done.roles, done.skills) == (len(g.roles), len(g.skills))
    assert done.requirements == g.count_requirements()


@pytest.mark.parametrize(("src", "dst"), PAIRS)
def test_demo_gives_the_model_paths_bytes(
    demo: sg.SkillGraph, tmp_path: Path, src: str, dst: str
) -> None:
    same_or_unsure(written(demo, tmp_path, src), src, dst)


def plain(g: sg.SkillGraph) -> sg.SkillGraph:
    """``g`` without what the streaming converter leaves to the model path (attributes,
    translations, list orders, learning resources, progressions, weighted requirements),
    its extra triples kept."""
    out = sg.SkillGraph(language=g.language, metadata=dict(g.metadata), prefixes=dict(g.prefixes))
    for nd in g.nodes.values():
        if nd.id in g.resources or nd.id in g.undeclared:
            continue
        update: dict[str, object] = {"attributes": {}, "translations": {}}
        for name in ("alt_labels", "hidden_labels", "tags", "industries"):
            if name in type(nd).model_fields:
                update[name] = tuple(sorted(set(getattr(nd, name))))
        out.add(nd.model_copy(update=update))
    for edge in [*g.iter_broader(), *g.iter_related(), *g.iter_prerequisites()]:
        out.add(edge)  # type: ignore[call-overload]
    for req in g.iter_requirements():
        out.require(
            req.role, req.skill, essential=req.essential, importance=1.0 if req.essential else 0.5
        )
    for t in g.extra_triples:
        out.add_extra_triple(*t)
    return out


@pytest.mark.parametrize("src", list(SUFFIX))
@RANDOM
@given(g=graphs_with_extra())
def test_plain_random_graphs_with_unknown_triples_stream_to_the_model_paths_bytes(
    tmp_path: Path, src: str, g: sg.SkillGraph
) -> None:
    path = written(plain(g), tmp_path, src)
    for dst in SUFFIX:
        assert same_or_unsure(path, src, dst), "a plain graph must stream"


@pytest.mark.parametrize("src", list(SUFFIX))
@RANDOM
@given(g=graphs_with_extra())
def test_random_graphs_with_unknown_triples_give_the_model_paths_bytes(
    tmp_path: Path, src: str, g: sg.SkillGraph
) -> None:
    path = written(g, tmp_path, src)
    for dst in SUFFIX:
        same_or_unsure(path, src, dst)


def test_real_esco_gives_the_model_paths_bytes(data: Path, tmp_path: Path) -> None:
    csv = data / "esco" / "v1.1.1" / "csv"
    if not csv.is_dir():
        pytest.skip("ESCO v1.1.1 CSV absent")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SkillGraphWarning)
        g = sg.read(csv)
    for src in SUFFIX:
        path = written(g, tmp_path, src)
        for dst in SUFFIX:
            same_or_unsure(path, src, dst)


# ---------------------------------------------------------------------- fallbacks
_TINY = """@prefix esco: <http://data.europa.eu/esco/model#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <http://example.org/> .
@prefix sg: <https://w3id.org/skillgraph/vocab#> .
ex:s1 a esco:Skill , skos:Concept ; skos:prefLabel "one"@en ;
    esco:skillType <http://data.europa.eu/esco/skill-type/skill> ; ex:p "kept" .
ex:s2 a esco:Skill , skos:Concept ; skos:prefLabel "two"@en ;
    esco:skillType <http://data.europa.eu/esco/skill-type/skill> %s .
"""

#: (name, what s2 also says, or a whole document) -> the streaming converter must decline
FALLBACKS = {
    "translation": '; skos:altLabel "zwei"@de',
    "two labels": '; skos:prefLabel "deux"@en',
    "attribute": '; sg:attribute [ sg:key "k" ; sg:value "v" ]',
    "list order": '; <https://w3id.org/skillgraph/vocab#listOrder> "{}"',
    "broader cycle": "; skos:broader ex:s1 . ex:s1 skos:broader ex:s2",
    "self link": "; esco:relatedEssentialSkill ex:s2",
    "link to a non-node": "; skos:broader ex:nowhere",
    "unknown vocabulary term": "; skos:exactMatch ex:s1",
    "ESCO shape": "; <http://www.w3.org/2008/05/skos-xl#prefLabel> ex:label",
    "ISCO node": ". <http://data.europa.eu/esco/isco/C1234> a esco:Occupation",
    "requirement node": ". [] a <https://w3id.org/skillgraph/vocab#Requirement>",
    "two kinds": "; a esco:Occupation",
    "IRI label": "; skos:altLabel ex:s1",
    "label of another datatype": '; skos:altLabel "2"^^<http://www.w3.org/2001/XMLSchema#integer>',
    "label in another language after one in the graph's": '; skos:altLabel "b"@en , "zwei"@de',
    "syntax error": "; ex:p",
}


@pytest.mark.parametrize("case", list(FALLBACKS))
def test_each_fallback_declines_and_convert_still_gives_the_model_paths_output(
    tmp_path: Path, case: str
) -> None:
    path = tmp_path / "in.ttl"
    path.write_text(_TINY % FALLBACKS[case], encoding="utf-8")
    assert streamed(path, "turtle", "ntriples") is None
    plain = tmp_path / "plain.ttl"
    plain.write_text(_TINY % "", encoding="utf-8")
    assert streamed(plain, "turtle", "ntriples") is not None  # the base streams
    outs: list[tuple[int, str, bytes | None]] = []
    for extra in ([], ["--no-stream"]):
        out = tmp_path / f"out{len(outs)}.nt"
        result = CliRunner().invoke(cli, ["convert", "-q", *extra, str(path), str(out)])
        outs.append((result.exit_code, result.output, out.read_bytes() if out.exists() else None))
    assert outs[0] == outs[1]


def test_byte_order_mark_and_triple_limit_decline(
    esco_shaped: dict[str, Path], tmp_path: Path
) -> None:
    bom = tmp_path / "bom.nt"
    bom.write_bytes(b"\xef\xbb\xbf" + esco_shaped["ntriples"].read_bytes())
    assert streamed(bom, "ntriples", "turtle") is None
    bom_ttl = tmp_path / "bom.ttl"
    bom_ttl.write_bytes(b"\xef\xbb\xbf" + esco_shaped["turtle"].read_bytes())
    assert streamed(bom_ttl, "turtle", "ntriples") is None
    with _limits.applied(_limits.Limits(max_bytes=10**9, max_triples=100)):
        assert streamed(esco_shaped["ntriples"], "ntriples", "turtle") is None


def test_a_bug_in_the_converter_is_raised_not_hidden_by_the_fallback(
    esco_shaped: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only doubts about the input send a conversion to the model path (was: any exception)."""
    from skillgraph.io.rdf import _stream

    def broken(self: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(_stream._Converter, "run", broken)
    with pytest.raises(KeyError, match="a bug"):
        streamed(esco_shaped["ntriples"], "ntriples", "turtle")


def test_chunks_are_bounded_by_triples_and_join_to_the_same_bytes(
    esco_shaped: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chunk ends after at most a few thousand triples as well as subjects: the same bytes."""
    from skillgraph.io.rdf import _blocks

    for dst in SUFFIX:
        whole = streamed(esco_shaped["ntriples"], "ntriples", dst)
        monkeypatch.setattr(_blocks, "CHUNK_TRIPLES", 50)
        done = convert_stream(Source(name="x", path=esco_shaped["ntriples"]), "ntriples", dst)
        assert done is not None
        chunks = list(done.chunks)
        monkeypatch.undo()
        assert len(chunks) > 3
        assert b"".join(chunks) == whole


@pytest.mark.parametrize(("src", "dst"), PAIRS)
def test_output_held_in_a_temporary_file_is_the_same_bytes(
    esco_shaped: dict[str, Path], monkeypatch: pytest.MonkeyPatch, src: str, dst: str
) -> None:
    """Past a few MB the output waits for its last check in a temporary file (the
    groups of every node are never held): the same bytes, read back in pieces."""
    from skillgraph.io.rdf import _spill

    whole = streamed(esco_shaped[src], src, dst)
    assert whole is not None
    made = recorded_temporary_files(monkeypatch)
    monkeypatch.setattr(_spill, "LIMIT", 1000)
    monkeypatch.setattr(_spill, "PIECE", 4096)
    done = convert_stream(Source(name="x", path=esco_shaped[src]), src, dst)
    assert done is not None
    assert len(made) == 1  # the output went to the file
    chunks = list(done.chunks)
    assert made[0].closed  # and the file is closed once read
    assert len(chunks) > 3
    assert b"".join(chunks) == whole


def test_a_cycle_found_after_the_output_is_written_lets_go_of_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cycle check comes after the last node's block: the output held so far is
    dropped (its temporary file closed) and the model path converts."""
    import tempfile

    from skillgraph.io.rdf import _blocks, _spill

    made: list[Any] = []
    make = tempfile.TemporaryFile

    def recorded() -> Any:
        made.append(make())
        return made[-1]

    monkeypatch.setattr(_blocks, "CHUNK", 1)  # a chunk a subject: written before the check
    monkeypatch.setattr(_spill, "LIMIT", 0)
    monkeypatch.setattr(_spill.tempfile, "TemporaryFile", recorded)
    path = tmp_path / "in.ttl"
    path.write_text(_TINY % FALLBACKS["broader cycle"], encoding="utf-8")
    assert streamed(path, "turtle", "ntriples") is None
    assert len(made) == 1 and made[0].closed


def test_other_formats_and_reader_options_take_the_model_path(
    esco_shaped: dict[str, Path], tmp_path: Path
) -> None:
    src = esco_shaped["turtle"]
    assert convert_stream(Source(name="x", path=src), "turtle", "jsonld") is None
    assert convert_stream(Source(name="x", path=src), "jsonld", "turtle") is None
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(cli, ["convert", "-q", "--language", "en", str(src), str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == model_bytes(src, "turtle", "turtle")


def test_cli_streams_and_no_stream_agree(esco_shaped: dict[str, Path], tmp_path: Path) -> None:
    for src, dst in PAIRS:
        outs: list[tuple[bytes, str]] = []
        for extra in ([], ["--no-stream"]):
            out = tmp_path / f"out{len(outs)}{SUFFIX[dst]}"
            result = CliRunner().invoke(cli, ["convert", *extra, str(esco_shaped[src]), str(out)])
            assert result.exit_code == 0, result.output
            outs.append((out.read_bytes(), result.output.split("): ")[1].split(" in ")[0]))
        assert outs[0] == outs[1]
    assert "--no-stream" in CliRunner().invoke(cli, ["convert", "--help"]).output


# ---------------------------------------------------------------------- hostile inputs
RDF_BAD = [c for c in BAD if c.reader in SUFFIX]


@pytest.mark.parametrize("case", RDF_BAD, ids=lambda c: c.id)
@pytest.mark.parametrize("dst", list(SUFFIX))
def test_hostile_rdf_is_refused_with_the_same_error_on_both_paths(
    case: Bad, dst: str, tmp_path: Path
) -> None:
    path = materialise(case, tmp_path / "in")
    fmt = case.format or case.reader
    assert streamed(path, fmt, dst) is None
    messages: list[str] = []
    for extra in ([], ["--no-stream"]):
        out = tmp_path / f"out{len(messages)}{SUFFIX[dst]}"
        args = ["convert", *extra, str(path), str(out)] + (
            ["--from", case.format] if case.format else []
        )
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, result.output
        assert case.says in result.output
        assert not out.exists()
        messages.append(result.output)
    assert messages[0] == messages[1]
    with pytest.raises(SkillGraphError):
        sg.read(path, case.format)


@pytest.mark.parametrize("dst", list(SUFFIX))
def test_shuffled_triples_stream_to_the_same_bytes(
    esco_shaped: dict[str, Path], tmp_path: Path, dst: str
) -> None:
    """Each subject's triples kept as one flat list, grouped by predicate when read: a
    subject's triples spread over the file, and its predicates interleaved, give the
    model path's bytes (and still stream)."""
    lines = esco_shaped["ntriples"].read_bytes().splitlines(keepends=True)
    random.Random(23).shuffle(lines)
    path = tmp_path / "shuffled.nt"
    path.write_bytes(b"".join(lines))
    assert same_or_unsure(path, "ntriples", dst), "the shuffled graph must stream"
    assert streamed(path, "ntriples", dst) == streamed(esco_shaped["ntriples"], "ntriples", dst)


def test_subjects_share_type_sets_and_iri_strings(esco_shaped: dict[str, Path]) -> None:
    conv = _Converter(
        Source(name="x", path=esco_shaped["ntriples"]),
        STREAM_INPUTS["ntriples"],
        "turtle",
        ordered=False,
    )
    conv.collect()
    distinct = set(conv.types.values())
    assert len({id(ts) for ts in conv.types.values()}) == len(distinct) < 10
    assert all(isinstance(flat, list) and len(flat) % 2 == 0 for flat in conv.props.values())
    # IRI objects are strings, one object per distinct IRI (a link holds a pointer only)
    iris = [o for flat in conv.props.values() for o in flat[1::2] if type(o) is str]
    assert len(iris) > 1000
    assert len({id(o) for o in iris}) == len(set(iris))


def test_links_sort_by_id_when_the_order_by_iri_differs(tmp_path: Path) -> None:
    """Two prefixes whose order by id is the reverse of their namespaces' order: links sort
    by id (the model path's order), not by IRI, and the output is still the model path's."""
    from skillgraph.io.rdf._stream_nodes import NodeGroups

    g = sg.SkillGraph(language="en", prefixes={"a": "http://z.example/", "b": "http://a.example/"})
    ids = ["a:1", "b:2", "a:3", "b:4", "a:x"]
    for i in ids:
        g.add(sg.Skill(id=i, label=f"skill {i}"))
    for i in ids[:4]:
        g.add(sg.Related(skill="a:x", related=i, essential=i != "b:4"))
        g.add(sg.Broader(narrower=i, broader="a:x"))
    g.add(sg.Role(id="b:role", label="role"))
    for i in ids[:4]:
        essential = i.startswith("a")
        g.require("b:role", i, essential=essential, importance=1.0 if essential else 0.5)
    for src in SUFFIX:
        path = written(g, tmp_path, src)
        for dst in SUFFIX:
            assert same_or_unsure(path, src, dst), "the graph must stream"
    conv = _Converter(
        Source(name="x", path=path), STREAM_INPUTS["ntriples"], "turtle", ordered=False
    )
    conv.collect()
    kinds = conv.kinds()
    node_id = {k: ("a:" if "z.example" in k else "b:") + k.rsplit("/", 1)[1] for k in kinds}
    assert not NodeGroups("en", kinds, node_id, conv.keep).same_order
    assert NodeGroups("en", kinds, {k: k for k in kinds}, conv.keep).same_order


_ESCO_MODEL = "http://data.europa.eu/esco/model#"
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


@pytest.mark.parametrize(
    "first",
    [
        f"<http://data.europa.eu/esco/isco/C1234> {_RDF_TYPE} <{_ESCO_MODEL}Occupation> .",
        f"_:b {_RDF_TYPE} <{_ESCO_MODEL}Skill> .",
        f"<http://example.org/course> {_RDF_TYPE} <http://schema.org/Course> .",
    ],
    ids=["ISCO node", "blank node", "learning resource"],
)
@pytest.mark.parametrize("src", list(SUFFIX))
def test_a_node_the_converter_leaves_to_the_model_stops_the_parse_where_it_is_typed(
    esco_shaped: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    first: str,
    src: str,
) -> None:
    """Real ESCO's ISCO groups come first: the streaming converter declines at the first
    one, not after reading the whole file, and convert gives the model path's output
    (N-Triples read from its lines, Turtle from the parser: each counted)."""
    path = tmp_path / f"in{SUFFIX[src]}"
    path.write_bytes(first.encode() + b"\n" + esco_shaped[src].read_bytes())
    read: list[int] = [0]

    def counted(items: Iterable[object]) -> Iterator[object]:
        for item in items:
            read[0] += 1
            yield item

    if src == "ntriples":
        group = _stream.group_lines
        monkeypatch.setattr(_stream, "group_lines", lambda lines, *a: group(counted(lines), *a))
    else:
        parse = _Converter.parse
        monkeypatch.setattr(_Converter, "parse", lambda self: counted(parse(self)))
    assert streamed(path, src, "turtle") is None
    assert 0 < read[0] < 10
    monkeypatch.undo()
    out = [tmp_path / "a.ttl", tmp_path / "b.ttl"]
    for extra, dst in zip(([], ["--no-stream"]), out, strict=True):
        result = CliRunner().invoke(cli, ["convert", "-q", *extra, str(path), str(dst)])
        assert result.exit_code == 0, result.output
    assert out[0].read_bytes() == out[1].read_bytes()


_MODULES_AFTER_CONVERT = """
import sys
from skillgraph.cli import main
code = main(["convert", "-q", "--no-cache", *sys.argv[1:]])
heavy = ("pydantic", "skillgraph.model", "skillgraph.graph")
print(code, *sorted(m for m in heavy if m in sys.modules))
"""


@pytest.mark.parametrize("src", list(SUFFIX))
def test_streaming_convert_imports_no_model(
    esco_shaped: dict[str, Path], tmp_path: Path, src: str
) -> None:
    """A streamed conversion imports neither pydantic nor the model nor the graph (a
    quarter of its start-up); the model path does."""
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": root}
    got = []
    for extra in ([], ["--no-stream"]):
        out = tmp_path / f"out{len(got)}{SUFFIX[src]}"
        args = [
            sys.executable,
            "-c",
            _MODULES_AFTER_CONVERT,
            *extra,
            str(esco_shaped[src]),
            str(out),
        ]
        proc = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
        got.append(proc.stdout.split())
    assert got[0] == ["0"]
    assert got[1] == ["0", "pydantic", "skillgraph.graph", "skillgraph.model"]


def _respelled(line: str, rng: random.Random) -> str:
    """``line`` (a plain N-Triples line) written another way that reads the same: other
    white space, a comment, CRLF, escapes in a literal or an IRI, an upper-case language
    tag, an ``xsd:string`` datatype; or a comment line before it."""
    body = line[: -len(" .\n")]
    s, p, o = body.split(" ", 2)
    how = rng.randrange(8)
    if how == 0:
        return f"{s}\t{p}  {o}\t.\n"
    if how == 1:
        return f"{s} {p} {o} . # a comment\n"
    if how == 2:
        return f"# a comment line\n\n{line}"
    if how == 3:
        return f"{s} {p} {o} .\r\n"
    if how == 4 and o.startswith('"'):
        end = o.rfind('"')
        escaped = "".join(f"\\u{ord(c):04X}" if c in "aeiou" else c for c in o[1:end])
        suffix = o[end + 1 :]
        return f'{s} {p} "{escaped}"{suffix.upper() if suffix[:1] == "@" else suffix} .\n'
    if how == 5 and o.startswith('"') and o.endswith('"'):
        return f"{s} {p} {o}^^<http://www.w3.org/2001/XMLSchema#string> .\n"
    if how == 6 and s.startswith("<"):
        iri = s[1:-1].replace("/", "\\u002F")
        return f"<{iri}> {p} {o} .\n"
    if how == 7:
        return f"{s}{p}{o}.\n" if not o.startswith("_:") else f"{s}{p} {o}.\n"
    return line


@pytest.mark.parametrize("seed", [11, 12, 13])
@pytest.mark.parametrize("dst", list(SUFFIX))
def test_n_triples_written_other_ways_streams_to_the_same_bytes(
    esco_shaped: dict[str, Path], tmp_path: Path, seed: int, dst: str
) -> None:
    """N-Triples lines that are not in the plain form (read by the parser, one line at a
    time) among plain ones (split by the converter) give the plain file's output, which
    is the model path's; the file still streams."""
    rng = random.Random(seed)
    lines = esco_shaped["ntriples"].read_text(encoding="utf-8").splitlines(keepends=True)
    picked = set(rng.sample(range(len(lines)), len(lines) // 20))
    out = [_respelled(x, rng) if i in picked else x for i, x in enumerate(lines)]
    path = tmp_path / "in.nt"
    path.write_text("".join(out)[:-1], encoding="utf-8", newline="")  # no final newline
    got = streamed(path, "ntriples", dst)
    assert got is not None, "a valid N-Triples file in any spelling must stream"
    assert got == model_bytes(path, "ntriples", dst)
    assert got == model_bytes(esco_shaped["ntriples"], "ntriples", dst)


# regressions (review of the line reader): each line, added to a small N-Triples file that
# streams, made the line reader accept what the strict parser refuses or drop a triple
_S = "<http://example.org/gen/skill/0>"
_ODD_LINES = {
    "a triple after a bare CR": (f'{_S} <x:p> "c" .\r{_S} <x:p> "d" .\n', False),
    "junk after the triple": (f'{_S} <x:p> "o" . junk\n', False),
    "two triples on a line": (f'{_S} <x:p> "o" . {_S} <x:p> "o2" .\n', False),
    "a blank label ending in a dot": (f"{_S} <x:p> _:x. .\n", False),
    "a blank node seen as subject, then as predicate": (
        f"_:sgb <x:q> <x:o> .\n{_S} _:sgb <x:o> .\n",
        False,
    ),
    "an empty subject on the first line": (" <x:p> <x:o> .\n", True),
    "an empty predicate on the first line": (f"{_S}  <x:o> .\n", True),
}


@pytest.mark.parametrize("case", sorted(_ODD_LINES))
@pytest.mark.parametrize("dst", list(SUFFIX))
def test_odd_n_triples_lines_read_as_the_strict_parser_reads_them(
    case: str, dst: str, tmp_path: Path
) -> None:
    g = esco_like(0.02)
    base = sg.dumps(g, "ntriples").decode()
    assert _S in base
    line, first = _ODD_LINES[case]
    plain = tmp_path / "base.nt"
    plain.write_bytes(base.encode())
    assert streamed(plain, "ntriples", dst) is not None  # the file streams as it is
    path = tmp_path / "in.nt"
    path.write_bytes((line + base if first else base + line).encode())
    try:
        want = model_bytes(path, "ntriples", dst)
    except SkillGraphError:
        assert streamed(path, "ntriples", dst) is None  # refused by the model path
        return
    got = streamed(path, "ntriples", dst)
    assert got is None or got == want
