"""A CSR matrix as its three numpy arrays: what the queries that need no scipy read.

Loading scipy.sparse costs about as much as numpy itself; the snapshot of an index holds
plain arrays, so a warm query that only reads rows and multiplies by a vector runs on
`Csr` and never imports scipy. `Csr.matrix` gives scipy's matrix (made once, on demand)
for the analyses that need more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ..errors import InvalidValueError

if TYPE_CHECKING:
    import scipy.sparse as sp

__all__ = ["Csr", "ranges"]

#: a product reads only the entries of the non-zero columns of its vector when fewer than
#: one column in this many is non-zero
_SPARSE_SHARE = 8


class Csr:
    """A compressed-sparse-row matrix: ``data``, ``indices``, ``indptr`` and ``shape``.

    Built from a scipy CSR matrix (kept, so `matrix` returns that very object) or from the
    arrays of one; never copies them.
    """

    __slots__ = (
        "_columns",
        "_dots",
        "_entries",
        "_matrix",
        "_rows",
        "data",
        "indices",
        "indptr",
        "shape",
    )

    def __init__(
        self,
        data: npt.NDArray[Any],
        indices: npt.NDArray[Any],
        indptr: npt.NDArray[Any],
        shape: tuple[int, int],
        matrix: sp.csr_matrix | None = None,
    ) -> None:
        self.data, self.indices, self.indptr, self.shape = data, indices, indptr, shape
        self._matrix = matrix
        self._rows: npt.NDArray[np.intp] | None = None
        self._columns: tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[Any]] | None
        self._columns = None
        #: the entry positions of each column in turn, and their column offsets (made once)
        self._entries: tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]] | None = None
        self._dots = 0

    __hash__ = None  # type: ignore[assignment]  # compared by content: not hashable

    def __eq__(self, other: object) -> bool:
        """Same shape and the same three arrays (dtypes and values)."""
        if not isinstance(other, Csr):
            return NotImplemented
        return self.shape == other.shape and all(
            a.dtype == b.dtype and np.array_equal(a, b)
            for a, b in (
                (self.data, other.data),
                (self.indices, other.indices),
                (self.indptr, other.indptr),
            )
        )

    @classmethod
    def of(cls, m: sp.csr_matrix | Csr) -> Csr:
        """``m`` as a `Csr` (itself if it is one)."""
        if isinstance(m, Csr):
            return m
        return cls(m.data, m.indices, m.indptr, (int(m.shape[0]), int(m.shape[1])), m)

    @classmethod
    def checked(
        cls,
        data: npt.NDArray[Any],
        indices: npt.NDArray[Any],
        indptr: npt.NDArray[Any],
        shape: npt.NDArray[Any],
        name: str,
    ) -> Csr:
        """A `Csr` of these arrays (``name``: for the message), checked as scipy checks a
        matrix made of them, so that a bad one is refused here, not at its first use.

        Raises:
            InvalidValueError: the arrays do not make a matrix of ``shape``.
        """
        dims = tuple(int(x) for x in np.asarray(shape).ravel())
        ok = (
            len(dims) == 2
            and min(dims) >= 0
            and data.ndim == indices.ndim == indptr.ndim == 1
            and indices.dtype.kind in "iu"
            and indptr.dtype.kind in "iu"
            and data.dtype.kind in "biuf"
            and len(indptr) == dims[0] + 1
            and len(data) == len(indices)
        )
        if ok:
            ok = int(indptr[0]) == 0 and int(indptr[-1]) == len(indices)
            ok = ok and bool(np.all(np.diff(indptr) >= 0))
        if ok and len(indices):
            ok = int(indices.min()) >= 0 and int(indices.max()) < dims[1]
        if not ok:
            raise InvalidValueError(f"index state array {name!r} is not a valid matrix", field=name)
        return cls(data, indices, indptr, (dims[0], dims[1]))

    def matrix(self) -> sp.csr_matrix:
        """The scipy CSR matrix of these arrays (made on first use, then kept).

        Raises:
            ValueError: the arrays do not make a valid matrix of ``shape``.
        """
        if self._matrix is None:
            import scipy.sparse as sp

            self._matrix = sp.csr_matrix((self.data, self.indices, self.indptr), shape=self.shape)
        return self._matrix

    def nonempty_rows(self) -> npt.NDArray[np.bool_]:
        """Per row: whether it holds a stored entry."""
        out: npt.NDArray[np.bool_] = np.diff(self.indptr) > 0
        return out

    def dot(self, v: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """The product with the dense vector ``v`` (one value per column), in float64.

        Each row's products are summed in the order its entries are stored. From the second
        product on, a ``v`` with few non-zero values reads only the entries of those columns
        (the same sums: a zero of ``v`` adds nothing to a finite row).
        """
        self._dots += 1
        if self._dots > 1:
            nonzero = np.flatnonzero(v)
            if _SPARSE_SHARE * len(nonzero) < self.shape[1]:
                at = self._entries_of_columns(nonzero)
                products = self.data[at] * v[self.indices[at]]
                rows = self._row_of_entries()[at]
                out = np.bincount(rows, weights=products, minlength=self.shape[0])
                return out.astype(np.float64, copy=False)
        products = self.data * v[self.indices]
        out = np.bincount(self._row_of_entries(), weights=products, minlength=self.shape[0])
        return out.astype(np.float64, copy=False)

    def _entries_of_columns(self, columns: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
        """The positions of the entries in ``columns``, in stored order."""
        order, starts = self._column_order()
        first, lengths = starts[columns], starts[columns + 1] - starts[columns]
        shift = np.repeat(first - (np.cumsum(lengths) - lengths), lengths)
        at = order[shift + np.arange(int(lengths.sum()), dtype=np.intp)]
        at.sort()
        return at

    def rows(self, rows: npt.NDArray[np.integer[Any]]) -> Csr:
        """The matrix of the rows at positions ``rows`` (non-negative), in that order (as
        ``m[rows]``).

        Raises:
            IndexError: a position is out of range.
        """
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) and not (
            int(rows.min()) >= -self.shape[0] and int(rows.max()) < self.shape[0]
        ):
            raise IndexError("row index out of range")
        rows = np.where(rows < 0, rows + self.shape[0], rows)
        starts = self.indptr[rows].astype(np.int64)
        lens = self.indptr[rows + 1].astype(np.int64) - starts
        indptr = np.zeros(len(rows) + 1, dtype=self.indptr.dtype)
        np.cumsum(lens, out=indptr[1:])
        at = ranges(starts, starts + lens)
        return Csr(self.data[at], self.indices[at], indptr, (len(rows), self.shape[1]))

    def row_products(self, r: int) -> npt.NDArray[np.float64]:
        """The product of every row with row ``r`` (float64; for unit rows, the cosines).

        Each row's products are summed in the order of row ``r``'s stored columns, as
        scipy sums the product of the transposed rows of those columns with their values.
        """
        lo, hi = int(self.indptr[r]), int(self.indptr[r + 1])
        cols, vals = self.indices[lo:hi], self.data[lo:hi]
        if self.data.dtype != np.float64:  # summed in the stored type, as scipy's product is
            v = np.zeros(self.shape[1], dtype=self.data.dtype)
            v[cols] = vals
            return np.asarray(self.matrix() @ v, dtype=np.float64)
        starts, rows, data = self._by_column()
        first, lengths = starts[cols], starts[cols + 1] - starts[cols]
        total = int(lengths.sum())
        # the positions of the entries of each column in turn, in one array
        shift = np.repeat(first - (np.cumsum(lengths) - lengths), lengths)
        at = shift + np.arange(total, dtype=np.intp)
        weights = data[at] * np.repeat(vals, lengths)
        out = np.bincount(rows[at], weights=weights, minlength=self.shape[0])
        return out.astype(np.float64, copy=False)

    def _row_of_entries(self) -> npt.NDArray[np.intp]:
        """The row of every stored entry (made once)."""
        if self._rows is None:
            counts = np.diff(self.indptr)
            self._rows = np.repeat(np.arange(self.shape[0], dtype=np.intp), counts)
        return self._rows

    def _by_column(self) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[Any]]:
        """The transpose as column offsets, rows and values, each column in row order
        (made once)."""
        if self._columns is None:
            order, starts = self._column_order()
            self._columns = (starts, self._row_of_entries()[order], self.data[order])
        return self._columns

    def _column_order(self) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
        """The entry positions of each column in turn (in row order), and each column's
        offset into them (made once)."""
        if self._entries is None:
            order = np.argsort(self.indices, kind="stable").astype(np.intp, copy=False)
            counts = np.bincount(self.indices, minlength=self.shape[1])
            starts = np.zeros(self.shape[1] + 1, dtype=np.intp)
            np.cumsum(counts, out=starts[1:])
            self._entries = (order, starts)
        return self._entries


def ranges(lo: npt.NDArray[np.int64], hi: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """The ranges ``lo[i]..hi[i]`` (end excluded) one after another: the entry positions of
    several rows of a CSR matrix, given their ``indptr`` bounds."""
    n = hi - lo
    out: npt.NDArray[np.int64] = np.repeat(lo - (np.cumsum(n) - n), n) + np.arange(
        int(n.sum()), dtype=np.int64
    )
    return out
