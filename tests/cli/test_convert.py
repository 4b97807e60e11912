"""``skillgraph convert``: round trips between every writable format, stdin/stdout, atomicity."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from click.testing import Result

import skillgraph as sg

from .conftest import SUFFIX, WRITABLE, need_format, ok, one_error

Invoke = Callable[..., Result]
RunExe = Callable[..., subprocess.CompletedProcess[str]]


@pytest.mark.parametrize("src_fmt", WRITABLE)
@pytest.mark.parametrize("dst_fmt", WRITABLE)
def test_round_trip_between_formats(
    invoke: Invoke, demo: sg.SkillGraph, tmp_path: Path, src_fmt: str, dst_fmt: str
) -> None:
    need_format(src_fmt)
    need_format(dst_fmt)
    src = tmp_path / f"in{SUFFIX[src_fmt]}"
    sg.write(demo, src, src_fmt)
    dst = tmp_path / f"out{SUFFIX[dst_fmt]}"
    ok(invoke("convert", str(src), str(dst)))
    assert sg.read(dst, dst_fmt) == demo, demo.diff(sg.read(dst, dst_fmt))
    back = tmp_path / "back.json"
    ok(invoke("convert", str(dst), str(back), "--from", dst_fmt))
    assert sg.read(back) == demo
    assert back.read_bytes() == sg.dumps(demo, "json")


def test_explicit_formats_override_suffixes(
    invoke: Invoke, demo: sg.SkillGraph, demo_path: Path, tmp_path: Path
) -> None:
    odd = tmp_path / "graph.data"
    ok(invoke("convert", str(demo_path), str(odd), "--to", "json"))
    out = tmp_path / "copy.json"
    ok(invoke("convert", str(odd), str(out), "--from", "json"))
    assert sg.read(out) == demo


def test_stdin_to_stdout(invoke: Invoke, demo: sg.SkillGraph, demo_path: Path) -> None:
    result = invoke("convert", "-", "-", "--to", "json", input=demo_path.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert sg.loads(result.stdout_bytes) == demo
    assert "converted" in result.stderr


def test_pipeline_through_the_executable(
    run_exe: RunExe, demo: sg.SkillGraph, demo_path: Path, tmp_path: Path
) -> None:
    need_format("turtle")
    ttl = ok(run_exe("convert", str(demo_path), "-", "--to", "turtle"))
    ok(run_exe("convert", "-", "back.json", "--from", "turtle", input=ttl))
    assert sg.read(tmp_path / "back.json") == demo


def test_stdout_needs_to(invoke: Invoke, demo_path: Path) -> None:
    result = invoke("convert", str(demo_path), "-")
    assert result.exit_code == 2
    assert "--to" in result.stderr


def test_stdin_that_does_not_sniff_needs_from(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("convert", "-", str(tmp_path / "out.json"), input=b"hello, world\n")
    assert result.exit_code == 1
    assert "--from" in one_error(result.stderr)
    assert not (tmp_path / "out.json").exists()


def test_replaces_an_existing_output(
    invoke: Invoke, demo: sg.SkillGraph, demo_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.json"
    out.write_text("old content")
    ok(invoke("convert", str(demo_path), str(out)))
    assert sg.read(out) == demo


def test_interrupt_leaves_no_file(
    invoke: Invoke, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import skillgraph.io.native as native

    def half_then_interrupt(graph: sg.SkillGraph, out: BinaryIO, **options: Any) -> None:
        out.write(b'{"skillgraph": 1, "roles": [')
        raise KeyboardInterrupt

    monkeypatch.setattr(native, "write_native", half_then_interrupt)
    out = tmp_path / "out.json"
    result = invoke("convert", str(demo_path), str(out))
    assert result.exit_code == 1
    assert "Aborted" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_interrupt_keeps_the_previous_output(
    invoke: Invoke, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import skillgraph.io.native as native

    def interrupt(graph: sg.SkillGraph, out: BinaryIO, **options: Any) -> None:
        out.write(b"{")
        raise KeyboardInterrupt

    monkeypatch.setattr(native, "write_native", interrupt)
    out = tmp_path / "out.json"
    out.write_bytes(b"previous")
    invoke("convert", str(demo_path), str(out))
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
