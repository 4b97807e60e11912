"""The snapshot cache: hits, misses, corrupt and unsafe snapshots, bounds, upkeep."""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import skillgraph as sg
import skillgraph.io as sgio
from skillgraph import cache
from skillgraph.analysis import _index
from skillgraph.cache import _snapshot, _state


@pytest.fixture()
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the inputs actually read (not taken from a snapshot)."""
    seen: list[str] = []
    real = sgio._read

    def counting(src: Any, *args: Any) -> sg.SkillGraph:
        seen.append(src.name)
        return real(src, *args)

    monkeypatch.setattr(sgio, "_read", counting)
    return seen


def snapshots(folder: Path, part: str = "graph") -> list[Path]:
    return sorted((folder / "snapshots").glob(f"*.{part}.sgsnap"))


@pytest.fixture()
def no_cache_warnings() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("error", sg.CacheWarning)
        yield


class TestHitAndMiss:
    def test_second_read_is_a_hit_and_equal(
        self, folder: Path, source: Path, reads: list[str], no_cache_warnings: None
    ) -> None:
        first = sg.read(source, cache=True)
        second = sg.read(source, cache=True)
        assert reads == [str(source)]
        assert second == first == sg.read(source)
        assert sg.dumps(second) == sg.dumps(first)
        assert len(snapshots(folder)) == 1

    def test_no_cache_by_default_in_code(self, folder: Path, source: Path) -> None:
        sg.read(source)
        assert not (folder / "snapshots").exists()

    def test_miss_after_the_input_changes(
        self, folder: Path, source: Path, reads: list[str], demo: sg.SkillGraph
    ) -> None:
        sg.read(source, cache=True)
        changed = demo.copy()
        changed.add(sg.Skill(id="demo:skill/new", label="A new skill"))
        sg.write(changed, source)
        got = sg.read(source, cache=True)
        assert len(reads) == 2
        assert "demo:skill/new" in got.skills

    def test_miss_after_same_size_same_mtime_edit(
        self, folder: Path, source: Path, reads: list[str]
    ) -> None:
        sg.read(source, cache=True)
        st = source.stat()
        data = source.read_bytes()
        edited = data.replace(b'"label": "Python"', b'"label": "Pithon"', 1)
        assert edited != data and len(edited) == len(data)
        source.write_bytes(edited)
        os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns))
        got = sg.read(source, cache=True)
        assert len(reads) == 2
        assert any(s.label == "Pithon" for s in got.skills.values())

    def test_miss_after_a_library_version_change(
        self, folder: Path, source: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        sg.read(source, cache=True)
        monkeypatch.setattr(sg, "__version__", "999.0.0")
        sg.read(source, cache=True)
        assert len(reads) == 2
        assert len(snapshots(folder)) == 2

    def test_miss_after_a_derived_revision_change(
        self, folder: Path, source: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A fix that changes derived values (not their layout) makes old snapshots misses."""
        import skillgraph.cache as cache

        sg.read(source, cache=True)
        monkeypatch.setattr(cache, "DERIVED_REVISION", cache.DERIVED_REVISION + 1)
        sg.read(source, cache=True)
        assert len(reads) == 2

    def test_miss_after_a_snapshot_format_change(
        self, folder: Path, source: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # regression: a reader check added without a new format let old snapshots through
        sg.read(source, cache=True)
        monkeypatch.setattr(_snapshot, "SNAPSHOT_FORMAT", _snapshot.SNAPSHOT_FORMAT + 1)
        sg.read(source, cache=True)
        assert len(reads) == 2

    def test_miss_after_other_reader_options(self, folder: Path, reads: list[str]) -> None:
        path = sg.bundled()["demo"]
        sg.read(path, cache=True)
        sg.read(path, "json", cache=True)
        assert len(reads) == 2

    def test_indices_are_stored_and_reused(
        self, folder: Path, source: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        g = sg.read(source, cache=True)
        role = g.resolve("software engineer", "role")
        expected = g.similar_roles(role, 5)
        assert snapshots(folder, "labels") and snapshots(
            folder, f"index-v{_index.INDEX_FORMAT_VERSION}"
        )

        assert snapshots(folder, f"profiles-v{_index.PROFILES_FORMAT_VERSION}")

        def no_build(g: sg.SkillGraph) -> None:
            raise AssertionError("the analysis index was rebuilt")

        monkeypatch.setattr(_index, "_build_core", no_build)
        monkeypatch.setattr(_index, "_build_profiles", no_build)
        again = sg.read(source, cache=True)
        assert again.similar_roles(again.resolve("software engineer", "role"), 5) == expected
        assert again.upskill(role) == g.upskill(role)

    def test_index_format_version_is_in_the_key(
        self, folder: Path, source: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        g = sg.read(source, cache=True)
        g.similar_roles(g.resolve("software engineer", "role"), 5)
        monkeypatch.setattr(_index, "INDEX_FORMAT_VERSION", 99)
        again = sg.read(source, cache=True)
        again.similar_roles(again.resolve("software engineer", "role"), 5)
        assert snapshots(folder, "index-v99")

    def test_a_modified_graph_does_not_touch_its_snapshot(
        self, folder: Path, source: Path, reads: list[str]
    ) -> None:
        g = sg.read(source, cache=True)
        g.add(sg.Skill(id="demo:skill/extra", label="Extra"))
        assert g.find("Extra").id == "demo:skill/extra"
        assert not snapshots(folder, "labels")  # the index of the changed graph is not stored
        assert "demo:skill/extra" not in sg.read(source, cache=True).skills

    def test_data_warnings_are_repeated_on_a_hit(self, folder: Path, tmp_path: Path) -> None:
        path = tmp_path / "warned.json"
        path.write_text('{"skillgraph": 1}')

        def warn_read(src: Any, *args: Any) -> sg.SkillGraph:
            warnings.warn("3 rows skipped", sg.IncompleteDataWarning, stacklevel=2)
            return sg.SkillGraph()

        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(sgio, "_read", warn_read)
            with pytest.warns(sg.IncompleteDataWarning, match="3 rows skipped"):
                sg.read(path, cache=True)
        with pytest.warns(sg.IncompleteDataWarning, match="3 rows skipped"):
            sg.read(path, cache=True)


class TestCorruptAndUnsafe:
    def test_corrupt_snapshot_is_rebuilt_with_a_warning(
        self, folder: Path, source: Path, reads: list[str]
    ) -> None:
        expected = sg.read(source, cache=True)
        (snap,) = snapshots(folder)
        data = bytearray(snap.read_bytes())
        data[-100] ^= 0xFF
        snap.write_bytes(bytes(data))
        with pytest.warns(sg.CacheWarning, match="checksum"):
            got = sg.read(source, cache=True)
        assert got == expected and len(reads) == 2
        _snapshot.read_snapshot(snap, {})  # rebuilt, valid again

    @pytest.mark.parametrize(
        ("damage", "reason"),
        [
            (lambda b: b[: len(b) // 2], "payload|truncated"),
            (lambda b: b"PK\x03\x04" + b[4:], "magic"),
            (lambda b: b"", "magic"),
        ],
    )
    def test_truncated_or_foreign_files_are_refused(
        self, folder: Path, source: Path, damage: Any, reason: str
    ) -> None:
        sg.read(source, cache=True)
        (snap,) = snapshots(folder)
        snap.write_bytes(damage(snap.read_bytes()))
        with pytest.warns(sg.CacheWarning, match=reason):
            assert sg.read(source, cache=True) == sg.read(source)

    def test_snapshot_of_another_key_is_refused(
        self, folder: Path, source: Path, tmp_path: Path, demo: sg.SkillGraph
    ) -> None:
        other = tmp_path / "other.json"
        small = demo.copy()
        small.remove("demo:role/software-engineer")
        sg.write(small, other)
        sg.read(source, cache=True)
        sg.read(other, cache=True)
        a, b = snapshots(folder)
        a_bytes, b_bytes = a.read_bytes(), b.read_bytes()
        a.write_bytes(b_bytes)  # valid snapshots under each other's names
        b.write_bytes(a_bytes)
        with pytest.warns(sg.CacheWarning, match="key") as said:
            got_a = sg.read(source, cache=True)
            got_b = sg.read(other, cache=True)
        assert len([w for w in said if "key" in str(w.message)]) == 2
        assert got_a == sg.read(source) and got_b == sg.read(other)

    def test_pickled_arrays_are_refused(self, tmp_path: Path) -> None:
        path = tmp_path / "x.sgsnap"
        _snapshot.write_snapshot(path, {"key": "k"}, {"a": np.asarray([{"x": 1}], dtype=object)})
        with pytest.raises(_snapshot.SnapshotError, match="arrays"):
            _snapshot.read_snapshot(path, {"key": "k"})

    def test_folder_of_another_user_is_refused(
        self, folder: Path, source: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        sg.read(source, cache=True)
        monkeypatch.setattr(cache, "_uid", lambda: os.getuid() + 1)
        with pytest.warns(sg.CacheWarning, match="another user"):
            assert sg.read(source, cache=True) == sg.read(source)
        assert len(reads) == 3  # the snapshot was not read

    def test_snapshot_of_another_user_is_refused(
        self, folder: Path, source: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        if os.getuid() != 0:
            pytest.skip("changing a file's owner needs root")
        sg.read(source, cache=True)
        (snap,) = snapshots(folder)
        os.chown(snap, 12345, 12345)
        with pytest.warns(sg.CacheWarning, match="another user"):
            sg.read(source, cache=True)
        assert len(reads) == 2

    def test_folder_writable_by_others_is_refused(
        self, folder: Path, source: Path, reads: list[str]
    ) -> None:
        sg.read(source, cache=True)
        (folder / "snapshots").chmod(0o777)
        with pytest.warns(sg.CacheWarning, match="writable by other users"):
            sg.read(source, cache=True)
        assert len(reads) == 2

    def test_writable_snapshot_is_refused(
        self, folder: Path, source: Path, reads: list[str]
    ) -> None:
        sg.read(source, cache=True)
        (snap,) = snapshots(folder)
        snap.chmod(0o666)
        with pytest.warns(sg.CacheWarning, match="writable by other users"):
            sg.read(source, cache=True)
        assert len(reads) == 2

    def test_new_folders_are_private(self, folder: Path, source: Path) -> None:
        sg.read(source, cache=True)
        assert (folder / "snapshots").stat().st_mode & 0o077 == 0

    def test_corrupt_index_part_is_rebuilt(self, folder: Path, source: Path) -> None:
        g = sg.read(source, cache=True)
        expected = g.similar_roles(g.resolve("software engineer", "role"), 3)
        (part,) = snapshots(folder, f"index-v{_index.INDEX_FORMAT_VERSION}")
        part.write_bytes(part.read_bytes()[:-10])
        again = sg.read(source, cache=True)
        with pytest.warns(sg.CacheWarning, match="index"):
            got = again.similar_roles(again.resolve("software engineer", "role"), 3)
        assert got == expected


class TestUpkeep:
    def test_least_recently_used_are_removed(
        self, folder: Path, tmp_path: Path, demo: sg.SkillGraph, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        paths = []
        for i in range(3):
            p = tmp_path / f"g{i}.json"
            g = demo.copy()
            g.add(sg.Skill(id=f"demo:skill/x{i}", label=f"X {i}"))
            sg.write(g, p)
            paths.append(p)
        sg.read(paths[0], cache=True)
        size = snapshots(folder)[0].stat().st_size
        monkeypatch.setenv("SKILLGRAPH_CACHE_SIZE", str(2.5 * size / 1024 / 1024))
        sg.read(paths[1], cache=True)
        os.utime(snapshots(folder)[0], (1, 1))  # make some snapshot the oldest...
        oldest = snapshots(folder)[0]
        sg.read(paths[2], cache=True)  # ...and it is the one removed
        assert len(snapshots(folder)) == 2 and not oldest.exists()

    def test_info_and_clear(self, folder: Path, source: Path) -> None:
        assert cache.info().snapshots == 0
        g = sg.read(source, cache=True)
        g.similar_roles(g.resolve("software engineer", "role"), 3)
        found = cache.info()
        assert found.directory == folder and found.snapshots == 1 and found.files == 4
        assert found.bytes > 0
        assert cache.clear() >= 4
        assert cache.info().files == 0

    def test_bad_size_setting(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("SKILLGRAPH_CACHE_SIZE", "lots")
        with pytest.raises(sg.InvalidValueError, match="SKILLGRAPH_CACHE_SIZE"):
            cache.max_bytes()

    @pytest.mark.parametrize("raw", ["inf", "1e400"])
    def test_regression_infinite_size_is_a_clear_error(
        self, folder: Path, monkeypatch: pytest.MonkeyPatch, raw: str
    ) -> None:
        """Red team: SKILLGRAPH_CACHE_SIZE=inf was an OverflowError traceback (cache info,
        and every query once a snapshot was stored)."""
        monkeypatch.setenv("SKILLGRAPH_CACHE_SIZE", raw)
        with pytest.raises(sg.InvalidValueError, match="SKILLGRAPH_CACHE_SIZE must be a size"):
            cache.max_bytes()

    def test_regression_clear_removes_only_its_own_files(self, folder: Path, source: Path) -> None:
        """Red team: clear removed every *.tmp, *.sgsnap and *.digests.json of the folder
        (SKILLGRAPH_CACHE=$HOME: ~/snapshots/holiday.tmp went too), and eviction counted any
        *.sgsnap. Now only the names the cache itself writes."""
        sg.read(source, cache=True)
        snaps = folder / "snapshots"
        own = sorted(p.name for p in snaps.iterdir())
        assert own and all(re.fullmatch(r"[0-9a-f]+\.[a-z-]+\.(sgsnap|json)", n) for n in own)
        stale = snaps / f".{own[0]}.k3j2h1gf.tmp"  # an interrupted write of the cache's
        stale.write_bytes(b"partial")
        others = ["holiday.tmp", ".notes.tmp", "notes.sgsnap", "my.digests.json", "x.graph.sgsnap"]
        for name in others:
            (snaps / name).write_bytes(b"not the cache's")
        assert cache.info().files == len([n for n in own if n.endswith(".sgsnap")])
        assert cache.clear() == len(own) + 1
        assert sorted(p.name for p in snaps.iterdir()) == sorted(others)

    def test_regression_clear_leaves_an_unsafe_folder_alone(
        self, folder: Path, source: Path
    ) -> None:
        """Red team: clear emptied a snapshot folder writable by every user, which the cache
        itself refuses to read or write (its files may be anyone's)."""
        sg.read(source, cache=True)
        snaps = folder / "snapshots"
        before = sorted(snaps.iterdir())
        snaps.chmod(0o777)
        with pytest.warns(sg.CacheWarning, match="writable by other users"):
            assert cache.clear() == 0
        assert sorted(snaps.iterdir()) == before

    def test_default_folder_follows_platform_conventions(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import platformdirs

        monkeypatch.delenv("SKILLGRAPH_CACHE")
        assert cache.directory() == platformdirs.user_cache_path("skillgraph", appauthor=False)


class TestState:
    def test_graph_round_trip(self, demo: sg.SkillGraph) -> None:
        g = demo.copy()
        g.require("demo:role/software-engineer", "demo:skill/python", importance=0.5, level=3.0)
        g.add_extra_triple("<http://ex.org/a>", "<http://ex.org/p>", '"x"@en')
        arrays, meta = _state.graph_to_state(g)
        back = _state.graph_from_state(arrays, meta)
        assert back == g and back.diff(g) == {}
        assert sg.dumps(back) == sg.dumps(g)

    def test_graph_with_resources_round_trip(self, demo: sg.SkillGraph) -> None:
        g = demo.copy()
        sg.bundled_catalogue(demo).add_to(g)
        arrays, meta = _state.graph_to_state(g)
        back = _state.graph_from_state(arrays, meta)
        assert back == g
        assert sg.Catalogue.from_graph(back) == sg.Catalogue.from_graph(g)

    def test_index_state_round_trip(self, demo: sg.SkillGraph) -> None:
        ix = _index.index(demo)
        arrays, meta = ix.to_state()
        back = _index.Index.from_state(arrays, meta, graph=demo)
        back.attach(_index.Profiles.from_state(*ix.parts.to_state(), n_roles=ix.n_roles))
        for r in range(ix.n_roles):
            np.testing.assert_array_equal(back.similarities(r), ix.similarities(r))
        assert back.levels == ix.levels and back.declared_cluster == ix.declared_cluster

    def test_index_state_of_another_graph_is_refused(self, demo: sg.SkillGraph) -> None:
        arrays, meta = _index.index(demo).to_state()
        small = demo.copy()
        small.remove("demo:role/software-engineer")
        with pytest.raises(ValueError, match="does not fit"):
            _index.Index.from_state(arrays, meta, graph=small)
        with pytest.raises(ValueError, match="format"):
            _index.Index.from_state(arrays, {**meta, "format": -1}, graph=demo)
