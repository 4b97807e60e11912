"""Shared fixtures: the bundled demo ontology and the real data folder."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import skillgraph as sg

ROOT = Path(__file__).resolve().parent.parent

# every test, and every CLI process a test starts, uses a private snapshot cache: the suite
# never writes to the user's cache folder, and no test sees another run's snapshots
_CACHE = tempfile.mkdtemp(prefix="skillgraph-test-cache-")
os.environ["SKILLGRAPH_CACHE"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "dev", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def data_dir() -> Path | None:
    """The real data folder: $SKILLGRAPH_DATA, else ../shared/data; None when absent."""
    env = os.environ.get("SKILLGRAPH_DATA")
    for cand in ([Path(env)] if env else []) + [ROOT.parent / "shared" / "data"]:
        if cand.is_dir():
            return cand
    return None


@pytest.fixture(scope="session")
def data() -> Path:
    """The real data folder, or skip."""
    found = data_dir()
    if found is None:
        pytest.skip("real data folder (../shared/data or $SKILLGRAPH_DATA) is absent")
    return found


@pytest.fixture(scope="session")
def demo() -> sg.SkillGraph:
    """The bundled demo ontology (shared: do not modify it; copy() first)."""
    return sg.load("demo")


def fed_fifo(path: Path, data: bytes) -> Path:
    """A FIFO at ``path`` that a background thread fills with ``data`` (an endless-looking
    input that no size check sees); the thread stops when the reader closes it early."""
    import contextlib
    import threading

    os.mkfifo(path)

    def feed() -> None:
        with contextlib.suppress(BrokenPipeError), open(path, "wb") as fh:
            fh.write(data)

    threading.Thread(target=feed, daemon=True).start()
    return path
