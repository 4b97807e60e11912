"""Bad input through the installed executable: exit 1 or 2, one clear message, no traceback,
no output file, input unchanged."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import need_format, one_error

RunExe = Callable[..., subprocess.CompletedProcess[str]]


@dataclass
class Case:
    args: list[str]
    code: int
    says: str
    needs: str | None = None


BAD_TURTLE = b'@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e "unterminated .\n'

CASES = {
    "malformed turtle": Case(["convert", "in.ttl", "out.json"], 1, "in.ttl", needs="turtle"),
    "truncated json": Case(["convert", "in.json", "out.json"], 1, "line"),
    "unknown role": Case(
        ["gap", "--role", "no such role at all", "--ontology", "in.json"], 1, "no role matches"
    ),
    "unknown --to format": Case(
        ["convert", "in.json", "out.json", "--to", "klingon"], 1, "unknown format 'klingon'"
    ),
    "unknown --from format": Case(
        ["convert", "in.json", "out.json", "--from", "klingon"], 1, "unknown format 'klingon'"
    ),
    "unknown suffix": Case(["convert", "in.json", "out.xyz"], 1, "--to"),
    "missing folder": Case(["convert", "in.json", "nowhere/out.json"], 1, "does not exist"),
    "input = output": Case(["convert", "in.json", "in.json"], 1, "input = output"),
    "input = output, other spelling": Case(
        ["convert", "in.json", "./sub/../in.json"], 1, "input = output"
    ),
    "input = output, symlink": Case(["convert", "in.json", "link.json"], 1, "input = output"),
    "missing input": Case(["convert", "absent.json", "out.json"], 1, "no such file"),
    "usage": Case(["convert", "in.json"], 2, "Missing argument"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name: str, run_exe: RunExe, demo_path: Path, tmp_path: Path) -> None:
    case = CASES[name]
    if case.needs:
        need_format(case.needs)
    (tmp_path / "sub").mkdir()
    if name == "malformed turtle":
        src = tmp_path / "in.ttl"
        src.write_bytes(BAD_TURTLE)
    else:
        src = tmp_path / "in.json"
        data = demo_path.read_bytes()
        src.write_bytes(data[: len(data) // 2] if name == "truncated json" else data)
    (tmp_path / "link.json").symlink_to(src)
    os.utime(src, ns=(1_000_000_000, 1_000_000_000))
    before = src.read_bytes()
    listing = sorted(p.name for p in tmp_path.rglob("*"))

    proc = run_exe(*case.args)

    assert proc.returncode == case.code, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout
    if case.code == 1:
        assert case.says in one_error(proc.stderr)
    else:
        assert case.says in proc.stderr
    assert proc.stdout == ""
    assert sorted(p.name for p in tmp_path.rglob("*")) == listing
    assert src.read_bytes() == before
    assert src.stat().st_mtime_ns == 1_000_000_000
