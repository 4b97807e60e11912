"""One test per bug the hostile suite found (each docstring names the bug)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import skillgraph as sg
from skillgraph.errors import FormatError, ResourceLimitError
from skillgraph.io._source import Source

from .cases import CORPUS, TINY


def test_native_integer_of_5000_digits_is_a_resource_limit_error() -> None:
    """Bug: a native JSON number of more than 4300 digits escaped as a bare ValueError
    (Python's integer conversion limit) instead of a SkillGraphError."""
    data = TINY["native"].read_bytes().replace(b'"level": 3', b'"level": ' + b"7" * 5000, 1)
    with pytest.raises(ResourceLimitError, match=r"<data>, line \d+: .*4300 digits"):
        sg.loads(data)


def test_native_lone_surrogate_is_refused_at_read_time() -> None:
    """Bug: a label holding the escape "\\ud800" (a lone surrogate) was read, and writing the
    graph then crashed with UnicodeEncodeError (and RDF writers blamed the language tag)."""
    data = TINY["native"].read_bytes().replace(b'"Git"', b'"G\\udc00it"', 1)
    with pytest.raises(FormatError, match=r"field 'skills\[0\]\.label'.*lone surrogate"):
        sg.loads(data)
    # a correctly paired surrogate escape is a real character and is kept
    ok = sg.loads(TINY["native"].read_bytes().replace(b'"Git"', b'"G\\ud83d\\ude00it"', 1))
    assert ok.skills["ex:skill/git"].label == "G\U0001f600it"
    assert sg.loads(sg.dumps(ok)).skills["ex:skill/git"].label == "G\U0001f600it"


def test_native_non_utf8_names_the_line() -> None:
    """Bug: a Latin-1 byte in native JSON was reported by byte offset only, without a line;
    UTF-16 got no hint."""
    text = TINY["native"].read_bytes()
    latin1 = text.replace(b'"Python"', b'"Pyth\xf6n"', 1)
    line = text[: text.index(b'"Python"')].count(b"\n") + 1
    with pytest.raises(FormatError, match=rf"<data>, line {line}, column \d+: not UTF-8"):
        sg.loads(latin1)
    with pytest.raises(FormatError, match=r"line 1.*UTF-16"):
        sg.loads(text.decode().encode("utf-16"))


def test_csv_non_utf8_byte_is_reported_on_its_own_line(tmp_path: Path) -> None:
    """Bug: a bad byte on line 6 of an ESCO CSV file was reported at "line 1" (the text was
    decoded in blocks ahead of the CSV reader, so the line counter was stale)."""
    folder = tmp_path / "esco"
    shutil.copytree(CORPUS / "esco" / "base", folder)
    path = folder / "skills_en.csv"
    raw = path.read_bytes()
    line = raw[: raw.index(b"touch typing")].count(b"\n") + 1
    assert line > 3
    path.write_bytes(raw.replace(b"touch typing", b"touch t\xffping"))
    with pytest.raises(FormatError, match=rf"skills_en\.csv, line {line}, column \d+: not UTF-8"):
        sg.read(folder, "esco")


def test_csv_field_over_the_limit_is_a_resource_limit_error(tmp_path: Path) -> None:
    """Bug: a 10 MB CSV field gave a generic "malformed CSV" FormatError; it is a documented
    limit (csv.field_size_limit(), 131,072 characters) and now a ResourceLimitError."""
    folder = tmp_path / "onet"
    shutil.copytree(CORPUS / "onet" / "base", folder)
    path = folder / "Occupation Data.txt"
    path.write_text(path.read_text().replace("Type data.", "x" * 200_000))
    with pytest.raises(ResourceLimitError, match=r"Occupation Data\.txt, line 4: .*131072"):
        sg.read(folder, "onet")


def _one_member_zip(name: str, data: bytes) -> bytes:
    """A zip whose first member is ``name`` (at offset 0), then an occupations file."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(name, data)
        zf.writestr("occupations_en.csv", b"conceptUri,preferredLabel\n")
    return buf.getvalue()


def test_zip_member_with_corrupt_deflate_data_is_a_format_error() -> None:
    """Bug (found by fuzzing): a zip member whose deflate stream is corrupt raised a bare
    zlib.error out of the ESCO reader."""
    name = "skills_en.csv"
    raw = bytearray(_one_member_zip(name, b"conceptUri,preferredLabel\n" * 50))
    start = 30 + len(name)  # the member's data follows its local header
    raw[start : start + 8] = b"\xff" * 8
    with pytest.raises(FormatError, match=r"bad\.zip!skills_en\.csv: corrupt member"):
        sg.read(Source(name="bad.zip", data=bytes(raw)), "esco")


def test_zip_with_a_central_directory_offset_past_its_place_is_a_format_error() -> None:
    """Bug (found by fuzzing): an end record whose central-directory offset is too large made
    zipfile seek to a negative position: a bare ValueError escaped the ESCO reader."""
    raw = bytearray(_one_member_zip("skills_en.csv", b"conceptUri,preferredLabel\n"))
    eocd = raw.rindex(b"PK\x05\x06")
    offset = int.from_bytes(raw[eocd + 16 : eocd + 20], "little")
    raw[eocd + 16 : eocd + 20] = (offset + 1000).to_bytes(4, "little")
    with pytest.raises(FormatError, match=r"bad\.zip"):
        sg.read(Source(name="bad.zip", data=bytes(raw)), "esco")


def test_jsonld_integer_of_5000_digits_is_a_resource_limit_error() -> None:
    """Bug: a JSON-LD number of more than 4300 digits escaped as a bare ValueError."""
    data = b'{"@id": "https://example.org/a",\n "https://example.org/n": ' + b"9" * 5000 + b"}"
    with pytest.raises(ResourceLimitError, match=r"<data>, line 2: .*4300 digits"):
        sg.loads(data, "jsonld")


@pytest.mark.parametrize("reader", ["turtle", "ntriples"])
def test_turtle_and_ntriples_accept_a_utf8_bom(reader: str, tmp_path: Path) -> None:
    """Bug: a UTF-8 byte order mark made Turtle and N-Triples fail on line 1 ("is not a valid
    subject"), while the JSON readers and RDF/XML accepted it."""
    plain = TINY[reader].read_bytes()
    path = tmp_path / TINY[reader].name
    path.write_bytes(b"\xef\xbb\xbf" + plain)
    expected = sg.dumps(sg.loads(plain, reader))
    assert sg.dumps(sg.read(path, reader)) == expected
    assert sg.dumps(sg.loads(b"\xef\xbb\xbf" + plain, reader)) == expected


def test_rdf_literal_over_16_mib_is_a_resource_limit_error() -> None:
    """Bug: a literal longer than pyoxigraph's 16 MiB buffer surfaced as "cannot read:
    Reached the buffer maximal size" (a MemoryError caught as a generic FormatError)."""
    data = TINY["turtle"].read_bytes().replace(b'"Git"', b'"' + b"g" * (17 * 1024**2) + b'"', 1)
    with pytest.raises(ResourceLimitError, match="longer than 16 MiB"):
        sg.loads(data, "turtle")


def test_rdfxml_errors_name_the_line() -> None:
    """Bug: RDF/XML syntax errors (pyoxigraph gives no position) named only the file, and
    UTF-16 RDF/XML gave "cannot decode input using UTF-8" without a hint."""
    text = TINY["rdfxml"].read_bytes()
    line = text[: text.index(b">Python<")].count(b"\n") + 1
    with pytest.raises(FormatError, match=rf"<data>, line {line}: .*unrecognized entity"):
        sg.loads(text.replace(b">Python<", b">&nope;<", 1), "rdfxml")
    with pytest.raises(FormatError, match=r"<data>, line 1: UTF-16"):
        sg.loads(text.decode().encode("utf-16"), "rdfxml")


def test_regression_disk_full_is_a_skillgraph_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed write (disk full) escaped as a bare OSError: the CLI printed a traceback."""
    import os

    from click.testing import CliRunner

    from skillgraph.cli import cli

    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:a", label="A"))
    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(sg.OutputError) as info:
        sg.write(g, target)
    assert isinstance(info.value, OSError)  # still an OSError for callers that catch that
    assert str(target) in str(info.value) and "No space left" in str(info.value)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    src = tmp_path / "in.json"
    src.write_bytes(sg.dumps(g))
    result = CliRunner().invoke(cli, ["convert", str(src), str(target)])
    assert result.exit_code == 1
    assert "No space left" in result.output and "Traceback" not in result.output
    assert target.read_bytes() == b"old"


def test_rdfxml_with_an_unknown_encoding_is_a_format_error(tmp_path: Path) -> None:
    """An XML declaration naming an unknown encoding made the error-line finder raise a bare
    LookupError (found by the fuzz test): it is a FormatError naming the file."""
    doc = (
        b'<?xml version="1.0" encoding="U-F-8"?>\n'
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>\n'
    )
    path = tmp_path / "odd.rdf"
    path.write_bytes(doc)
    with pytest.raises(FormatError) as info:
        sg.read(path, format="rdfxml")
    assert "odd.rdf" in str(info.value)
