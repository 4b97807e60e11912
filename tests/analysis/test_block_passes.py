"""The whole-block passes of the mobility index equal the row-by-row definitions bit for bit:
nearest roles (``_select.nearest_of``), similarity rows (``Profiles.similarity_rows``), the
viability threshold and the viable moves (``viability``)."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from threadpoolctl import threadpool_limits

import skillgraph as sg
from skillgraph._synthetic import esco_like
from skillgraph.analysis import _profiles, viability
from skillgraph.analysis._index import index
from skillgraph.analysis._profiles import NOISE, Profiles
from skillgraph.analysis._select import COMPONENTS, DEFAULT_WEIGHTS, nearest_of, top_k

Block = npt.NDArray[np.float64]


def _nearest_row_by_row(sims: Block, rows: npt.NDArray[np.int64], m: int) -> list[object]:
    out = []
    for i, r in enumerate(rows.tolist()):
        scores = sims[i].copy()
        scores[r] = -1.0
        best = top_k(scores, m)
        best = best[scores[best] > 0]
        out.append((best, scores[best]))
    return out


def _assert_same_lists(got: list[object], want: list[object]) -> None:
    assert len(got) == len(want)
    for (gi, gs), (wi, ws) in zip(got, want, strict=True):  # type: ignore[misc]
        assert gi.dtype == wi.dtype == np.int64 and gs.dtype == ws.dtype == np.float64
        np.testing.assert_array_equal(gi, wi)
        np.testing.assert_array_equal(gs, ws)


# few distinct values: many ties, also at the m-th place
_values = st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.75, 1.0])


@settings(max_examples=200, deadline=None)
@given(
    sims=hnp.arrays(np.float64, st.tuples(st.integers(0, 8), st.integers(1, 30)), elements=_values),
    m=st.integers(0, 12),
    data=st.data(),
)
def test_nearest_of_is_top_k_row_by_row(sims: Block, m: int, data: st.DataObject) -> None:
    k, n = sims.shape
    rows = np.asarray(data.draw(st.lists(st.integers(0, n - 1), min_size=k, max_size=k)))
    want = _nearest_row_by_row(sims, rows.astype(np.int64), m)
    _assert_same_lists(nearest_of(sims.copy(), rows.astype(np.int64), m), want)


def test_nearest_of_on_continuous_scores() -> None:
    rng = np.random.default_rng(3)
    sims = rng.random((64, 500))
    sims[:, ::7] = 0.0
    rows = np.arange(100, 164, dtype=np.int64)
    _assert_same_lists(nearest_of(sims.copy(), rows, 10), _nearest_row_by_row(sims, rows, 10))


def _similarity_rows_reference(
    ix: object, rows: npt.NDArray[np.int64], weights: Mapping[str, float] | None
) -> Block:
    """The mix of ``docs/concepts.md`` over whole rows, one component after the other."""
    parts = ix.parts  # type: ignore[attr-defined]
    w = DEFAULT_WEIGHTS if weights is None else weights
    num = np.zeros((len(rows), parts.n_roles))
    den = np.zeros((len(rows), parts.n_roles))
    for name in COMPONENTS:
        m = parts.matrices.get(name)
        wc = float(w.get(name, 0.0))
        if m is None or wc <= 0 or not parts.has[name].any():
            continue
        if isinstance(m, np.ndarray):
            cos = np.asarray(m[rows] @ m.T, dtype=np.float64)
        else:
            cos = np.asarray((m[rows] @ parts.transposed(name)).toarray())
        num += wc * np.where(cos > NOISE, cos, 0.0)
        den += wc * np.outer(parts.has[name][rows], parts.has[name])
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(den > 0, num / np.where(den > 0, den, 1.0), 0.0)
    return np.clip(out, 0.0, 1.0)


def _patchy() -> sg.SkillGraph:
    """A synthetic graph where some roles have no requirements (components differ by role)."""
    g = esco_like(0.04, seed=5)
    for i, rid in enumerate(sorted(g.roles)[::9]):
        g.add(sg.Role(id=f"x:bare{i}", label=g.roles[rid].label + " assistant", level=i % 3))
    return g


_WEIGHTS = [None, {"text": 0.3, "latent": 0.7, "skills": 0.1}, {"hierarchy": 0.0}]


@pytest.mark.parametrize("weights", _WEIGHTS)
def test_similarity_rows_are_the_reference_mix(demo: sg.SkillGraph, weights: object) -> None:
    for g in (demo, _patchy()):
        ix = index(g)
        for rows in (np.arange(ix.n_roles), np.arange(0, ix.n_roles, 3)[::-1].copy()):
            got = ix.similarity_rows(rows, weights)  # type: ignore[arg-type]
            want = _similarity_rows_reference(ix, rows, weights)  # type: ignore[arg-type]
            np.testing.assert_array_equal(got, want)


def _mobility_reference(g: sg.SkillGraph) -> tuple[float, list[tuple[int, int, float]]]:
    """Threshold and viable moves of ``g`` computed role by role."""
    ix = index(g)
    mob = viability.mobility(g)
    # the rows in the blocks the index computes them in, on one BLAS thread (BLAS rounds by
    # block shape and thread count)
    step = viability._BLOCK
    with threadpool_limits(limits=1, user_api="blas"):
        sims = [
            row.astype(np.float32)
            for lo in range(0, ix.n_roles, step)
            for row in ix.similarity_rows(np.arange(lo, min(lo + step, ix.n_roles)))
        ]
    inside: list[float] = []
    for r in range(ix.n_roles):
        mates = [o for o in range(ix.n_roles) if o != r and mob.family[o] == mob.family[r]]
        s = sims[r][mates].astype(np.float64)
        inside += np.sort(s[s > 0])[::-1][: viability.FAMILY_NEIGHBOURS].tolist()
    if inside:
        found = float(np.quantile(inside, viability.VIABLE_QUANTILE, method="lower"))
        threshold = max(viability.MIN_THRESHOLD, found)
    else:
        threshold = viability.MIN_THRESHOLD
    moves = []
    for r in range(ix.n_roles):
        for o in range(ix.n_roles):
            s = float(sims[r][o])
            near = abs(mob.jump(r, o)) <= viability.MAX_SENIORITY_JUMP
            if o != r and s >= threshold and ix.totals[o] > 0 and near:
                moves.append((r, o, s))
    return threshold, moves


def _check_mobility(g: sg.SkillGraph) -> None:
    mob = viability.mobility(g)
    threshold, moves = _mobility_reference(g)
    assert mob.threshold == threshold
    a = mob.A.tocoo()
    got = sorted(zip(a.row.tolist(), a.col.tolist(), a.data.tolist(), strict=True))
    assert got == moves
    np.testing.assert_array_equal(mob.AT.toarray(), mob.A.toarray().T)


def test_mobility_is_the_role_by_role_definition(demo: sg.SkillGraph) -> None:
    _check_mobility(demo)
    _check_mobility(_patchy())


def _mobility_arrays(g: sg.SkillGraph) -> tuple[object, ...]:
    mob = viability.mobility(g)
    return (mob.threshold, mob.family_ids, mob.seniority.tolist(), mob.A.toarray())


def _counting_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Patch the profiles' block rows to record the first row of every block computed."""
    asked: list[int] = []
    real = Profiles._rows_from

    def counted(self: Profiles, rows: npt.NDArray[np.int64], lo: int, weights: object) -> object:
        asked.append(int(rows[0]))
        return real(self, rows, lo, weights)  # type: ignore[arg-type]

    monkeypatch.setattr(Profiles, "_rows_from", counted)
    return asked


def test_mobility_over_the_budget_recomputes_the_same_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # regression: the build held roles x roles float32 rows (10 GB at 50,000 roles); over
    # KEEP_BUDGET it computes each block again per pass and gives the same moves
    monkeypatch.setattr(viability, "_BLOCK", 7)  # several blocks on a small graph
    kept = _mobility_arrays(_patchy())
    asked = _counting_rows(monkeypatch)
    again = _mobility_arrays(_patchy())
    n = index(_patchy()).n_roles
    assert asked == list(range(0, n, 7))  # kept: one pass
    asked.clear()
    monkeypatch.setattr(viability, "KEEP_BUDGET", 0)
    recomputed = _mobility_arrays(_patchy())
    assert asked == list(range(0, n, 7)) * 3  # neighbours, threshold, viable moves
    for want in (kept, again):
        assert recomputed[:3] == want[:3]
        np.testing.assert_array_equal(recomputed[3], want[3])


def _calibrate_reference(
    blocks: list[tuple[int, npt.NDArray[np.float32]]], family: object
) -> float:
    inside: list[float] = []
    fam = np.asarray(family)
    for lo, sims in blocks:
        for i, row in enumerate(sims):
            mates = [o for o in range(len(fam)) if o != lo + i and fam[o] == fam[lo + i]]
            s = row[mates].astype(np.float64)
            inside += np.sort(s[s > 0])[::-1][: viability.FAMILY_NEIGHBOURS].tolist()
    if not inside:
        return viability.MIN_THRESHOLD
    found = float(np.quantile(inside, viability.VIABLE_QUANTILE, method="lower"))
    return max(viability.MIN_THRESHOLD, found)


@settings(max_examples=100, deadline=None)
@given(
    n=st.integers(1, 40),
    data=st.data(),
)
def test_calibration_is_the_row_by_row_quantile(n: int, data: st.DataObject) -> None:
    # mostly zeros and repeated values: zeros must not count, ties must
    cell = st.sampled_from([0.0, 0.0, 0.0, 0.06, 0.3, 0.3, 0.7, 0.9])
    sims = data.draw(hnp.arrays(np.float32, (n, n), elements=cell))
    family = np.asarray(data.draw(st.lists(st.integers(0, 3), min_size=n, max_size=n)))
    step = data.draw(st.integers(1, n))
    blocks = [(lo, sims[lo : lo + step]) for lo in range(0, n, step)]
    assert viability._calibrate(blocks, family) == _calibrate_reference(blocks, family)


def test_calibration_without_family_mates_takes_the_floor() -> None:
    family = np.arange(4, dtype=np.int64)  # every role alone in its family
    blocks = [(0, np.full((2, 4), 0.9, dtype=np.float32)), (2, np.ones((2, 4), np.float32))]
    assert viability._calibrate(blocks, family) == viability.MIN_THRESHOLD
    assert viability._calibrate([], np.zeros(0, dtype=np.int64)) == viability.MIN_THRESHOLD


@pytest.mark.parametrize("release", ["onet/29.3"])
def test_real_similarity_rows_are_the_reference_mix(data: Path, release: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = sg.read(data / release, cache=False)
    ix = index(g)
    rows = np.arange(0, ix.n_roles, 5)
    np.testing.assert_array_equal(
        ix.similarity_rows(rows), _similarity_rows_reference(ix, rows, None)
    )


def test_similarity_rows_of_a_graph_without_roles() -> None:
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:a", label="a"))
    assert index(g).similarity_rows(np.zeros(0, dtype=np.int64)).shape == (0, 0)


def _rows_block_by_block(
    parts: Profiles, block: int, weights: Mapping[str, float] | None
) -> list[tuple[int, Block]]:
    n = parts.n_roles
    return [
        (lo, parts.similarity_rows(np.arange(lo, min(lo + block, n)), weights))
        for lo in range(0, n, block)
    ]


def _assert_same_blocks(got: list[tuple[int, Block]], want: list[tuple[int, Block]]) -> None:
    assert [lo for lo, _ in got] == [lo for lo, _ in want]
    for (_, a), (_, b) in zip(got, want, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("weights", _WEIGHTS)
@pytest.mark.parametrize("block", [1, 4, 7, 256])
def test_similarity_blocks_are_the_whole_rows(
    demo: sg.SkillGraph, weights: object, block: int
) -> None:
    # the blocks mirror the columns before their first row from the blocks above: the
    # same numbers as computing every row whole
    for g in (demo, _patchy()):
        parts = index(g).parts
        with threadpool_limits(limits=1, user_api="blas"):
            got = list(parts.similarity_blocks(block, weights))  # type: ignore[arg-type]
            want = _rows_block_by_block(parts, block, weights)  # type: ignore[arg-type]
        _assert_same_blocks(got, want)


def _unit_csr(dense: Block) -> object:
    import scipy.sparse as sp

    norms = np.linalg.norm(dense, axis=1)
    return sp.csr_matrix(dense / np.where(norms > 0, norms, 1.0)[:, None])


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 30),
    block=st.integers(1, 12),
    data=st.data(),
)
def test_similarity_blocks_of_random_sparse_profiles(
    n: int, block: int, data: st.DataObject
) -> None:
    # sparse components only: their products are symmetric by construction (the same
    # terms summed in the same order both ways), on any BLAS
    cell = st.sampled_from([0.0, 0.0, 0.0, 0.1, 0.37, 1.0, 2.5])
    names = data.draw(
        st.lists(st.sampled_from(["skills", "text", "tools"]), min_size=1, unique=True)
    )
    profiles = {
        name: _unit_csr(
            data.draw(hnp.arrays(np.float64, (n, data.draw(st.integers(1, 9))), elements=cell))
        )
        for name in names
    }
    parts = Profiles(profiles, n)  # type: ignore[arg-type]
    _assert_same_blocks(
        list(parts.similarity_blocks(block)), _rows_block_by_block(parts, block, None)
    )


def test_similarity_blocks_over_the_budget_are_computed_whole(
    demo: sg.SkillGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = index(demo).parts
    mirrored = list(parts.similarity_blocks(2))
    monkeypatch.setattr(_profiles, "HELD_BUDGET", 0)
    asked = _counting_rows(monkeypatch)
    whole = list(parts.similarity_blocks(2))
    assert asked == list(range(0, parts.n_roles, 2))  # every block once, whole
    _assert_same_blocks(whole, mirrored)
    _assert_same_blocks(whole, _rows_block_by_block(parts, 2, None))


def test_similarity_blocks_mirror_sparse_profiles(monkeypatch: pytest.MonkeyPatch) -> None:
    # no dense component: each block computes its own columns on only
    g = _patchy()
    parts = index(g).parts
    weights = {"latent": 0.0, "ratings": 0.0}
    real = Profiles._rows_from
    asked: list[tuple[int, int]] = []

    def counted(self: Profiles, rows: npt.NDArray[np.int64], lo: int, w: object) -> object:
        asked.append((int(rows[0]), lo))
        return real(self, rows, lo, w)  # type: ignore[arg-type]

    monkeypatch.setattr(Profiles, "_rows_from", counted)
    got = list(parts.similarity_blocks(5, weights))
    assert asked == [(lo, lo) for lo in range(0, parts.n_roles, 5)]
    _assert_same_blocks(got, _rows_block_by_block(parts, 5, weights))
