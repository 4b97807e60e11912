"""The product of two sparse matrices as a dense array, without scipy's counting pass.

``(a @ b).toarray()`` makes scipy count the result's entries (a pass as costly as the
product), multiply into a sparse result, then spread it into a dense array. The role x role
similarity blocks are nearly dense, so `dense_product` gives the multiplication a dense
bound for the result instead: scipy's own kernel (``csr_matmat``), the same sums in the
same order, hence the very same numbers. Where that kernel does not take these arguments
(another scipy), the product is left to scipy's public route.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    import scipy.sparse as sp

__all__ = ["dense_product"]

_INT32_LIMIT = 2**31 - 1

#: most bytes of scratch the direct route may take (12 a cell: an index and a value); a
#: larger product takes the public route, whose scratch follows its non-zeros instead
SCRATCH_BUDGET = 256 * 2**20


def dense_product(a: sp.csr_matrix, b: sp.csr_matrix) -> npt.NDArray[np.float64]:
    """``(a @ b).toarray()`` for CSR matrices of float64 (``a`` rows x ``b`` columns).

    The same numbers either way; the direct route needs 12 bytes of scratch a cell of the
    result, so a product beyond `SCRATCH_BUDGET` takes the public one.

    Raises:
        ValueError: the shapes do not match (scipy's error).
    """
    m, n = a.shape[0], b.shape[1]
    if (
        a.dtype == np.float64
        and b.dtype == np.float64
        and a.shape[1] == b.shape[0]
        and m * n < _INT32_LIMIT
        and 12 * m * n <= SCRATCH_BUDGET
        and max(a.nnz, b.nnz) < _INT32_LIMIT
    ):
        try:
            return _direct(a, b, m, n)
        except (ImportError, AttributeError, TypeError, ValueError):
            pass
    out: npt.NDArray[np.float64] = np.asarray((a @ b).toarray(), dtype=np.float64)
    return out


def _direct(a: Any, b: Any, m: int, n: int) -> npt.NDArray[np.float64]:
    """Scipy's kernels called with a result as large as dense.

    Raises:
        ImportError, AttributeError, TypeError, ValueError: the kernels are not there or
            do not take these arguments.
    """
    from scipy.sparse import _sparsetools

    i32 = np.int32
    indptr = np.empty(m + 1, dtype=i32)
    indices = np.empty(m * n, dtype=i32)
    data = np.empty(m * n, dtype=np.float64)
    _sparsetools.csr_matmat(
        m,
        n,
        np.asarray(a.indptr, dtype=i32),
        np.asarray(a.indices, dtype=i32),
        a.data,
        np.asarray(b.indptr, dtype=i32),
        np.asarray(b.indices, dtype=i32),
        b.data,
        indptr,
        indices,
        data,
    )
    out = np.zeros((m, n))
    nnz = int(indptr[-1])
    _sparsetools.csr_todense(m, n, indptr, indices[:nnz], data[:nnz], out)
    return out
