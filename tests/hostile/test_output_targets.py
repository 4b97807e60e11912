"""Where ``convert`` and ``sg.write`` may write (issue 17, items 1-3 and 19).

OUT never lies inside an input; devices, FIFOs and ``/dev/stdout`` are streamed into, not
replaced; a symbolic link's target is replaced atomically (the link stays); SIGTERM and
SIGHUP leave no temporary file; long OUT names work.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import skillgraph as sg
from skillgraph.cli import cli
from skillgraph.io._atomic import _streams

from .cases import CORPUS, TINY
from .test_atomic import tree_hash


def _release(tmp: Path, reader: str) -> Path:
    folder = tmp / reader
    shutil.copytree(CORPUS / reader / "base", folder)
    return folder


@pytest.mark.parametrize(
    ("reader", "member"),
    [
        ("esco", "skills_en.csv"),
        ("onet", "Occupation Data.txt"),
        ("esco", "new-file.json"),  # a new file inside the folder: refused as well
    ],
)
def test_convert_refuses_an_output_inside_the_input_folder(
    reader: str, member: str, tmp_path: Path
) -> None:
    """Item 1: `convert esco/ esco/skills_en.csv` replaced the release's own CSV."""
    folder = _release(tmp_path, reader)
    before = tree_hash(folder)
    result = CliRunner().invoke(cli, ["convert", str(folder), str(folder / member), "--to", "json"])
    assert result.exit_code == 1, result.output
    assert "Error: input = output" in result.output and "Traceback" not in result.output
    assert str(folder / member) in result.output
    assert tree_hash(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [reader]


def test_convert_refuses_the_target_of_a_linked_member(tmp_path: Path) -> None:
    """Item 1: a folder member that is a symbolic link: OUT = its target is refused too."""
    folder = _release(tmp_path, "esco")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    real = elsewhere / "skills.csv"
    shutil.move(folder / "skills_en.csv", real)
    os.symlink(real, folder / "skills_en.csv")
    before = real.read_bytes()
    result = CliRunner().invoke(cli, ["convert", str(folder), str(real), "--to", "json"])
    assert result.exit_code == 1, result.output
    assert "input member 'skills_en.csv'" in result.output
    assert real.read_bytes() == before
    via_link = tmp_path / "out-link.json"
    os.symlink(folder / "skills_en.csv", via_link)  # OUT is a link to the member
    result = CliRunner().invoke(cli, ["convert", str(folder), str(via_link), "--to", "json"])
    assert result.exit_code == 1, result.output
    assert real.read_bytes() == before


def test_write_streams_into_a_fifo(tmp_path: Path) -> None:
    """Item 2: a FIFO at OUT was replaced by a regular file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    g = sg.read(TINY["native"])
    sg.write(g, fifo, "json")
    reader.join(timeout=30)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert got and sg.loads(got[0]) == g
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_write_to_dev_null_streams(tmp_path: Path) -> None:
    """Item 2: `convert x.ttl /dev/null` (as root) replaced /dev/null by a regular file."""
    null = Path("/dev/null")
    assert _streams(null)  # checked first: a wrong answer must not replace /dev/null
    sg.write(sg.read(TINY["native"]), null, "json")
    assert stat.S_ISCHR(null.stat().st_mode)


def test_write_through_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    """Item 2: a symbolic link at OUT was replaced by a regular file."""
    target = tmp_path / "real.json"
    target.write_bytes(b"old")
    os.chmod(target, 0o600)
    link = tmp_path / "link.json"
    os.symlink(target.name, link)
    g = sg.read(TINY["native"])
    sg.write(g, link)
    assert link.is_symlink() and os.readlink(link) == target.name
    assert sg.read(target) == g
    assert target.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


def test_convert_to_dev_stdout_prints_the_output(tmp_path: Path) -> None:
    """Item 2: `OUT=/dev/stdout` printed nothing and replaced the link."""
    stdout = Path("/dev/stdout")
    if not stdout.is_symlink():
        pytest.skip("no /dev/stdout link on this system")
    assert _streams(stdout)  # checked first: a wrong answer must not replace /dev/stdout
    proc = subprocess.run(
        [sys.executable, "-m", "skillgraph", "convert", str(TINY["native"]), *_TO_STDOUT],
        capture_output=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert sg.loads(proc.stdout) == sg.read(TINY["native"])
    assert stdout.is_symlink()
    assert list(tmp_path.iterdir()) == []


_TO_STDOUT = ["/dev/stdout", "--to", "json"]
_SLOW_WRITER = """
import signal, sys, time
# as started from a terminal, whatever started the tests (nohup ignores SIGHUP, and an
# ignored signal is left ignored: the handler is installed only over the default)
signal.signal(signal.SIGHUP, signal.SIG_DFL)
signal.signal(signal.SIGTERM, signal.SIG_DFL)
from skillgraph.io import native
from skillgraph.cli import main

def slow(graph, out, **options):
    out.write(b'{"skillgraph": 1, "partial')
    out.flush()
    sys.stderr.write("READY\\n")
    sys.stderr.flush()
    time.sleep(60)

native.write_native = slow
sys.exit(main(["convert", sys.argv[1], sys.argv[2]]))
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_signal_during_convert_leaves_no_temp_file(signum: int, tmp_path: Path) -> None:
    """Item 3: SIGTERM/SIGHUP during `convert` left the partial temporary file."""
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "graph.json"
    target.write_bytes(b"the previous output\n")
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITER, str(TINY["turtle"]), str(target)],
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    try:
        assert proc.stderr is not None
        deadline = time.monotonic() + 60
        line = ""
        while "READY" not in line and time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line and proc.poll() is not None:
                break
        assert "READY" in line, "the writer never started"
        assert len(list(out_dir.iterdir())) == 2  # the temporary file exists now
        proc.send_signal(signum)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signum  # dies of the signal, as without the handler
    assert [p.name for p in out_dir.iterdir()] == ["graph.json"]
    assert target.read_bytes() == b"the previous output\n"


@pytest.mark.parametrize("length", [242, 250, 255])
def test_out_names_up_to_255_characters_work(length: int, tmp_path: Path) -> None:
    """Item 19: OUT names of 242-255 characters failed: the temporary name was longer."""
    name = "g" * (length - len(".json")) + ".json"
    result = CliRunner().invoke(cli, ["convert", str(TINY["native"]), str(tmp_path / name)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert sg.read(tmp_path / name) == sg.read(TINY["native"])


@pytest.mark.parametrize(
    "args",
    [
        ["convert", str(TINY["native"]), "{out}/", "--to", "json"],
        ["extract", "demo", "{out}/", "-r", "data analyst", "--to", "json"],
        ["merge", str(TINY["native"]), str(TINY["native"]), "-o", "{out}/", "--to", "json"],
    ],
)
def test_regression_out_with_a_trailing_slash_is_a_folder(args: list[str], tmp_path: Path) -> None:
    """Red team: `convert x.json newdir/` wrote a file named newdir (cp says "Not a
    directory"): OUT ending in a slash names a folder and is refused."""
    out = str(tmp_path / "newdir")
    result = CliRunner().invoke(cli, [a.replace("{out}", out) for a in args])
    assert result.exit_code == 1, result.output
    assert f"cannot write {out}/: it is a folder; give a file name" in result.output
    assert list(tmp_path.iterdir()) == []


def test_regression_a_read_only_out_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Red team: a read-only OUT (mode 444) was replaced all the same: the atomic write
    renames over it, which the file's mode does not prevent. Now it is refused for a user
    who may not write it (root may: the check is the system's own, os.access)."""
    out = tmp_path / "kept.json"
    out.write_bytes(b"guarded")
    out.chmod(0o444)
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == out else real(p, mode))
    result = CliRunner().invoke(cli, ["convert", str(TINY["native"]), str(out)])
    assert result.exit_code == 1, result.output
    assert f"cannot write {out}: it is read-only" in result.output
    assert out.read_bytes() == b"guarded" and sorted(tmp_path.iterdir()) == [out]
