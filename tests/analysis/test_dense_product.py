"""skillgraph.analysis._dense_product gives scipy's product to the last bit."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from skillgraph.analysis import _dense_product
from skillgraph.analysis._dense_product import dense_product


def _pairs() -> list[tuple[sp.csr_matrix, sp.csr_matrix]]:
    rng = np.random.default_rng(11)
    out = []
    for m, k, n, density in [(7, 30, 9, 0.2), (256, 400, 300, 0.05), (40, 50, 60, 0.9)]:
        a = sp.random(m, k, density=density, format="csr", random_state=rng)
        b = sp.random(k, n, density=density, format="csr", random_state=rng)
        out.append((a, b))
    # signs that cancel to exactly 0, empty rows and columns, unsorted indices
    a = sp.csr_matrix(np.array([[1.0, -1.0, 0.0], [0.0, 0.0, 0.0], [0.5, 0.5, 2.0]]))
    b = sp.csr_matrix(np.array([[1.0, 3.0], [1.0, 0.0], [0.0, 0.0]]))
    out.append((a, b))
    c = sp.csr_matrix(
        (np.array([2.0, 1.0, 3.0]), np.array([2, 0, 1]), np.array([0, 2, 3])), shape=(2, 3)
    )
    out.append((c, sp.csr_matrix(np.arange(12.0).reshape(3, 4))))
    out.append((sp.csr_matrix((0, 5)), sp.csr_matrix((5, 4))))
    return out


@pytest.mark.parametrize("pair", range(len(_pairs())))
def test_same_numbers_as_scipy(pair: int) -> None:
    a, b = _pairs()[pair]
    want = (a @ b).toarray()
    got = dense_product(a, b)
    assert got.dtype == np.float64 and got.shape == want.shape
    np.testing.assert_array_equal(got, want)
    # the direct kernels run on this scipy (a fallback would hide a slowdown)
    np.testing.assert_array_equal(_dense_product._direct(a, b, *want.shape), want)


def test_other_dtypes_take_the_public_route(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*args: object) -> None:
        raise AssertionError("the direct kernels take float64 only")

    monkeypatch.setattr(_dense_product, "_direct", never)
    a = sp.random(5, 6, density=0.5, format="csr", random_state=1, dtype=np.float32)
    np.testing.assert_array_equal(dense_product(a, a.T.tocsr()), (a @ a.T).toarray())


def test_kernels_that_refuse_fall_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise TypeError("another signature")

    monkeypatch.setattr(_dense_product, "_direct", refuse)
    a, b = _pairs()[0]
    np.testing.assert_array_equal(dense_product(a, b), (a @ b).toarray())


def test_a_product_beyond_the_scratch_budget_takes_the_public_route(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The direct route's scratch is 12 bytes a cell whatever the fill (a review finding:
    a caller's large block could ask for gigabytes)."""

    def never(*args: object) -> None:
        raise AssertionError("over the budget: the public route")

    a, b = _pairs()[1]
    monkeypatch.setattr(_dense_product, "SCRATCH_BUDGET", 12 * a.shape[0] * b.shape[1] - 1)
    monkeypatch.setattr(_dense_product, "_direct", never)
    np.testing.assert_array_equal(dense_product(a, b), (a @ b).toarray())
