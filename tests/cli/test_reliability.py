"""Regression tests for the CLI's promises on bad input: refused with a clear error, the
input never changed, nothing half-written, bounded memory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from .conftest import ok, one_error

ASK = "ASK { ?s ?p ?o }"


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_sparql_load_refuses_store_in_input_folder(
    invoke: Callable[..., Result], tmp_path: Path, demo_path: Path
) -> None:
    release = tmp_path / "release"
    release.mkdir()
    (release / "demo.json").write_bytes(demo_path.read_bytes())
    before = _listing(release)
    for store in (release, release / "sub"):
        res = invoke("sparql", "--load", str(release), str(store), ASK)
        assert res.exit_code == 1, res.output
        assert "input = output" in one_error(res.stderr)
        assert _listing(release) == before  # nothing written into the input


def test_sparql_load_refuses_non_empty_folder_that_is_not_a_store(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    other = tmp_path / "notes"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    res = invoke("sparql", "--load", "demo", str(other), ASK)
    assert res.exit_code == 1, res.output
    assert "not empty and not a store" in one_error(res.stderr)
    assert _listing(other) == ["keep.txt"]


def test_sparql_load_replaces_an_existing_store(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    store = tmp_path / "st"
    assert ok(invoke("sparql", "--load", "demo", str(store), ASK)).strip() == "true"
    assert ok(invoke("sparql", "--load", "demo", str(store), ASK)).strip() == "true"


def test_large_standard_input_is_not_held_in_memory(tmp_path: Path) -> None:
    """150 MB on standard input (one literal, refused by the parser) peaks far below its
    size: it is copied to a temporary file, not read into memory."""
    import json
    import subprocess
    import sys

    from .conftest import exe

    size = 150 * 1024 * 1024
    # a fresh process runs the command, so that its peak is the only child's one
    wrapper = f"""
import resource, subprocess, sys, json
cmd = {json.dumps([*exe(), "convert", "-", str(tmp_path / "o.json"), "--from", "ntriples"])}
run = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
run.stdin.write(b'<http://a> <http://b> "')
try:
    for _ in range({size // 1048576}):
        run.stdin.write(b"a" * 1048576)
    run.stdin.close()
except BrokenPipeError:
    pass
err = run.stderr.read().decode()
print(json.dumps([run.wait(), err, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))
"""
    done = subprocess.run(
        [sys.executable, "-c", wrapper], capture_output=True, text=True, timeout=300
    )
    code, stderr, peak_kib = json.loads(done.stdout)
    assert code == 1, stderr
    assert "longer than" in one_error(stderr)
    assert peak_kib * 1024 < size * 2 // 3, f"peak {peak_kib} KiB for a {size}-byte input"
    assert not (tmp_path / "o.json").exists()


def test_sparql_select_with_no_rows_prints_its_header(invoke: Callable[..., Result]) -> None:
    out = ok(invoke("sparql", "demo", "SELECT ?role ?label WHERE { ?role a <urn:nothing> }"))
    assert out == "role\tlabel\n"


def test_sparql_blank_nodes_are_the_same_on_every_run(invoke: Callable[..., Result]) -> None:
    select = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isBlank(?s)) }"
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(isBlank(?s)) }"
    for query in (select, construct):
        runs = {ok(invoke("sparql", "demo", query)) for _ in range(3)}
        assert len(runs) == 1
        assert "_:b0" in runs.pop()


def test_every_command_takes_quiet(invoke: Callable[..., Result], tmp_path: Path) -> None:
    """docs/reference/cli.md: --quiet (-q) is shared by every command; align, diff, merge,
    extract, sparql and validate refused it (usage error, exit 2)."""
    role = "demo:role/junior-software-engineer"
    runs = [
        ("validate", "-q", "demo"),
        ("sparql", "-q", "demo", ASK),
        ("diff", "-q", "demo", "demo"),
        ("extract", "-q", "demo", str(tmp_path / "part.json"), "--role", role),
        ("merge", "-q", "demo", "demo", "-o", str(tmp_path / "both.json")),
        ("align", "-q", "demo", "demo", "--roles-only", "-o", str(tmp_path / "map.csv")),
    ]
    for args in runs:
        res = invoke(*args)
        assert res.exit_code == 0, (args, res.output)
        assert res.stderr == "", (args, res.stderr)


def test_regression_sparql_reads_a_taxonomy_folder_into_memory(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    """Regression: a folder that is not a store (an O*NET text database) is read as the
    taxonomy into a temporary in-memory store, not opened as a store ("CURRENT: No such
    file or directory")."""
    onet = tmp_path / "onet"
    onet.mkdir()
    (onet / "Occupation Data.txt").write_text(
        "O*NET-SOC Code\tTitle\tDescription\n29-1141.00\tRegistered Nurses\tCare.\n"
    )
    res = invoke("sparql", str(onet), "ASK { ?r ?p 'Registered Nurses'@en }")
    assert res.exit_code == 0, res.output
    assert res.stdout.strip() == "true"
    assert _listing(onet) == ["Occupation Data.txt"]  # no store written into it
