"""Tests of skillgraph.text._trees: the order model's boosted trees."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgraph.errors import FormatError
from skillgraph.text import _rerank
from skillgraph.text._trees import (
    TREES_FILE,
    Trees,
    boost,
    order_trees,
    read_trees,
    trees_document,
)


def _stump(feature: int, threshold: float, left: float, right: float) -> Trees:
    return Trees(
        depth=1,
        feature=np.array([[feature]]),
        threshold=np.array([[threshold]]),
        leaf=np.array([[left, right]]),
    )


def test_a_candidate_goes_right_at_the_threshold_and_above() -> None:
    x = np.array([[0.0, 0.4], [0.0, 0.5], [0.0, 0.9]])
    assert _stump(1, 0.5, -1.0, 2.0).predict(x).tolist() == [-1.0, 2.0, 2.0]


def test_trees_add_up_and_an_unsplit_node_sends_all_left() -> None:
    unsplit = Trees(
        depth=1,
        feature=np.array([[0]]),
        threshold=np.array([[np.inf]]),
        leaf=np.array([[0.25, 100.0]]),
    )
    two = Trees(
        depth=1,
        feature=np.vstack([_stump(0, 1.0, 0, 1).feature, unsplit.feature]),
        threshold=np.vstack([_stump(0, 1.0, 0, 1).threshold, unsplit.threshold]),
        leaf=np.vstack([[0.0, 1.0], unsplit.leaf]),
    )
    assert two.predict(np.array([[0.0], [5.0]])).tolist() == [0.25, 1.25]


def test_a_depth_two_tree_routes_by_both_levels() -> None:
    tree = Trees(
        depth=2,
        feature=np.array([[0, 1, 1]]),
        threshold=np.array([[0.5, 0.5, 0.5]]),
        leaf=np.array([[1.0, 2.0, 3.0, 4.0]]),
    )
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    assert tree.predict(x).tolist() == [1.0, 2.0, 3.0, 4.0]


@settings(max_examples=30, deadline=None)
@given(
    st.integers(1, 3),
    st.integers(1, 4),
    st.integers(0, 2**32 - 1),
)
def test_json_round_trip_predicts_the_same(depth: int, n_trees: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    inner = 2**depth - 1
    threshold = rng.normal(size=(n_trees, inner))
    threshold[rng.random((n_trees, inner)) < 0.3] = np.inf  # some nodes without a split
    trees = Trees(
        depth=depth,
        feature=rng.integers(0, 3, size=(n_trees, inner)),
        threshold=threshold,
        leaf=rng.normal(size=(n_trees, 2**depth)),
    )
    back = Trees.from_json(json.loads(json.dumps(trees.to_json())))
    x = rng.normal(size=(20, 3))
    assert np.array_equal(back.predict(x), trees.predict(x))


def test_bad_depth_is_refused() -> None:
    with pytest.raises(ValueError, match="depth"):
        Trees.from_json({"depth": 0, "feature": [], "threshold": [], "leaf": []})


def test_boosting_learns_an_interaction_a_linear_base_misses() -> None:
    """Each group's own row is the one with both features high: no linear score of the
    two ranks it first in every group (a row high in one alone ties or beats it), the
    trees do."""
    rng = np.random.default_rng(0)
    rows, group, mine = [], [], []
    for g in range(300):
        own = rng.uniform(0.6, 1.0, 2)
        others = [
            [rng.uniform(0.9, 1.5), rng.uniform(0.0, 0.4)],
            [rng.uniform(0.0, 0.4), rng.uniform(0.9, 1.5)],
            rng.uniform(0.0, 0.5, 2),
        ]
        for i, r in enumerate([own, *others]):
            rows.append(r)
            group.append(g)
            mine.append(i == 0)
    x, grp, own_mask = np.array(rows), np.array(group), np.array(mine)
    base = x.sum(axis=1)
    weight, cut = np.ones(300), np.ones(300, dtype=np.int64)

    def firsts(score: np.ndarray) -> int:
        s = score.reshape(300, 4)
        return int((s.argmax(axis=1) == 0).sum())

    trees = boost(x, base, grp, own_mask, weight, cut, 40)
    assert firsts(base) < 200
    assert firsts(base + trees.predict(x)) > 280


def test_the_shipped_trees_read_and_fit_the_order_features() -> None:
    trees = order_trees(_rerank.ORDER_FEATURES)
    assert TREES_FILE.exists()
    assert len(trees.leaf) > 0
    assert trees.feature.max() < len(_rerank.ORDER_FEATURES)
    assert np.isfinite(trees.leaf).all()
    # a row of the order model's features gets a finite value
    assert np.isfinite(trees.predict(np.zeros((3, len(_rerank.ORDER_FEATURES))))).all()


FEATURES = ("a", "b", "c")


def _write(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _document() -> dict[str, object]:
    return trees_document(_stump(2, 0.5, -1.0, 1.0), FEATURES)


def test_a_written_trees_file_reads_back(tmp_path: Path) -> None:
    trees = read_trees(_write(tmp_path / "t.json", _document()), FEATURES)
    x = np.array([[0.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    assert np.array_equal(trees.predict(x), [-1.0, 1.0])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "something-else"}, "not the order model's trees"),
        ({"version": 2}, "version 2, expected 1"),
        ({"features": ["a", "b"]}, "fitted over other features"),
        ({"feature": [[7]]}, "a split on a feature outside 0..2"),
        ({"leaf": [[0.0, float("nan")]]}, "not finite"),
        ({"leaf": [[0.0, 1.0, 2.0]]}, "not trees"),
        ({"depth": "4"}, "not trees"),
    ],
)
def test_a_foreign_or_damaged_trees_file_is_refused(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    path = _write(tmp_path / "t.json", {**_document(), **change})
    with pytest.raises(FormatError, match=message) as err:
        read_trees(path, FEATURES)
    assert str(path) in str(err.value)


def test_a_file_that_is_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_bytes(pickle.dumps({"depth": 1}))
    with pytest.raises(FormatError, match=r"cannot read|not JSON"):
        read_trees(path, FEATURES)
    path.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(FormatError, match="line 1: not JSON"):
        read_trees(path, FEATURES)
    with pytest.raises(FormatError, match="cannot read"):
        read_trees(tmp_path / "missing.json", FEATURES)
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(FormatError, match="not the order model's trees"):
        read_trees(path, FEATURES)
