"""Tests for skillgraph.analysis._state_checks: stored index arrays must fit the graph."""

from __future__ import annotations

import json

import numpy as np
import pytest

import skillgraph as sg


def _swap_shape(arrays: dict[str, np.ndarray], name: str) -> dict[str, np.ndarray]:
    """``arrays`` with matrix ``name`` given one column more than it has (still valid CSR)."""
    rows, cols = (int(x) for x in arrays[f"{name}.shape"])
    return dict(arrays, **{f"{name}.shape": np.asarray([rows, cols + 1])})


@pytest.mark.parametrize("name", ["W", "E", "B", "BT"])
def test_index_state_with_a_matrix_of_another_shape_is_refused(
    demo: sg.SkillGraph, name: str
) -> None:
    """Regression: a valid CSR matrix that does not fit the roles and skills was trusted."""
    from skillgraph.analysis._index import Index, index

    arrays, meta = index(demo).to_state()
    with pytest.raises(sg.InvalidValueError, match=f"'{name}' has shape"):
        Index.from_state(_swap_shape(dict(arrays), name), json.loads(json.dumps(meta)))


@pytest.mark.parametrize("name", ["rarity", "df", "totals", "importance"])
def test_index_state_with_a_short_vector_is_refused(demo: sg.SkillGraph, name: str) -> None:
    from skillgraph.analysis._index import Index, index

    arrays, meta = index(demo).to_state()
    short = dict(arrays, **{name: arrays[name][:-1]})
    with pytest.raises(sg.InvalidValueError, match=f"'{name}' has shape"):
        Index.from_state(short, json.loads(json.dumps(meta)))
    with pytest.raises(sg.InvalidValueError, match=f"lacks array '{name}'"):
        Index.from_state({k: v for k, v in arrays.items() if k != name}, meta)


def test_profiles_state_with_a_profile_of_too_few_roles_is_refused(demo: sg.SkillGraph) -> None:
    from skillgraph.analysis._index import Profiles, index

    ix = index(demo)
    arrays, meta = ix.parts.to_state()
    meta = json.loads(json.dumps(meta))
    for name in meta["dense_profiles"]:
        broken = dict(arrays, **{f"profile.{name}": arrays[f"profile.{name}"][:-1]})
        with pytest.raises(sg.InvalidValueError, match=f"'profile.{name}' has shape"):
            Profiles.from_state(broken, meta, n_roles=ix.n_roles)
    for name in meta["sparse_profiles"]:
        key = f"profile.{name}"
        indptr = arrays[f"{key}.indptr"]
        cut = dict(arrays)
        cut[f"{key}.indptr"] = indptr[:-1]
        cut[f"{key}.data"] = arrays[f"{key}.data"][: int(indptr[-2])]
        cut[f"{key}.indices"] = arrays[f"{key}.indices"][: int(indptr[-2])]
        rows, cols = (int(x) for x in arrays[f"{key}.shape"])
        cut[f"{key}.shape"] = np.asarray([rows - 1, cols])
        with pytest.raises(sg.InvalidValueError, match=f"'{key}' has shape"):
            Profiles.from_state(cut, meta, n_roles=ix.n_roles)
    assert meta["dense_profiles"] or meta["sparse_profiles"]


def test_profiles_state_of_another_number_of_roles_is_refused(demo: sg.SkillGraph) -> None:
    from skillgraph.analysis._index import Profiles, index

    ix = index(demo)
    arrays, meta = ix.parts.to_state()
    with pytest.raises(sg.InvalidValueError, match="roles"):
        Profiles.from_state(arrays, meta, n_roles=ix.n_roles + 1)
    with pytest.raises(sg.InvalidValueError, match="format"):
        Profiles.from_state(arrays, {**meta, "format": -1})
    with pytest.raises(sg.InvalidValueError, match="lacks"):
        Profiles.from_state({}, meta)
