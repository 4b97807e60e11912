"""The streaming converter on input in subject order (`skillgraph.io.rdf._stream`): each
run written as it is read, no run spilled, and the model path's bytes whether the input
is in subject order, shuffled, or out of order only after some was written."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph._synthetic import esco_like
from skillgraph.io.rdf import _runs, _stream
from tests.io.test_rdf import graphs_with_extra
from tests.io.test_rdf_stream import (
    RANDOM,
    SUFFIX,
    model_bytes,
    plain,
    recorded_temporary_files,
    streamed,
    written,
)


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The ``ordered`` flag of each converter made from now on (one per read of the input)."""
    orders: list[bool] = []
    real = _stream._Converter

    def counted(*args: Any, ordered: bool) -> Any:
        orders.append(ordered)
        return real(*args, ordered=ordered)

    monkeypatch.setattr(_stream, "_Converter", counted)
    return orders


def _shuffled(path: Path, rng: random.Random) -> Path:
    lines = path.read_bytes().splitlines(keepends=True)
    rng.shuffle(lines)
    out = path.with_name("shuffled.nt")
    out.write_bytes(b"".join(lines))
    return out


@RANDOM
@given(g=graphs_with_extra(), budget=st.integers(1, 40), seed=st.integers(0, 2**16))
def test_random_graphs_in_order_and_shuffled_give_the_model_paths_bytes(
    tmp_path_factory: pytest.TempPathFactory, g: sg.SkillGraph, budget: int, seed: int
) -> None:
    """A plain random graph as the writer writes it (subject order) and shuffled, in runs
    of ``budget`` triples: both stream, to the model path's bytes."""
    folder = tmp_path_factory.mktemp("order")
    path = written(plain(g), folder, "ntriples")
    shuffled = _shuffled(path, random.Random(seed))
    with mock.patch.object(_runs, "BUDGET", budget):
        for dst in SUFFIX:
            want = model_bytes(path, "ntriples", dst)
            assert streamed(path, "ntriples", dst) == want
            assert streamed(shuffled, "ntriples", dst) == want


@pytest.mark.parametrize("src", list(SUFFIX))
def test_input_in_subject_order_spills_no_run_and_reads_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, src: str
) -> None:
    """The writer's output in runs of 50 triples: every run written as read (no run file,
    no second read), the model path's bytes."""
    path = written(esco_like(0.05), tmp_path, src)
    made = recorded_temporary_files(monkeypatch)
    monkeypatch.setattr(_runs, "BUDGET", 50)
    orders = _reads(monkeypatch)
    for dst in SUFFIX:
        assert streamed(path, src, dst) == model_bytes(path, src, dst)
    assert not made
    assert orders == [True] * len(SUFFIX)


@pytest.mark.parametrize("dst", list(SUFFIX))
def test_a_subject_out_of_order_after_runs_were_written_reads_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dst: str
) -> None:
    """The first skill's lines moved to the end of the file, after many runs were written:
    read again, sorting; the model path's bytes."""
    path = written(esco_like(0.05), tmp_path, "ntriples")
    lines = path.read_bytes().splitlines(keepends=True)
    first = next(ln for ln in lines if ln.startswith(b"<") and b"/skill/" in ln.split(b" ")[0])
    subject = first.split(b" ")[0]
    moved = [ln for ln in lines if ln.split(b" ")[0] == subject]
    rest = [ln for ln in lines if ln.split(b" ")[0] != subject]
    out = tmp_path / "moved.nt"
    out.write_bytes(b"".join(rest + moved))
    monkeypatch.setattr(_runs, "BUDGET", 50)
    orders = _reads(monkeypatch)
    assert streamed(out, "ntriples", dst) == model_bytes(path, "ntriples", dst)
    assert orders == [True, False]


def test_links_sorted_by_id_in_subject_order_give_the_model_paths_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ids whose order differs from their IRIs' (two prefixes), read one run at a time:
    the order of ids is known only at the end; read again, the model path's bytes."""
    g = sg.SkillGraph(language="en", prefixes={"a": "http://z.example/", "b": "http://a.example/"})
    ids = ["a:1", "b:2", "a:3", "b:4", "a:x"]
    for i in ids:
        g.add(sg.Skill(id=i, label=f"skill {i}"))
    for i in ids[:4]:
        g.add(sg.Broader(narrower=i, broader="a:x"))
    monkeypatch.setattr(_runs, "BUDGET", 2)
    for src in SUFFIX:
        path = written(g, tmp_path, src)
        for dst in SUFFIX:
            assert streamed(path, src, dst) == model_bytes(path, src, dst)


def test_a_node_declined_late_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A blank node typed a skill at the end of a file in subject order: the model path
    decides (None), with no second read (whatever the order, it would be declined)."""
    from skillgraph.io.rdf import _vocab as vocab

    path = written(esco_like(0.05), tmp_path, "ntriples")
    with path.open("a", encoding="utf-8") as fh:
        fh.write(f"_:late <{vocab.TYPE}> <{vocab.SKILL}> .\n")
    monkeypatch.setattr(_runs, "BUDGET", 50)
    orders = _reads(monkeypatch)
    assert streamed(path, "ntriples", "turtle") is None
    assert orders == [True]
