"""Snapshot state (``skillgraph.cache._state``): a forged state whose checksum was made to
fit is refused when loaded (``ValueError``, which the cache turns into a warning and a
rebuild), or, for a node decoded on first read, with a clear error instead of a traceback.

Regression (red team): shortened ids, negative kinds, float ends, a NaN or out-of-range
importance and out-of-range pairs were trusted or crashed later with a traceback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import skillgraph as sg
from skillgraph.cache._state import graph_from_state, graph_to_state

Arrays = dict[str, Any]


def _state(demo: sg.SkillGraph) -> tuple[Arrays, dict[str, Any]]:
    arrays, meta = graph_to_state(demo)
    return dict(arrays), meta


def _set(name: str, make: Callable[[Any], Any]) -> Callable[[Arrays], None]:
    def change(arrays: Arrays) -> None:
        arrays[name] = make(np.array(arrays[name]))

    return change


def _cell(name: str, value: float) -> Callable[[Arrays], None]:
    def change(arrays: Arrays) -> None:
        column = np.array(arrays[name])
        column.ravel()[0] = value
        arrays[name] = column

    return change


FORGED = {
    "ids shortened": _set("node.ids", lambda a: a[: len(a) // 2]),
    "negative kind": _cell("node.kinds", -1),
    "kind out of range": _cell("node.kinds", 99),
    "float ends": _set("node.ends", lambda a: a.astype(np.float64)),
    "ends not increasing": _set("node.ends", lambda a: a[::-1].copy()),
    "NaN importance": _cell("req.importance", np.nan),
    "importance above 1": _cell("req.importance", 4.0),
    "essential flag 2": _cell("req.essential", 2),
    "role out of range": _cell("req.role", 10**6),
    "negative skill": _cell("req.skill", -1),
    "broader pair out of range": _cell("broader", -1),
    "broader not pairs": _set("broader", lambda a: a.reshape(-1)),
    "related pair out of range": _cell("related", 10**6),
    "related as floats": _set("related", lambda a: a.astype(np.float64)),
}


def test_the_state_round_trips(demo: sg.SkillGraph) -> None:
    arrays, meta = _state(demo)
    assert graph_from_state(arrays, meta) == demo


@pytest.mark.parametrize("name", sorted(FORGED))
def test_a_forged_state_is_refused_on_load(demo: sg.SkillGraph, name: str) -> None:
    arrays, meta = _state(demo)
    FORGED[name](arrays)
    with pytest.raises(ValueError):
        graph_from_state(arrays, meta)


def test_a_node_that_does_not_decode_is_a_clear_error(demo: sg.SkillGraph) -> None:
    arrays, meta = _state(demo)
    blob = np.array(arrays["node.json"])
    blob[0] = ord("[")  # the first node's JSON text no longer parses
    arrays["node.json"] = blob
    g = graph_from_state(arrays, meta)  # nodes decode on first read
    with pytest.raises(sg.FormatError, match=r"cached snapshot is corrupt.*cache clear"):
        list(g.nodes.values())
