"""The snapshot cache of read graphs and their indices (``sg.read(path, cache=True)``).

Reading a large release (ESCO, O*NET) and building its label and analysis indices takes
seconds; a snapshot of the result loads in a fraction of that. A snapshot is keyed by the
input's content (for each file: size, modification time and a SHA-256 digest of its
bytes), the format and reader options asked for, and the versions of the library, the
snapshot layout and the analysis index, so any change to one of them is a miss.

Where: ``$SKILLGRAPH_CACHE`` if set, else the user's cache folder (platformdirs
conventions: ``~/.cache/skillgraph`` on Linux, ``~/Library/Caches/skillgraph`` on macOS,
``%LOCALAPPDATA%\\skillgraph\\Cache`` on Windows). Size: at most
``$SKILLGRAPH_CACHE_SIZE`` MiB (mebibytes, 2**20 bytes; default 1024; 0 keeps no
snapshot); the least recently used snapshots are removed first.

Safety: a snapshot is numpy arrays plus JSON (loaded with ``allow_pickle=False``, never
pickle), with its length and CRC-32 checked on load; a corrupt, truncated or foreign
snapshot is ignored with a `CacheWarning` and rebuilt. A cache folder or snapshot owned
by another user, or writable by others, is never read. Files are written under a
temporary name and renamed, so concurrent processes never see a torn file.

The graph is rebuilt from the snapshot without validating each model again (it was
valid when stored); its derived values (label, analysis and match indices, learned
synonyms, detected families, the mobility index, skill groups: see `._parts`) are one
file each beside it, loaded only when a query first needs them and stored when first
built.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
import stat
import time
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._gc import paused_gc
from ..errors import CacheWarning

if TYPE_CHECKING:
    from ..graph import SkillGraph
    from ._parts import Part

__all__ = ["CacheInfo", "clear", "directory", "info", "read_cached"]

ENV_DIR = "SKILLGRAPH_CACHE"
ENV_SIZE = "SKILLGRAPH_CACHE_SIZE"
DEFAULT_SIZE_MB = 1024
SUFFIX = ".sgsnap"
_STALE_TMP_SECONDS = 3600.0
#: the names of the cache's own files: snapshots (``<key>.<part>.sgsnap``), remembered
#: digests (``<path digest>.digests.json``) and the temporary files of their writes
_OWN = re.compile(r"[0-9a-f]{40}\.[A-Za-z0-9_-]+\.sgsnap|[0-9a-f]{32}\.digests\.json")
_OWN_TMP = re.compile(rf"\.({_OWN.pattern})\.[^/]+\.tmp")


def directory() -> Path:
    """The cache folder: ``$SKILLGRAPH_CACHE``, else the platform's user cache folder."""
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_cache_path("skillgraph", appauthor=False)


def max_bytes() -> int:
    """The size bound in bytes (``$SKILLGRAPH_CACHE_SIZE`` MiB, default 1024).

    Raises:
        InvalidValueError: the variable is not a non-negative number.
    """
    raw = os.environ.get(ENV_SIZE)
    if not raw:
        return DEFAULT_SIZE_MB * 1024 * 1024
    try:
        mb = float(raw)
    except ValueError:
        mb = -1.0
    if not (mb >= 0 and math.isfinite(mb)):
        from ..errors import InvalidValueError

        raise InvalidValueError(
            f"{ENV_SIZE} must be a size in MiB, a number of at least 0 (0: keep no "
            f"snapshot), got {raw!r}",
            field=ENV_SIZE,
        )
    return int(mb * 1024 * 1024)


def _uid() -> int | None:
    return os.getuid() if hasattr(os, "getuid") else None


def _unsafe(st: os.stat_result, what: str) -> str | None:
    """Why a file or folder with status ``st`` must not be trusted, or None."""
    uid = _uid()
    if uid is not None and st.st_uid != uid:
        return f"the {what} belongs to another user (uid {st.st_uid})"
    if os.name == "posix" and st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"the {what} is writable by other users (mode {stat.S_IMODE(st.st_mode):o})"
    return None


def _folder(create: bool) -> Path | None:
    """The snapshot folder, checked (and created with mode 700); None with a warning if unsafe."""
    root = directory()
    snaps = root / "snapshots"
    try:
        for folder in (root, snaps):
            if create:
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            elif not folder.is_dir():
                return None
            st = folder.stat()
            reason = "it is not a folder" if not stat.S_ISDIR(st.st_mode) else _unsafe(st, "folder")
            if reason is not None:
                warnings.warn(
                    CacheWarning(f"not using the cache folder {folder}: {reason}"), stacklevel=4
                )
                return None
    except OSError as exc:
        warnings.warn(
            CacheWarning(f"not using the cache folder {root}: {exc.strerror or exc}"),
            stacklevel=4,
        )
        return None
    return snaps


# ---------------------------------------------------------------------------- keys
def _input_files(path: Path) -> list[tuple[str, Path]]:
    if path.is_dir():
        found = [(p.relative_to(path).as_posix(), p) for p in path.rglob("*") if p.is_file()]
        return sorted(found)
    return [("", path)]


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def fingerprint(path: Path, folder: Path | None) -> list[list[Any]]:
    """``[relative name, size, mtime_ns, sha256]`` of each file of the input ``path``.

    Digests are remembered in ``folder`` beside the file status they were computed for
    (size, mtime, ctime, inode), and recomputed whenever that status changes.

    Raises:
        OSError: a file cannot be read.
    """
    memo_path = None
    memo: dict[str, list[Any]] = {}
    if folder is not None:
        ident = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogateescape"))
        memo_path = folder / f"{ident.hexdigest()[:32]}.digests.json"
        with contextlib.suppress(OSError, ValueError, TypeError):
            if _unsafe(memo_path.lstat(), "digest file") is None:
                loaded = json.loads(memo_path.read_text("utf-8"))
                memo = {row[0]: row for row in loaded if isinstance(row, list) and len(row) == 6}
    rows: list[list[Any]] = []
    fresh: list[list[Any]] = []
    changed = False
    for rel, p in _input_files(path):
        st = p.stat()
        status = [rel, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        old = memo.get(rel)
        if old is not None and old[:5] == status and isinstance(old[5], str):
            digest = old[5]
        else:
            digest = _digest(p)
            changed = True
        fresh.append([*status, digest])
        rows.append([rel, st.st_size, st.st_mtime_ns, digest])
    if memo_path is not None and (changed or len(memo) != len(fresh)):
        with contextlib.suppress(OSError):
            _write_text(memo_path, json.dumps(fresh))
    return rows


def _write_text(path: Path, text: str) -> None:
    from ._snapshot import write_atomic

    write_atomic(path, [text.encode("utf-8")])


#: Bumped when a derived value a snapshot keeps changes for the same input and library
#: version (a fix of the analysis, as of the hierarchy profiles in 2: a tag of a part's
#: layout does not see it; in 3 the detected families, now by ``method="arrays"``; in 4
#: the viable moves, whose seniority jump counts a managerial variant one level up once;
#: in 5 the O*NET clusters, the real SOC minor groups; in 7 the free-text index, whose
#: stems read irregular simple pasts as their verbs, "kept" as "keep"; in 8 gap's weights,
#: O*NET's rated requirements and tool classes re-derived), so snapshots written by
#: earlier code are misses.
DERIVED_REVISION = 8


def _library_version() -> str:
    import skillgraph

    return f"{skillgraph.__version__}+r{DERIVED_REVISION}"


def cache_key(files: list[list[Any]], fmt: str | None, options: Mapping[str, Any]) -> str:
    """The snapshot key of an input with these ``files``, format and reader options."""
    from ._snapshot import SNAPSHOT_FORMAT

    ident = {
        "library": _library_version(),
        "snapshot": SNAPSHOT_FORMAT,
        "format": fmt,
        "options": {k: repr(options[k]) for k in sorted(options)},
        "files": files,
    }
    text = json.dumps(ident, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:40]


# ---------------------------------------------------------------------------- parts
def _warn(message: str) -> None:
    warnings.warn(CacheWarning(message), stacklevel=5)


def _load(path: Path, expect: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """Header and arrays of the snapshot ``path``; None if unusable (warning unless absent)."""
    from ._snapshot import SnapshotError, read_snapshot

    try:
        st = path.lstat()
    except OSError:
        return None
    reason = "it is not a regular file" if not stat.S_ISREG(st.st_mode) else _unsafe(st, "snapshot")
    if reason is not None:
        _warn(f"not reading the cached snapshot {path}: {reason}")
        return None
    try:
        head, arrays = read_snapshot(path, expect)
    except SnapshotError as exc:
        _warn(f"ignoring the cached snapshot {path}: {exc}; it is rebuilt")
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    except OSError:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # most recently used
    return head, arrays


def _store(folder: Path, path: Path, header: dict[str, Any], arrays: dict[str, Any]) -> None:
    from ._snapshot import write_snapshot

    try:
        write_snapshot(path, header, arrays)
    except OSError as exc:
        _warn(f"cannot write the cached snapshot {path}: {exc.strerror or exc}")
        return
    with contextlib.suppress(OSError):
        _evict(folder, max_bytes(), keep=path)


class _Link:
    """Ties a graph to its snapshot: loads its derived values on first use (the parts of
    `._parts`), stores them once built."""

    def __init__(self, folder: Path, key: str, version: int) -> None:
        self.folder = folder
        self.key = key
        self.version = version

    def _path(self, part: Part) -> Path:
        return self.folder / f"{self.key}.{part.tag}{SUFFIX}"

    def _expect(self, part: Part) -> dict[str, Any]:
        return {"key": self.key, "part": part.tag, "library": _library_version()}

    def load(self, name: str, g: SkillGraph | None) -> Any | None:
        """The stored value ``name`` of ``g``, or None (absent, not kept or corrupt)."""
        from ._parts import BAD, part_for

        part = part_for(name)
        if part is None:
            return None
        path = self._path(part)
        with paused_gc():
            found = _load(path, self._expect(part))
            if found is None:
                return None
            head, arrays = found
            try:
                value = part.decode(g, arrays, head.get("meta") or {})  # type: ignore[arg-type]
            except BAD as exc:
                _warn(f"ignoring the cached snapshot {path}: {exc}; it is rebuilt")
                with contextlib.suppress(OSError):
                    path.unlink()
                return None
        self._attach(part, value)
        return value

    def store(self, name: str, g: SkillGraph | None, value: Any) -> None:
        """Store the value ``name`` of ``g`` just built (no-op for values not kept)."""
        from ._parts import part_for

        part = part_for(name)
        if part is None:
            return
        try:
            encoded = part.encode(g, value)  # type: ignore[arg-type]
            if encoded is not None:
                arrays, meta = encoded
                header = {**self._expect(part), "meta": meta}
                _store(self.folder, self._path(part), header, arrays)
        except (TypeError, ValueError) as exc:  # a value this library cannot store (not
            _warn(f"not caching {name}: {exc}")  # arrays or JSON): kept in memory only
            return
        self._attach(part, value)

    def _attach(self, part: Part, value: Any) -> None:
        """Let ``value`` load and store the parts it derives later (never the graph: the
        hooks must not keep it alive)."""
        if part.attach is not None:
            part.attach(
                value, lambda name: self.load(name, None), lambda n, v: self.store(n, None, v)
            )


def read_cached(
    path: Path,
    fmt: str | None,
    options: Mapping[str, Any],
    read: Callable[[], SkillGraph],
    *,
    min_bytes: int = 0,
) -> SkillGraph:
    """The graph ``read()`` returns for the input ``path``, from its snapshot when one is valid.

    Inputs smaller than ``min_bytes`` in all are read directly, and every input when
    ``$SKILLGRAPH_CACHE_SIZE`` is 0 (no snapshot is written or kept). Cache problems
    (unsafe folder, corrupt snapshot, full disk) give a `CacheWarning` and fall back to
    ``read()``.

    Raises:
        InvalidValueError: ``$SKILLGRAPH_CACHE_SIZE`` is not a number of at least 0
            (before anything is read).
        FormatError: as ``read()``.
    """
    from ._parts import BAD
    from ._state import graph_from_state, graph_to_state

    if max_bytes() == 0:  # checked before the input is read; 0: no snapshot is kept
        return read()
    if min_bytes > 0:
        try:
            size = sum(p.stat().st_size for _, p in _input_files(path))
        except OSError:
            return read()
        if size < min_bytes:
            return read()  # small inputs read faster than a snapshot is checked
    folder = _folder(create=True)
    if folder is None:
        return read()
    try:
        files = fingerprint(path, folder)
    except OSError:
        return read()
    from .._store import store_of

    key = cache_key(files, fmt, options)
    graph_path = folder / f"{key}.graph{SUFFIX}"
    expect = {"key": key, "part": "graph", "library": _library_version()}
    with paused_gc():
        found = _load(graph_path, expect)
        if found is not None:
            head, arrays = found
            try:
                g = graph_from_state(arrays, head["meta"])
            except BAD as exc:
                _warn(f"ignoring the cached snapshot {graph_path}: {exc}; it is rebuilt")
                with contextlib.suppress(OSError):
                    graph_path.unlink()
            else:
                _replay(head.get("warnings") or [])
                store_of(g).snapshot = _Link(folder, key, g.version)
                return g
    with paused_gc():  # the read and its snapshot make many objects and no cycles
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            g = read()
        said = [[w.category.__name__, str(w.message)] for w in caught]
        _replay(said)
        arrays, meta = graph_to_state(g)
        header = {**expect, "source": str(path), "meta": meta, "warnings": said}
        _store(folder, graph_path, header, arrays)
    store_of(g).snapshot = _Link(folder, key, g.version)
    return g


def _replay(said: list[list[str]]) -> None:
    """Emit again the data warnings the input gave when it was read."""
    from .. import errors

    for name, message in said:
        category = getattr(errors, str(name), None)
        if not (isinstance(category, type) and issubclass(category, Warning)):
            category = errors.DataWarning
        warnings.warn(str(message), category, stacklevel=4)


# ---------------------------------------------------------------------------- upkeep
@dataclass(frozen=True)
class CacheInfo:
    """What the cache folder holds."""

    directory: Path
    snapshots: int
    """How many inputs have a snapshot (graph files)."""
    files: int
    """Snapshot files in all (graphs and their indices)."""
    bytes: int
    max_bytes: int


def _snapshot_files(folder: Path) -> list[tuple[Path, os.stat_result]]:
    out = []
    for p in folder.iterdir():
        with contextlib.suppress(OSError):
            if p.name.endswith(SUFFIX) and _OWN.fullmatch(p.name):
                out.append((p, p.lstat()))
    return out


def _evict(folder: Path, limit: int, keep: Path | None = None) -> int:
    """Remove the least recently used snapshots until they fit in ``limit`` bytes; how many.

    Temporary files left by interrupted writes are removed once an hour old.
    """
    now = time.time()
    for p in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            if _OWN_TMP.fullmatch(p.name) and now - p.lstat().st_mtime > _STALE_TMP_SECONDS:
                p.unlink()
    found = sorted(_snapshot_files(folder), key=lambda f: (f[1].st_mtime, f[0].name))
    total = sum(st.st_size for _, st in found)
    removed = 0
    for p, st in found:
        if total <= limit:
            break
        if p == keep:
            continue
        with contextlib.suppress(OSError):
            p.unlink()
            removed += 1
            total -= st.st_size
    return removed


def info() -> CacheInfo:
    """The cache folder, how many snapshots it holds and their size."""
    root = directory()
    folder = root / "snapshots"
    found = _snapshot_files(folder) if folder.is_dir() else []
    return CacheInfo(
        directory=root,
        snapshots=sum(1 for p, _ in found if p.name.endswith(f".graph{SUFFIX}")),
        files=len(found),
        bytes=sum(st.st_size for _, st in found),
        max_bytes=max_bytes(),
    )


def clear() -> int:
    """Remove every snapshot (and remembered digest) of the cache folder; how many files.

    Only the cache's own files go (by their names); a folder that is not safe to use (see
    the module's Safety) is left as it is, with a `CacheWarning`.
    """
    folder = directory() / "snapshots"
    if not folder.is_dir() or _folder(create=False) is None:
        return 0
    n = 0
    for p in folder.iterdir():
        if (_OWN.fullmatch(p.name) or _OWN_TMP.fullmatch(p.name)) and p.is_file():
            with contextlib.suppress(OSError):
                p.unlink()
                n += 1
    return n
