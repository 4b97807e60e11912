"""A write killed outright (``kill -9``) leaves its temporary file; a later write of the
same output removes it, and nothing else (`skillgraph.io._atomic.remove_stale`)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import skillgraph as sg
from skillgraph.io import _atomic

#: an hour ago: past the age under which a temporary file is never removed
_OLD = time.time() - 3600


def _dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def _temp(folder: Path, target: str, pid: int, random: str = "ab12cd_3") -> Path:
    """The name this process's writes of ``folder / target`` give a temporary file."""
    return folder / f"{_atomic._prefix(folder / target)}{pid}-{random}.tmp"


def _aged(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    os.utime(path, (_OLD, _OLD))
    return path


def test_stale_temporary_files_of_dead_writers_are_removed(tmp_path: Path) -> None:
    dead = _aged(_temp(tmp_path, "out.json", _dead_pid()), b"half")
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as live_proc:
        try:
            live = _aged(_temp(tmp_path, "out.json", live_proc.pid), b"being written")
            other_output = _aged(_temp(tmp_path, "other.json", _dead_pid()), b"not ours")
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

    _aged(_temp(tmp_path, "demo.nt", _dead_pid()), b"<a> <b> ")  # a kill -9 mid-write
    res = CliRunner().invoke(cli, ["convert", "-q", "demo", str(tmp_path / "demo.nt")])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.nt"]


def test_a_pid_too_large_for_the_system_is_left_alone(tmp_path: Path) -> None:
    # regression: os.kill raised OverflowError for a 10-digit pid and every write aborted
    huge = _aged(_temp(tmp_path, "out.json", 9_999_999_999), b"whose?")
    sg.write(sg.load("demo"), tmp_path / "out.json")
    assert huge.read_bytes() == b"whose?"
    assert sg.read(tmp_path / "out.json") == sg.load("demo")


def test_a_recent_temporary_file_is_kept_even_when_its_pid_is_gone(tmp_path: Path) -> None:
    # regression: a live writer in another pid namespace has a pid this one does not see
    fresh = _temp(tmp_path, "out.json", _dead_pid())
    fresh.write_bytes(b"still being written elsewhere")
    sg.write(sg.load("demo"), tmp_path / "out.json")
    assert fresh.read_bytes() == b"still being written elsewhere"


def test_another_container_of_the_same_host_name_is_never_judged(tmp_path: Path) -> None:
    # regression: the tag was the host name's first 16 alphanumerics only, so a writer of
    # another pid namespace sharing the folder (a pod, a container) had this tag
    host = re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:16] or "host"
    theirs = _aged(tmp_path / f".out.json.{host}-{_dead_pid()}-ab12cd_3.tmp", b"theirs")
    sg.write(sg.load("demo"), tmp_path / "out.json")
    assert theirs.read_bytes() == b"theirs"


def test_the_tag_tells_apart_long_host_names_and_pid_namespaces(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # regression: host names alike in their first 16 alphanumerics shared one tag
    target = tmp_path / "out.json"
    tags = set()
    for name in ("worker-pool-7f9c8d-abcde", "worker-pool-7f9c8d-fghij"):
        monkeypatch.setattr(_atomic.socket, "gethostname", lambda name=name: name)
        tags.add(_atomic._prefix(target))
    assert len(tags) == 2
    monkeypatch.setattr(_atomic, "_pid_namespace", lambda: "4:4026532999")
    tags.add(_atomic._prefix(target))
    assert len(tags) == 3
