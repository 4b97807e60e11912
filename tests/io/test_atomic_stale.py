"""A write killed outright (``kill -9``) leaves its temporary file; the next write of the
same output removes it, and nothing else (`skillgraph.io._atomic.remove_stale`)."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import skillgraph as sg


def _dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def _temp(folder: Path, target: str, pid: int, random: str = "ab12cd_3") -> Path:
    host = re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:16] or "host"
    return folder / f".{target}.{host}-{pid}-{random}.tmp"


def test_stale_temporary_files_of_dead_writers_are_removed(tmp_path: Path) -> None:
    dead = _temp(tmp_path, "out.json", _dead_pid())
    dead.write_bytes(b"half")
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as live_proc:
        try:
            live = _temp(tmp_path, "out.json", live_proc.pid)
            live.write_bytes(b"being written")
            other_output = _temp(tmp_path, "other.json", _dead_pid())
            other_output.write_bytes(b"not ours to judge")
            unlike = tmp_path / ".out.json.notes.tmp"
            unlike.write_bytes(b"someone's file")
            linked = _temp(tmp_path, "out.json", _dead_pid(), "zz99yy_1")
            linked.symlink_to(unlike)
            sg.write(sg.load("demo"), tmp_path / "out.json")
            assert not dead.exists()
            assert live.read_bytes() == b"being written"
            assert other_output.exists() and unlike.exists() and linked.is_symlink()
            assert sg.read(tmp_path / "out.json") == sg.load("demo")
        finally:
            live_proc.kill()


def test_killed_convert_leaves_nothing_after_the_next_run(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from skillgraph.cli import cli

    stale = _temp(tmp_path, "demo.nt", _dead_pid())
    stale.write_bytes(b"<a> <b> ")  # what a kill -9 mid-write leaves
    res = CliRunner().invoke(cli, ["convert", "-q", "demo", str(tmp_path / "demo.nt")])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.nt"]
