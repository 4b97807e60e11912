"""`skillgraph._gc.paused_gc`: the one switch for the cyclic collector during bulk work."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from skillgraph._gc import paused_gc


@pytest.fixture(autouse=True)
def _restore_collector() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_paused_inside_and_restored_after() -> None:
    gc.enable()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_when_the_body_raises() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    with paused_gc():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_nested_blocks_restore_the_outer_state() -> None:
    gc.enable()
    with paused_gc():
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_readers_and_cache_share_the_one_helper() -> None:
    import skillgraph._derived
    import skillgraph.cache
    from skillgraph import _trusted

    assert _trusted.paused_gc is paused_gc
    assert vars(skillgraph.cache)["paused_gc"] is paused_gc
    assert vars(skillgraph._derived)["paused_gc"] is paused_gc
