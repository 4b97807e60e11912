"""Tests for skillgraph.analysis._csr: the numpy-only CSR arrays of the analysis index."""

from __future__ import annotations

import json

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.analysis._csr import Csr


@st.composite
def matrices(draw: st.DrawFn) -> sp.csr_matrix:
    rows = draw(st.integers(1, 6))
    cols = draw(st.integers(1, 6))
    values = st.floats(-4, 4, allow_nan=False).filter(lambda x: x != 0)
    cells = draw(st.lists(st.tuples(st.integers(0, rows - 1), st.integers(0, cols - 1), values)))
    found = {(r, c): v for r, c, v in cells}
    if not found:
        return sp.csr_matrix((rows, cols))
    r, c, v = zip(*((r, c, v) for (r, c), v in found.items()), strict=True)
    m = sp.csr_matrix((v, (r, c)), shape=(rows, cols))
    m.sort_indices()
    return m


@settings(max_examples=60, deadline=None)
@given(matrices())
def test_row_products_equal_scipy_bit_for_bit(m: sp.csr_matrix) -> None:
    csr = Csr.of(m)
    transposed = sp.csr_matrix(m.T)
    transposed.sort_indices()
    for r in range(m.shape[0]):
        lo, hi = m.indptr[r], m.indptr[r + 1]
        if lo == hi:
            continue
        want = np.asarray(transposed[m.indices[lo:hi]].T @ m.data[lo:hi], dtype=np.float64)
        got = csr.row_products(r)
        assert got.dtype == np.float64
        assert np.array_equal(got, want)


@settings(max_examples=80, deadline=None)
@given(
    matrices(),
    st.lists(st.floats(-4, 4, allow_nan=False), min_size=6, max_size=6),
    st.lists(st.integers(0, 5), max_size=2),
    st.booleans(),
)
def test_dot_of_a_sparse_vector_reads_its_columns_only_with_the_same_sums(
    m: sp.csr_matrix, values: list[float], nonzero: list[int], shuffled: bool
) -> None:
    cols = m.shape[1]
    v = np.zeros(cols)
    for c in nonzero:
        v[c % cols] = values[c]
    if shuffled:  # entries of a row not in column order: still summed in stored order
        m = sp.csr_matrix(m)
        for r in range(m.shape[0]):
            lo, hi = m.indptr[r], m.indptr[r + 1]
            m.indices[lo:hi] = m.indices[lo:hi][::-1].copy()
            m.data[lo:hi] = m.data[lo:hi][::-1].copy()
    # 40 more empty columns, so that few columns of v are non-zero
    csr = Csr(m.data, m.indices, m.indptr, (m.shape[0], cols + 40))
    v_wide = np.concatenate([v, np.zeros(40)])
    full = csr.dot(v_wide)  # the first product reads every entry
    sparse = csr.dot(v_wide)  # later ones only the columns where v is non-zero
    want = np.bincount(
        np.repeat(np.arange(m.shape[0]), np.diff(m.indptr)),
        weights=m.data * v_wide[m.indices],
        minlength=m.shape[0],
    )
    assert sparse.dtype == np.float64
    assert np.array_equal(full, want)
    assert np.array_equal(sparse, want)
    assert np.array_equal(np.signbit(sparse), np.signbit(want))


def test_matrix_is_made_once_and_kept() -> None:
    m = sp.csr_matrix(np.asarray([[1.0, 0.0], [0.0, 2.0]]))
    assert Csr.of(m).matrix() is m
    made = Csr(m.data, m.indices, m.indptr, (2, 2))
    assert made.matrix() is made.matrix()
    assert (made.matrix() != m).nnz == 0
    assert made.nonempty_rows().tolist() == [True, True]


@pytest.mark.parametrize(
    ("change", "value"),
    [
        ("indptr", np.asarray([0, 1, 5])),  # last offset beyond the entries
        ("indptr", np.asarray([0, 2, 1])),  # decreasing
        ("indices", np.asarray([0, 7])),  # a column outside the shape
        ("indices", np.asarray([0.0, 1.0])),  # not integers
        ("shape", np.asarray([3, 2])),  # one row too many for indptr
    ],
)
def test_checked_refuses_arrays_that_make_no_matrix(change: str, value: np.ndarray) -> None:
    arrays = {
        "data": np.asarray([1.0, 2.0]),
        "indices": np.asarray([0, 1], dtype=np.int32),
        "indptr": np.asarray([0, 1, 2], dtype=np.int32),
        "shape": np.asarray([2, 2]),
    }
    Csr.checked(arrays["data"], arrays["indices"], arrays["indptr"], arrays["shape"], "W")
    arrays[change] = value
    with pytest.raises(sg.InvalidValueError, match="'W' is not a valid matrix"):
        Csr.checked(arrays["data"], arrays["indices"], arrays["indptr"], arrays["shape"], "W")


def test_index_state_with_a_broken_matrix_is_refused_when_loaded(demo: sg.SkillGraph) -> None:
    from skillgraph.analysis._index import Index, index

    arrays, meta = index(demo).to_state()
    broken = dict(arrays, **{"B.indices": arrays["B.indices"] + 10_000})
    with pytest.raises(sg.InvalidValueError, match="'B' is not a valid matrix"):
        Index.from_state(broken, json.loads(json.dumps(meta)))


def test_profiles_view_is_made_once(demo: sg.SkillGraph) -> None:
    from skillgraph.analysis._index import index

    ix = index(demo)
    assert ix.profiles is ix.profiles


def test_loaded_index_answers_without_scipy_matrices(demo: sg.SkillGraph) -> None:
    """A loaded index makes no scipy matrix for similar roles or gaps; later uses get the
    same matrices as the built index."""
    from skillgraph.analysis._index import Index, Profiles, index

    ix = index(demo)
    arrays, meta = ix.to_state()
    back = Index.from_state(arrays, json.loads(json.dumps(meta)))
    p_arrays, p_meta = ix.parts.to_state()
    back.attach(Profiles.from_state(p_arrays, json.loads(json.dumps(p_meta))))
    for r in range(back.n_roles):
        assert np.array_equal(back.similarities(r), ix.similarities(r))
    assert all(m._matrix is None for m in back._csr.values())
    for name in ("W", "E", "B", "BT"):
        assert (getattr(back, name) != getattr(ix, name)).nnz == 0
    assert back.profiles.keys() == ix.profiles.keys()
