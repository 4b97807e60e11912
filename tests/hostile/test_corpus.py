"""Every input of the hostile corpus: the library raises the stated error, naming the file and
the line, row or field; the CLI exits 1 with that message and no traceback; nothing is
written, nothing is fetched; deliberately accepted inputs lose nothing."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import skillgraph as sg
from skillgraph.cli import cli
from skillgraph.errors import SkillGraphError, SkillGraphWarning

from .cases import ACCEPTED, BAD, READERS, Accepted, Bad, materialise, valid_path
from .cases_round2 import KIND as ROUND2_KIND

BY_ID = {c.id: c for c in BAD}


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def expect_message(text: str, case: Bad, path: Path, *, cli_style: bool = False) -> None:
    """``text`` names the file, says the phrase and points at the line or field."""
    file = case.file or path.name
    assert file in text, f"{case.id}: file {file!r} not named in {text[:400]!r}"
    assert case.says in text, f"{case.id}: {case.says!r} not in {text[:400]!r}"
    if case.line is not None:
        pattern = rf"{re.escape(file)}:{case.line}\b" if cli_style else rf"line {case.line}\b"
        assert re.search(pattern, text), f"{case.id}: line {case.line} not in {text[:400]!r}"
    if case.field is not None:
        assert case.field in text, f"{case.id}: field {case.field!r} not in {text[:400]!r}"


def read_bad(case: Bad, path: Path) -> SkillGraphError:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SkillGraphWarning)
        with pytest.raises(SkillGraphError) as info:
            sg.read(path, case.format)
    return info.value


def test_corpus_size_and_coverage() -> None:
    """At least 40 bad inputs, every reader covered, every corpus file used by a case."""
    assert len(BAD) >= 40
    assert {c.reader for c in BAD} == set(READERS)
    assert len({c.id for c in BAD} | {c.id for c in ACCEPTED}) == len(BAD) + len(ACCEPTED)
    corpus = Path(__file__).parent / "corpus"
    used = {c.id for c in BAD} | {c.id for c in ACCEPTED}
    for reader in READERS:
        for entry in (corpus / reader).iterdir():
            if entry.name != "base":
                assert f"{reader}/{entry.name}" in used, f"unused corpus entry {entry}"
    for entry in corpus.rglob("*"):
        if entry.is_file():
            assert entry.stat().st_size < 100_000, entry
    kinds = Counter(type(c).__name__ for c in BAD)
    assert kinds  # for the report: see test ids


@pytest.mark.parametrize("case", BAD, ids=lambda c: c.id)
def test_library_raises_the_stated_error(case: Bad, tmp_path: Path) -> None:
    path = materialise(case, tmp_path / "in")
    before = {p: p.read_bytes() for p in [path, *path.rglob("*")] if p.is_file()}
    exc = read_bad(case, path)
    assert type(exc) is case.error, f"{case.id}: {type(exc).__name__}: {exc}"
    expect_message(str(exc), case, path)
    after = {p: p.read_bytes() for p in [path, *path.rglob("*")] if p.is_file()}
    assert after == before, "the input was modified"


def _convert_args(case: Bad, path: Path, out: Path) -> list[str]:
    args = ["convert", str(path), str(out)]
    return args + (["--from", case.format] if case.format else [])


@pytest.mark.parametrize("case", BAD, ids=lambda c: c.id)
def test_cli_convert_exits_1_with_the_message(case: Bad, tmp_path: Path) -> None:
    path = materialise(case, tmp_path / "in")
    outdir = tmp_path / "out"
    outdir.mkdir()
    result = CliRunner().invoke(cli, _convert_args(case, path, outdir / "out.json"))
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.output.startswith("Error: ") or "\nError: " in result.output
    expect_message(result.output, case, path)
    assert list(outdir.iterdir()) == [], "convert left a file behind"


@pytest.mark.parametrize("case", BAD, ids=lambda c: c.id)
def test_cli_convert_to_rdf_refuses_alike(case: Bad, tmp_path: Path) -> None:
    """The same refusal when the output is N-Triples, where an RDF input takes the
    streaming converter (regression, red team: the stream did not apply the size-based
    triple cap, so a 600 KB expansion converted and a 1.2 MB list took 444 MB)."""
    path = materialise(case, tmp_path / "in")
    outdir = tmp_path / "out"
    outdir.mkdir()
    result = CliRunner().invoke(cli, _convert_args(case, path, outdir / "out.nt"))
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    expect_message(result.output, case, path)
    assert list(outdir.iterdir()) == [], "convert left a file behind"


@pytest.mark.parametrize("case", BAD, ids=lambda c: c.id)
def test_cli_validate_exits_1_and_locates(case: Bad, tmp_path: Path) -> None:
    path = materialise(case, tmp_path / "in")
    args = ["validate", str(path)] + (["--from", case.format] if case.format else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    if case.format is None:  # unrecognised input: the plain error line
        assert case.says in result.output
        return
    assert "invalid" in result.output
    expect_message(result.output, case, path, cli_style=True)


SUBPROCESS = [
    "native/truncated.json",
    "rdfxml/external-entity-file.rdf",
    "jsonld/remote-context.jsonld",
    "esco/zip-slip.zip",
    "onet/bad-code",
]


@pytest.mark.parametrize("case_id", SUBPROCESS)
def test_executable_exits_1_without_traceback(case_id: str, tmp_path: Path) -> None:
    case = BY_ID[case_id]
    path = materialise(case, tmp_path / "in")
    out = tmp_path / "out.ttl"
    proc = subprocess.run(
        [sys.executable, "-m", "skillgraph", *_convert_args(case, path, out)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("Error: ")
    expect_message(proc.stderr, case, path)
    assert not out.exists()


@pytest.mark.parametrize("case", ACCEPTED, ids=lambda c: c.id)
def test_accepted_inputs_lose_nothing(case: Accepted, tmp_path: Path) -> None:
    path = materialise(case, tmp_path / "in")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        graph = sg.read(path, case.format)
    if case.warns is not None:
        assert any(issubclass(w.category, case.warns) for w in caught)
        assert all(issubclass(w.category, SkillGraphWarning) for w in caught)
    if case.same_as is not None:
        reference = sg.read(valid_path(case.same_as, tmp_path / "ref"), case.format)
        if case.warns is None:
            assert sg.dumps(graph) == sg.dumps(reference)
        else:
            assert graph.count_requirements() == reference.count_requirements()
    if case.label is not None:
        node, length = case.label
        assert len(graph.nodes[node].label) == length
        # and it survives a native round trip
        assert sg.loads(sg.dumps(graph)).nodes[node].label == graph.nodes[node].label
    if case.id == "turtle/empty.ttl":
        assert not graph.nodes and sg.dumps(graph) == sg.dumps(sg.SkillGraph())
    if case.id.endswith("nul-byte"):
        assert any("\x00" in n.label or "\x00" in n.description for n in graph.nodes.values())


CATALOGUE = Path(__file__).resolve().parents[2] / "docs" / "reference" / "error-catalogue.md"
#: Phrases of the corpus that are the offending value: the catalogue names their kind.
KIND = {
    "'41X2'": "invalid ISCO-08 unit group",
    "'wisdom'": "unknown skill type",
    "'sometimes'": "relation type",
    "'43-9021'": "invalid O*NET-SOC code",
    "colour": "Extra inputs are not permitted",
    "evil.example.org/nested": "remote JSON-LD @context",
    "file:///etc/passwd": "external resource",
    "http://evil.example.org/e.txt": "external resource",
    "http://evil.example.org/x.dtd": "external resource",
    "12 fields where the header has 13": "fields where the header has",
    "4 fields where the header has 5": "fields where the header has",
    "16 MiB": "longer than 16 MiB",
    "Unexpected end of file": "Unexpected end",
}
KIND.update(ROUND2_KIND)


def test_error_catalogue_lists_every_error_the_corpus_triggers() -> None:
    text = CATALOGUE.read_text(encoding="utf-8")
    for case in BAD:
        assert f"## `{case.error.__name__}`" in text, case.error.__name__
        kind = KIND.get(case.says, case.says)
        assert kind in text, f"{case.id}: {kind!r} is not in {CATALOGUE.name}"
