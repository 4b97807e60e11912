"""``sg.write`` and ``skillgraph convert`` are atomic and never touch their input.

A crash injected half-way through writing (an exception, or KeyboardInterrupt) leaves the
previous output byte for byte and no temporary file; inputs hash the same before and after.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from click.testing import CliRunner

import skillgraph as sg
from skillgraph.cli import cli
from skillgraph.io import native, rdf

from .cases import CORPUS, TINY, valid_path

WRITERS = {
    "json": (native, "write_native", ".json"),
    "turtle": (rdf, "write_turtle", ".ttl"),
    "ntriples": (rdf, "write_ntriples", ".nt"),
    "jsonld": (rdf, "write_jsonld", ".jsonld"),
    "rdfxml": (rdf, "write_rdfxml", ".rdf"),
}


class InjectedError(Exception):
    """The injected fault."""


def tree_hash(path: Path) -> str:
    """A hash of a file, or of every file under a folder (names and bytes)."""
    h = hashlib.sha256()
    for p in sorted([path, *path.rglob("*")] if path.is_dir() else [path]):
        if p.is_file():
            h.update(str(p.relative_to(path.parent)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def crashing_writer(real: Any, fault: type[BaseException]) -> Any:
    """A writer that writes the first half of the real output, flushes, then raises."""

    def write(graph: sg.SkillGraph, out: BinaryIO, **options: Any) -> None:
        import io

        buf = io.BytesIO()
        real(graph, buf, **options)
        data = buf.getvalue()
        out.write(data[: len(data) // 2])
        out.flush()
        raise fault("injected fault mid-write")

    return write


@pytest.fixture
def tiny() -> sg.SkillGraph:
    return sg.read(TINY["native"])


@pytest.mark.parametrize("fault", [InjectedError, KeyboardInterrupt])
@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_write_crash_keeps_old_file_and_leaves_no_temp(
    fmt: str,
    fault: type[BaseException],
    tiny: sg.SkillGraph,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    module, name, suffix = WRITERS[fmt]
    target = tmp_path / f"out{suffix}"
    target.write_bytes(b"the previous content\n")
    os.chmod(target, 0o640)
    monkeypatch.setattr(module, name, crashing_writer(getattr(module, name), fault))
    with pytest.raises(fault):
        sg.write(tiny, target)
    assert target.read_bytes() == b"the previous content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]
    monkeypatch.undo()
    sg.write(tiny, target)  # and a clean write then replaces it, keeping its mode
    assert sg.read(target).nodes == tiny.nodes
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_write_crash_without_old_file_leaves_nothing(
    tiny: sg.SkillGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(native, "write_native", crashing_writer(native.write_native, InjectedError))
    with pytest.raises(InjectedError):
        sg.write(tiny, tmp_path / "new.json")
    assert list(tmp_path.iterdir()) == []


def test_crash_while_syncing_leaves_old_file(
    tiny: sg.SkillGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    def failing_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        sg.write(tiny, target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


@pytest.mark.parametrize("fault", [InjectedError, KeyboardInterrupt])
def test_convert_crash_keeps_old_output_and_input(
    fault: type[BaseException], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = valid_path("native", tmp_path / "in")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "graph.ttl"
    target.write_bytes(b"# old turtle\n")
    before = tree_hash(src)
    monkeypatch.setattr(rdf, "write_turtle", crashing_writer(rdf.write_turtle, fault))
    result = CliRunner().invoke(cli, ["convert", str(src), str(target)])
    assert result.exit_code != 0
    if fault is InjectedError:
        assert isinstance(result.exception, InjectedError)
    else:  # click reports an interrupt as "Aborted!", exit code 1
        assert "Aborted" in result.output
    assert target.read_bytes() == b"# old turtle\n"
    assert [p.name for p in out_dir.iterdir()] == ["graph.ttl"]
    assert tree_hash(src) == before


@pytest.mark.parametrize("out_fmt", sorted(WRITERS))
@pytest.mark.parametrize(
    "reader", ["native", "turtle", "ntriples", "jsonld", "rdfxml", "esco", "onet"]
)
def test_convert_never_modifies_its_input(reader: str, out_fmt: str, tmp_path: Path) -> None:
    src = valid_path(reader, tmp_path / "in")
    os.utime(src, (1_000_000_000, 1_000_000_000))
    before = tree_hash(src)
    mtime = src.stat().st_mtime
    out = tmp_path / f"out{WRITERS[out_fmt][2]}"
    result = CliRunner().invoke(cli, ["convert", str(src), str(out)])
    assert result.exit_code == 0, result.output
    assert tree_hash(src) == before
    assert src.stat().st_mtime == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in", out.name])


def test_esco_zip_input_is_not_modified(tmp_path: Path) -> None:
    import zipfile

    src = tmp_path / "esco.zip"
    with zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted((CORPUS / "esco" / "base").iterdir()):
            zf.write(f, f.name)
    before = tree_hash(src)
    result = CliRunner().invoke(cli, ["convert", str(src), str(tmp_path / "esco.nt")])
    assert result.exit_code == 0, result.output
    assert tree_hash(src) == before
