"""The latent (LSA) role profile: a sparse profile projected on its top singular vectors.

numpy only (no ``scipy.linalg``, which loads a BLAS of its own): the products with the sparse
profile run in float32 (half the memory traffic; a cosine moves by well under 1e-6), and
the small symmetric eigenproblems (width x width Gram matrices) in float64 with
``np.linalg.eigh``. The caller caps BLAS threads (``threadpoolctl``): a threaded
eigensolver spins for seconds on a busy machine.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

__all__ = ["LATENT_DIM", "LATENT_OVERSAMPLE", "LATENT_POWER_ITERATIONS", "LATENT_SEED", "latent"]

FloatArray = npt.NDArray[np.float64]
Float32Array = npt.NDArray[np.float32]

LATENT_DIM = 200
"""Rank of the latent (LSA) role profile."""
LATENT_SEED = 0
"""Seed of the randomized SVD."""
LATENT_POWER_ITERATIONS = 2
"""Power iterations of the randomized SVD."""
LATENT_OVERSAMPLE = 20
"""Extra random directions of the randomized SVD beyond ``LATENT_DIM``."""


def latent(z_m: sp.csr_matrix, dim: int, seed: int) -> FloatArray:
    """Unit-length rows of ``z_m`` projected on its top ``dim`` singular vectors.

    Randomized SVD (Halko et al., ``LATENT_POWER_ITERATIONS`` power iterations, seeded);
    with ``dim`` at or above the matrix rank the projection is exact. Zero rows stay zero.
    Deterministic: the same matrix and seed give the same rows.
    """
    n, m = z_m.shape
    full = min(n, m)
    if full == 0:
        return np.zeros((n, 0))
    if dim >= full:
        if n <= m:
            gram = np.asarray((z_m @ z_m.T).toarray(), dtype=np.float64)
            evals, vecs = _eigh(gram)
            lat = vecs * np.sqrt(np.clip(evals, 0.0, None))
        else:
            lat = z_m.toarray()
        return _unit_rows(lat)
    z = sp.csr_matrix(z_m, dtype=np.float32)
    zt = sp.csr_matrix(z.T)  # row-wise products both ways: csr, not the csc transpose
    rng = np.random.default_rng(seed)
    start = rng.standard_normal((m, min(full, dim + LATENT_OVERSAMPLE)))
    y = _product(z, start.astype(np.float32))
    for _ in range(LATENT_POWER_ITERATIONS):
        y = _product(z, _product(zt, _orthonormal(y)))
    q = _orthonormal(y)
    # the Gram matrix of z.T @ q (m x width) as q.T @ z @ (z.T @ q): width x width products
    # over the roles instead of over the m features
    zzq = _product(z, _product(zt, q)).astype(np.float64)
    small = q.astype(np.float64).T @ zzq
    evals, vecs = _eigh((small + small.T) / 2.0)
    top = np.argsort(-evals, kind="stable")[:dim]
    lat = q.astype(np.float64) @ (vecs[:, top] * np.sqrt(np.clip(evals[top], 0.0, None)))
    return _unit_rows(lat)


def _product(a: sp.csr_matrix, b: Float32Array) -> Float32Array:
    """``a @ b`` for a float32 CSR matrix and a dense float32 matrix."""
    out: Float32Array = np.asarray(a @ b, dtype=np.float32)
    return out


def _unit_rows(lat: npt.NDArray[Any]) -> FloatArray:
    norms = np.linalg.norm(lat, axis=1)
    out: FloatArray = lat / np.where(norms > 0, norms, 1.0)[:, None]
    return out


def _eigh(a: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Eigenvalues (ascending) and eigenvectors of the symmetric matrix ``a`` (numpy's
    LAPACK, float64)."""
    evals, vecs = np.linalg.eigh(np.asarray(a, dtype=np.float64))
    return np.asarray(evals, dtype=np.float64), np.asarray(vecs, dtype=np.float64)


def _orthonormal(y: Float32Array) -> Float32Array:
    """An orthonormal basis of the columns of ``y`` (via the eigenvectors of ``y.T @ y``,
    in float64), as float32; near-null directions are dropped.

    Cheaper than a QR factorisation here.
    """
    y64 = y.astype(np.float64)
    evals, vecs = _eigh(y64.T @ y64)
    keep = evals > evals.max(initial=0.0) * 1e-12
    out: Float32Array = ((y64 @ vecs[:, keep]) / np.sqrt(evals[keep])).astype(np.float32)
    return out
