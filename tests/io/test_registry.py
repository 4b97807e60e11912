"""Format registry and the ``sg.read`` / ``sg.write`` entry points: detection and targets."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import skillgraph as sg
from skillgraph.errors import FormatError, SkillGraphError, UnsupportedFormatError
from skillgraph.io import registry
from skillgraph.io._source import Source

TEXT_FORMATS = ["json", "turtle", "ntriples", "jsonld", "rdfxml"]


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_bytes_of_every_text_format_are_recognised(fmt: str, demo: sg.SkillGraph) -> None:
    """stdin-like input (bytes, no file name) is recognised from its content alone."""
    data = sg.dumps(demo, fmt)
    source = Source(name="<stdin>", data=data)
    assert registry.detect(source).name == fmt
    assert sg.read(source) == demo


def test_json_suffix_holding_json_ld_is_read_as_json_ld(
    demo: sg.SkillGraph, tmp_path: Path
) -> None:
    path = tmp_path / "graph.json"
    path.write_bytes(sg.dumps(demo, "jsonld"))
    assert registry.detect(Source.of(path)).name == "jsonld"
    assert sg.read(path) == demo


def test_explicit_format_wins_over_the_suffix(demo: sg.SkillGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    sg.write(demo, path, format="json")
    assert path.read_bytes() == sg.dumps(demo, "json")
    assert sg.read(path) == demo  # content sniffing finds the native JSON


def test_folder_of_nothing_known_is_unrecognised(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello\n")
    with pytest.raises(UnsupportedFormatError, match="folder"):
        sg.read(tmp_path)


def test_zip_that_is_not_esco_names_what_it_holds(tmp_path: Path) -> None:
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "x")
    with pytest.raises(FormatError, match="not an ESCO CSV release"):
        sg.read(path)


def test_write_to_stdout_without_format_is_refused(demo: sg.SkillGraph) -> None:
    with pytest.raises(UnsupportedFormatError, match="pass format="):
        sg.write(demo, "-")


def test_write_to_stdout_with_format(
    demo: sg.SkillGraph, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    sg.write(demo, "-", format="ntriples")
    assert capsysbinary.readouterr().out == sg.dumps(demo, "ntriples")


def test_unreadable_input_is_a_format_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bug: an OSError while sniffing (e.g. a file without read permission) escaped
    ``sg.read`` as a bare PermissionError instead of a FormatError naming the file."""
    path = tmp_path / "locked.json"
    path.write_text('{"skillgraph": 1}')

    def denied(self: Source, n: int = 4096) -> bytes:
        raise PermissionError(13, "Permission denied", str(self.path))

    monkeypatch.setattr(Source, "head", denied)
    with pytest.raises(FormatError, match=r"locked\.json: cannot read: Permission denied") as info:
        sg.read(path)
    assert isinstance(info.value, SkillGraphError)


def test_ntriples_with_a_byte_order_mark_is_recognised(demo: sg.SkillGraph) -> None:
    """Bug: the N-Triples reader accepts a UTF-8 BOM but its sniffer did not, so BOM-led
    N-Triples from stdin were 'unrecognised'."""
    source = Source(name="<stdin>", data=b"\xef\xbb\xbf" + sg.dumps(demo, "ntriples"))
    assert registry.detect(source).name == "ntriples"
    assert sg.read(source) == demo


@pytest.mark.parametrize("suffix", [".ttl", ".nt"])
def test_folder_named_like_an_rdf_file_is_no_rdf(suffix: str, tmp_path: Path) -> None:
    """Bug: a folder called ``x.ttl`` was taken for Turtle by its suffix, and reading it
    failed with 'Is a directory' instead of 'cannot recognise the format of this folder'."""
    folder = tmp_path / f"x{suffix}"
    folder.mkdir()
    with pytest.raises(UnsupportedFormatError, match="cannot recognise the format of this folder"):
        sg.read(folder)


def test_write_onto_a_folder_is_a_format_error(demo: sg.SkillGraph, tmp_path: Path) -> None:
    """Bug: ``sg.write(g, folder, format=...)`` serialised the whole graph to a temporary
    file, then ``os.replace`` failed with a bare IsADirectoryError."""
    target = tmp_path / "out"
    target.mkdir()
    with pytest.raises(FormatError, match=r"out: cannot write: this is a folder"):
        sg.write(demo, target, format="json")
    assert list(tmp_path.iterdir()) == [target] and list(target.iterdir()) == []
