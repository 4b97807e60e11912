"""Tests for skillgraph.analysis._latent: the LSA role profile (numpy only, float32 products)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgraph.analysis._latent import latent


def _matrix(seed: int, n: int = 120, m: int = 300, density: float = 0.05) -> sp.csr_matrix:
    rng = np.random.default_rng(seed)
    z = sp.random(n, m, density=density, random_state=rng, format="csr")
    z.data = np.abs(z.data)
    return sp.csr_matrix(z)


def _exact(z: sp.csr_matrix, dim: int) -> np.ndarray:
    """Unit rows of ``z`` projected on its top ``dim`` singular vectors, by a full SVD."""
    u, s, _ = np.linalg.svd(z.toarray(), full_matrices=False)
    lat = u[:, :dim] * s[:dim]
    norms = np.linalg.norm(lat, axis=1)
    return lat / np.where(norms > 0, norms, 1.0)[:, None]


def test_same_matrix_and_seed_give_the_same_rows() -> None:
    z = _matrix(1)
    a, b = latent(z, 40, 0), latent(z.copy(), 40, 0)
    assert a.tobytes() == b.tobytes()


def test_rows_are_unit_or_zero() -> None:
    z = _matrix(2).tolil()
    z[5, :] = 0
    lat = latent(sp.csr_matrix(z), 30, 0)
    norms = np.linalg.norm(lat, axis=1)
    assert norms[5] == 0
    np.testing.assert_allclose(np.delete(norms, 5), 1.0, atol=1e-6)


def test_full_rank_projection_is_exact() -> None:
    z = _matrix(3, n=40, m=60, density=0.2)
    lat = latent(z, 60, 0)  # dim >= rank: the Gram matrix route
    want = _exact(z, 40)
    np.testing.assert_allclose(lat @ lat.T, want @ want.T, atol=1e-9)


def test_randomized_projection_is_close_to_the_truncated_svd() -> None:
    # a matrix of rank 25 plus little noise: the top 25 directions are well separated
    rng = np.random.default_rng(4)
    low = np.abs(rng.standard_normal((150, 25))) @ np.abs(rng.standard_normal((25, 400)))
    z = sp.csr_matrix(low + 1e-3 * rng.random((150, 400)))
    lat = latent(z, 25, 0)
    want = _exact(z, 25)
    np.testing.assert_allclose(lat @ lat.T, want @ want.T, atol=1e-4)


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 30))
def test_cosines_are_in_range_and_deterministic(seed: int, dim: int) -> None:
    z = _matrix(seed, n=50, m=80, density=0.1)
    lat = latent(z, dim, seed)
    cos = lat @ lat.T
    assert np.all(np.abs(cos) <= 1.0 + 1e-6)
    assert latent(z, dim, seed).tobytes() == lat.tobytes()


def test_needs_no_scipy_linalg() -> None:
    """scipy.linalg loads its own BLAS, which the build's thread cap would not cover."""
    code = (
        "import sys, numpy as np, scipy.sparse as sp\n"
        "from skillgraph.analysis._latent import latent\n"
        "z = sp.random(60, 90, density=0.1, random_state=0, format='csr')\n"
        "latent(z, 10, 0); latent(z, 90, 0)\n"
        "print('scipy.linalg' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
