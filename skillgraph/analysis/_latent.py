"""The latent (LSA) role profile: a sparse profile projected on its top singular vectors."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

__all__ = ["LATENT_DIM", "LATENT_POWER_ITERATIONS", "LATENT_SEED", "latent"]

FloatArray = npt.NDArray[np.float64]

LATENT_DIM = 200
"""Rank of the latent (LSA) role profile."""
LATENT_SEED = 0
"""Seed of the randomized SVD."""
LATENT_POWER_ITERATIONS = 2
"""Power iterations of the randomized SVD."""


def latent(z_m: sp.csr_matrix, dim: int, seed: int) -> FloatArray:
    """Unit-length rows of ``z_m`` projected on its top ``dim`` singular vectors.

    Randomized SVD (Halko et al., ``LATENT_POWER_ITERATIONS`` power iterations, seeded);
    with ``dim`` at or above the matrix rank the projection is exact. Zero rows stay zero.
    """
    n, m = z_m.shape
    full = min(n, m)
    if full == 0:
        return np.zeros((n, 0))
    if dim >= full:
        gram = np.asarray((z_m @ z_m.T).toarray()) if n <= m else None
        if gram is not None:
            evals, vecs = _eigh(gram)
            lat = vecs * np.sqrt(np.clip(evals, 0.0, None))
        else:
            lat = z_m.toarray()
    else:
        rng = np.random.default_rng(seed)
        y = z_m @ rng.standard_normal((m, min(full, dim + 20)))
        for _ in range(LATENT_POWER_ITERATIONS):
            y = z_m @ (z_m.T @ _orthonormal(y))
        q = _orthonormal(y)
        small = np.asarray(z_m.T @ q)  # m x width
        evals, vecs = _eigh(small.T @ small)
        top = np.argsort(-evals, kind="stable")[:dim]
        lat = q @ (vecs[:, top] * np.sqrt(np.clip(evals[top], 0.0, None)))
    norms = np.linalg.norm(lat, axis=1)
    out: FloatArray = lat / np.where(norms > 0, norms, 1.0)[:, None]
    return out


def _eigh(a: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Eigenvalues (ascending) and eigenvectors of the symmetric matrix ``a``.

    LAPACK's plain ``syev`` driver: on small matrices numpy's default (``syevd``) stalls for
    up to a second in threaded OpenBLAS on a busy machine; ``syev`` takes milliseconds.
    """
    import scipy.linalg

    evals, vecs = scipy.linalg.eigh(a, driver="ev")
    return np.asarray(evals, dtype=np.float64), np.asarray(vecs, dtype=np.float64)


def _orthonormal(y: FloatArray) -> FloatArray:
    """An orthonormal basis of the columns of ``y`` (via the eigenvectors of ``y.T @ y``).

    Cheaper than a QR factorisation here; near-null directions are dropped.
    """
    evals, vecs = _eigh(y.T @ y)
    keep = evals > evals.max(initial=0.0) * 1e-12
    out: FloatArray = (y @ vecs[:, keep]) / np.sqrt(evals[keep])
    return out
