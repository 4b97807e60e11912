"""Snapshot parts of derived values: stored once built, loaded lazily, refused when corrupt,
equal to values built afresh; warm CLI answers byte-identical to cold ones."""

from __future__ import annotations

import os
import subprocess
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.sparse as sp

import skillgraph as sg
from skillgraph import cache
from skillgraph.analysis import _gap_credit, clusters, viability
from skillgraph.analysis.adjacency import adjacency
from skillgraph.analysis.families import families
from skillgraph.cache import _parts
from skillgraph.text import _index as text_index_module
from skillgraph.text import _saved
from skillgraph.text._index import text_index

from ..cli.conftest import exe

RETAIL = "retail sales assistant"
DIGITAL = "digital marketing specialist"
ROLE = "software engineer"
#: derived values a reskill builds and keeps in the snapshot
RESKILL_PARTS = ["adjacency", "families", "mobility-auto", "mobility-detected", "skill-groups"]


@pytest.fixture()
def strict() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("error", sg.CacheWarning)
        yield


def tags(folder: Path) -> list[str]:
    """The part tags in the cache folder, without layout digests."""
    names = [p.name.split(".")[1] for p in (folder / "snapshots").glob("*.sgsnap")]
    return sorted({n.rsplit("-", 1)[0] if n.count("-") and n[-8:].isalnum() else n for n in names})


def part_file(folder: Path, prefix: str) -> Path:
    (found,) = [
        p
        for p in (folder / "snapshots").glob("*.sgsnap")
        if p.name.split(".")[1].startswith(prefix)
    ]
    return found


def reskill(g: sg.SkillGraph) -> Any:
    """A reskilling plan and the detected families (the demo declares its clusters, so
    reskill alone detects none)."""
    plan = g.reskill(g.resolve(RETAIL, "role"), g.resolve(DIGITAL, "role"))
    return plan, families(g, "detected"), viability.mobility(g, "detected").threshold


def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the parts loaded from snapshots from now on, in order."""
    loaded: list[str] = []
    real = cache._Link.load

    def spy(self: Any, name: str, g: Any) -> Any:
        loaded.append(name)
        return real(self, name, g)

    monkeypatch.setattr(cache._Link, "load", spy)
    return loaded


def never(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("built although the snapshot holds it")


class TestAnalysisParts:
    def test_stored_once_built_then_loaded(
        self, folder: Path, source: Path, monkeypatch: pytest.MonkeyPatch, strict: None
    ) -> None:
        cold = reskill(sg.read(source, cache=True))
        found = tags(folder)
        for name in RESKILL_PARTS:
            assert any(t.startswith(name) for t in found), (name, found)
        monkeypatch.setattr(clusters, "detect_clusters", never)
        monkeypatch.setattr(viability, "_build", never)
        warm = reskill(sg.read(source, cache=True))
        assert warm == cold

    def test_only_what_a_verb_needs_is_loaded(
        self, folder: Path, source: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        reskill(sg.read(source, cache=True))
        loaded = loads(monkeypatch)
        g = sg.read(source, cache=True)
        g.similar_roles(g.resolve(ROLE, "role"), 3)
        assert sorted(loaded) == ["analysis_index", "analysis_profiles", "label_index"]

    def test_a_gap_loads_the_core_of_the_index_only(
        self, folder: Path, source: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        reskill(sg.read(source, cache=True))
        loaded = loads(monkeypatch)
        g = sg.read(source, cache=True)
        monkeypatch.setattr(_gap_credit, "_build", never)
        g.gap(g.resolve(ROLE, "role"), [])
        assert sorted(loaded) == ["analysis_gap_index", "analysis_index", "label_index"]

    def test_a_warm_reskill_loads_no_profiles(
        self, folder: Path, source: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        cold = reskill(sg.read(source, cache=True))
        loaded = loads(monkeypatch)
        assert reskill(sg.read(source, cache=True)) == cold
        assert "analysis_index" in loaded and "analysis_profiles" not in loaded

    def test_missing_part_is_rebuilt_and_stored_again(self, folder: Path, source: Path) -> None:
        cold = reskill(sg.read(source, cache=True))
        part_file(folder, "mobility-auto").unlink()
        assert reskill(sg.read(source, cache=True)) == cold
        assert part_file(folder, "mobility-auto").exists()

    @pytest.mark.parametrize("prefix", ["mobility-auto", "families", "skill-groups", "adjacency"])
    def test_corrupt_part_is_rebuilt_with_a_warning(
        self, folder: Path, source: Path, prefix: str
    ) -> None:
        cold = reskill(sg.read(source, cache=True))
        path = part_file(folder, prefix)
        raw = bytearray(path.read_bytes())
        raw[-5] ^= 0xFF
        path.write_bytes(bytes(raw))
        g = sg.read(source, cache=True)
        with pytest.warns(sg.CacheWarning, match="checksum"):
            assert reskill(g) == cold
        with warnings.catch_warnings():
            warnings.simplefilter("error", sg.CacheWarning)
            assert reskill(sg.read(source, cache=True)) == cold  # stored afresh

    def test_part_that_does_not_decode_is_rebuilt_with_a_warning(
        self, folder: Path, source: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        cold = reskill(sg.read(source, cache=True))
        from skillgraph.cache._snapshot import read_snapshot, write_snapshot

        path = part_file(folder, "families")
        head, arrays = read_snapshot(path, {})
        head["meta"] = {"value": ["not", "a", "mapping"]}
        write_snapshot(path, {k: v for k, v in head.items() if k not in ("size", "crc32")}, arrays)
        g = sg.read(source, cache=True)
        with pytest.warns(sg.CacheWarning, match="not a mapping"):
            assert reskill(g) == cold
        assert not path.exists() or path.stat().st_size > 0

    def test_library_version_change_is_a_miss(
        self, folder: Path, source: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        cold = reskill(sg.read(source, cache=True))
        monkeypatch.setattr(sg, "__version__", "999.0")
        built: list[int] = []
        real = viability._build
        monkeypatch.setattr(viability, "_build", lambda *a: built.append(1) or real(*a))
        assert reskill(sg.read(source, cache=True)) == cold
        assert built == [1, 1]  # "auto" and "detected", both rebuilt

    def test_changed_dataclass_layout_is_another_part(self) -> None:
        a = _parts.part_for("analysis_mobility:auto")
        b = _parts.part_for("analysis_mobility:declared")
        assert a is not None and b is not None and a.tag != b.tag
        assert a.tag.startswith("mobility-auto-") and len(a.tag.rsplit("-", 1)[1]) == 8
        assert _parts.part_for("analysis_mobility:../x") is not None
        assert "/" not in _parts.part_for("analysis_mobility:../x").tag  # type: ignore[union-attr]
        assert _parts.part_for("workforce_scoring_index") is None

    def test_concurrent_threads_build_once_and_agree(self, folder: Path, source: Path) -> None:
        g = sg.read(source, cache=True)
        out: list[Any] = []
        threads = [threading.Thread(target=lambda: out.append(reskill(g))) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(out) == 4 and all(o == out[0] for o in out)
        assert not list((folder / "snapshots").glob(".*.tmp"))


def same(a: Any, b: Any) -> bool:
    """Two decoded values equal field by field (arrays and sparse matrices by content)."""
    if sp.issparse(a):
        return sp.issparse(b) and a.format == b.format and (a != b).nnz == 0
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b)
    return bool(a == b)


class TestCodec:
    def test_mobility_and_adjacency_round_trip(self, demo: sg.SkillGraph) -> None:
        g = demo.copy()
        for value in (viability.mobility(g), adjacency(g)):
            arrays, meta = _parts.encode_fields(value)
            back = _parts.decode_fields(type(value), arrays, meta)
            for name in _parts._public_fields(type(value)):
                assert same(getattr(value, name), getattr(back, name)), name

    def test_gap_index_round_trip(self, demo: sg.SkillGraph) -> None:
        gi = _gap_credit.gap_index(demo.copy())
        arrays, meta = _parts.encode_fields(gi)
        back = _parts.decode_fields(type(gi), arrays, meta)
        for name in _parts._public_fields(type(gi)):
            assert same(getattr(gi, name), getattr(back, name)), name

    def test_text_index_round_trip(self, demo: sg.SkillGraph) -> None:
        ix = text_index(demo.copy())
        arrays, meta = _parts.encode_fields(ix)
        back = _parts.decode_fields(type(ix), arrays, meta)
        for name in _parts._public_fields(type(ix)):
            assert same(getattr(ix, name), getattr(back, name)), name
        assert back.later_parts() == {"synonyms": None, "descriptions": None}

    def test_synonyms_round_trip(self, demo: sg.SkillGraph) -> None:
        syn = text_index(demo.copy()).synonyms()
        back = _saved.synonyms_from_json(_saved.synonyms_to_json(syn))
        assert back == syn

    def test_object_arrays_are_not_stored(self) -> None:
        with pytest.raises(TypeError, match="object"):
            _parts._put("x", np.array([{}], dtype=object), {}, {})

    def test_value_that_cannot_be_stored_is_kept_in_memory(
        self, folder: Path, source: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        g = sg.read(source, cache=True)
        real = viability._build

        def odd(*args: Any) -> Any:
            value = real(*args)
            value.family = np.array([object()] * len(value.family), dtype=object)
            return value

        monkeypatch.setattr(viability, "_build", odd)
        with pytest.warns(sg.CacheWarning, match="not caching"):
            viability.mobility(g)
        assert not any(t.startswith("mobility") for t in tags(folder))


class TestTextParts:
    def test_synonyms_and_descriptions_are_kept(
        self, folder: Path, source: Path, monkeypatch: pytest.MonkeyPatch, strict: None
    ) -> None:
        g = sg.read(source, cache=True)
        cold = (g.match_skills("python and machine learning, some sql"), g.match_roles("coder"))
        found = tags(folder)
        for name in ("text-index", "synonyms-v1", "descriptions-v1"):
            assert any(t.startswith(name) for t in found), (name, found)
        monkeypatch.setattr(text_index_module, "learn", never)
        monkeypatch.setattr(text_index_module, "build_index", never)
        h = sg.read(source, cache=True)
        assert (
            h.match_skills("python and machine learning, some sql"),
            h.match_roles("coder"),
        ) == cold

    def test_regression_later_text_parts_load_on_first_use(
        self, folder: Path, source: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # the synonyms and the description index used to load with the match index
        g = sg.read(source, cache=True)
        g.match_skills("python and machine learning, some sql")
        cold_docs, cold_has = text_index(g).descriptions(g)
        loaded = loads(monkeypatch)
        h = sg.read(source, cache=True)
        ix = text_index(h)
        assert "text_index" in loaded and not [
            n for n in loaded if n.startswith("text_") and n != "text_index"
        ]
        assert ix.later_parts() == {"synonyms": None, "descriptions": None}
        h.match_skills("python and machine learning, some sql")
        assert "text_synonyms" in loaded and "text_descriptions" not in loaded
        monkeypatch.setattr(text_index_module, "_normalise_rows", never)  # not rebuilt
        docs, has = ix.descriptions(h)
        assert "text_descriptions" in loaded
        assert same(docs, cold_docs) and same(has, cold_has)

    def test_synonyms_learned_after_a_loaded_index_are_stored(
        self, folder: Path, source: Path
    ) -> None:
        g = sg.read(source, cache=True)
        text_index(g)  # the index alone
        assert not any(t.startswith("synonyms") for t in tags(folder))
        h = sg.read(source, cache=True)
        h.match_roles("coder")  # the index is loaded, the synonyms learned
        assert any(t.startswith("synonyms") for t in tags(folder))

    def test_corrupt_synonyms_are_relearned_with_a_warning(
        self, folder: Path, source: Path
    ) -> None:
        g = sg.read(source, cache=True)
        cold = g.match_roles("coder")
        path = part_file(folder, "synonyms")
        path.write_bytes(path.read_bytes()[:-3])
        h = sg.read(source, cache=True)
        with pytest.warns(sg.CacheWarning, match="synonyms"):
            assert h.match_roles("coder") == cold


@pytest.mark.parametrize(
    "args",
    [
        ["similar", "-r", ROLE],
        ["gap", "-r", ROLE, "-s", "python"],
        ["upskill", "-r", ROLE, "-s", "python"],
        ["reskill", "-f", RETAIL, "-t", DIGITAL],
        ["match", "python and some sql"],
    ],
)
def test_warm_cli_answers_equal_cold_ones(source: Path, tmp_path: Path, args: list[str]) -> None:
    env = dict(os.environ, SKILLGRAPH_CACHE=str(tmp_path / "c"), SKILLGRAPH_CACHE_MIN_BYTES="0")
    verb, rest = args[0], args[1:]
    cmd = [*exe(), verb, "-O", str(source), *rest, "--json"]
    runs = [subprocess.run([*cmd, "--no-cache"], env=env, capture_output=True) for _ in range(1)]
    runs += [subprocess.run(cmd, env=env, capture_output=True) for _ in range(3)]  # cold, warm x2
    assert [r.returncode for r in runs] == [0] * 4, [r.stderr for r in runs]
    assert len({r.stdout for r in runs}) == 1
    assert all(b"warning" not in r.stderr.lower() for r in runs), [r.stderr for r in runs]


def test_json_part_that_cannot_be_written_is_kept_in_memory(
    folder: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    g = sg.read(source, cache=True)
    from skillgraph.analysis import families as families_module

    monkeypatch.setattr(clusters, "detect_clusters", lambda h, seed: {"x": object()})
    with pytest.warns(sg.CacheWarning, match="not caching analysis_families"):
        assert list(families_module._detected(g, 0)) == ["x"]
    assert not any(t.startswith("families") for t in tags(folder))


def test_label_table_round_trips_through_its_arrays() -> None:
    """The label table's arrays give back every key with its hits in order; an empty
    table stores and loads as empty."""
    from skillgraph import _lookup
    from skillgraph.cache._state import labels_from_state, labels_to_state

    g = sg.load("demo")
    keys = _lookup.build_label_index(g)
    arrays = labels_to_state(g, keys)
    assert arrays is not None
    table = labels_from_state(g, arrays)
    assert dict(table) == keys
    empty = labels_to_state(g, {})
    assert empty is not None
    assert len(labels_from_state(g, empty)) == 0
