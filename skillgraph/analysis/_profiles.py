"""The similarity part of the analysis index: per component, a unit-row role profile.

Only the queries that compare roles (similar roles, moves, families, reskill) read it; a
gap, a transition cost or a skill path needs the core alone (``analysis._core``), so the
profiles are built on their own, once per graph version (``analysis._index.index``), and
stored in the snapshot as their own part. How they are made: ``analysis._build``.

``score(r, o) = sum_c w_c cos_c(r, o) / sum_c w_c [r and o both have component c]``: a
component a role has no data for drops out of the denominator.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
import numpy.typing as npt

from ..errors import InvalidValueError
from ._csr import Csr
from ._dense_product import dense_product
from ._select import COMPONENTS, DEFAULT_WEIGHTS, nearest_of, top_k

if TYPE_CHECKING:
    import scipy.sparse as sp

__all__ = ["HELD_BUDGET", "NOISE", "PROFILES_FORMAT_VERSION", "Profile", "Profiles"]

PROFILES_FORMAT_VERSION = 2
"""Version of the layout ``Profiles.to_state`` writes; bumped whenever it changes."""

NOISE = 1e-9
"""Cosines below this count as 0 (the latent products leave rounding noise on unrelated
roles)."""
HELD_BUDGET = 128 * 2**20
"""Bytes of mirrored similarity blocks ``Profiles.similarity_blocks`` may hold (float64,
about roles² / 4 of them); a graph with more roles computes every block whole."""

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Profile: TypeAlias = "sp.csr_matrix | npt.NDArray[np.floating[Any]]"
_Stored: TypeAlias = "Csr | npt.NDArray[np.floating[Any]]"


class Profiles:
    """Per component, a role x feature unit-row profile (sparse CSR arrays or dense), and
    the similarity queries on them.

    ``has[c]`` marks the roles with a non-zero profile in component ``c``. The sparse
    profiles are kept as their arrays and made scipy matrices on first use: a similarity of
    one role to every role never imports scipy.
    """

    def __init__(self, profiles: Mapping[str, Profile | Csr], n_roles: int) -> None:
        self.n_roles = n_roles
        self._profiles: dict[str, _Stored] = {
            name: m if isinstance(m, np.ndarray) else Csr.of(m) for name, m in profiles.items()
        }
        #: per component: which roles have a non-zero profile
        self.has: dict[str, npt.NDArray[np.bool_]] = {}
        for name, m in self._profiles.items():
            if isinstance(m, Csr):
                self.has[name] = m.nonempty_rows()
            else:
                self.has[name] = np.abs(m).sum(axis=1) > 0
        self._transposed: dict[str, sp.csr_matrix] = {}
        self._scipy_profiles: dict[str, Profile] | None = None
        self._knn: dict[int, tuple[int, IntArray, FloatArray]] = {}

    @property
    def matrices(self) -> dict[str, Profile]:
        """Per component: role x feature unit-row profile (scipy CSR or dense; made once)."""
        if self._scipy_profiles is None:
            self._scipy_profiles = {
                name: m.matrix() if isinstance(m, Csr) else m for name, m in self._profiles.items()
            }
        return self._scipy_profiles

    def transposed(self, name: str) -> sp.csr_matrix:
        """The feature x role transpose of the sparse profile ``name`` (made on first use).

        Raises:
            KeyError: no profile ``name``.
            TypeError: the profile ``name`` is dense.
        """
        import scipy.sparse as sp

        found = self._transposed.get(name)
        if found is None:
            stored = self._profiles[name]
            if not isinstance(stored, Csr):
                raise TypeError(f"profile {name!r} is dense")
            found = sp.csr_matrix(stored.matrix().T)
            found.sort_indices()
            self._transposed[name] = found
        return found

    def component_scores(self, r: int) -> dict[str, FloatArray]:
        """Per component role ``r`` has data for: its cosine with every role (itself included).

        Components ``r`` has no profile in are left out.
        """
        out: dict[str, FloatArray] = {}
        for name in COMPONENTS:
            m = self._profiles.get(name)
            if m is None or not self.has[name][r]:
                continue
            if isinstance(m, Csr):
                out[name] = m.row_products(r)
            else:
                # einsum, not BLAS: a threaded gemv stalls on a busy machine
                out[name] = np.einsum("ij,j->i", m, m[r]).astype(np.float64)
        return out

    def similarities(self, r: int, weights: Mapping[str, float] | None = None) -> FloatArray:
        """Similarity of role ``r`` to every role (itself included), in [0, 1].

        The weighted mix of component cosines (``weights`` default to ``DEFAULT_WEIGHTS``).
        """
        return self.mix(r, self.component_scores(r), weights)[0]

    def mix(
        self,
        r: int,
        scores: Mapping[str, FloatArray],
        weights: Mapping[str, float] | None = None,
    ) -> tuple[FloatArray, FloatArray]:
        """``(score, denominator)`` per role of the component ``scores`` of role ``r``.

        A component's contribution to role ``o`` is ``w_c x scores[c][o] / denominator[o]``.
        """
        w = DEFAULT_WEIGHTS if weights is None else weights
        num = np.zeros(self.n_roles)
        den = np.zeros(self.n_roles)
        for name, cos in scores.items():
            wc = float(w.get(name, 0.0))
            if wc <= 0:
                continue
            num += wc * _clean(cos)
            den += wc * self.has[name]
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.where(den > 0, num / np.where(den > 0, den, 1.0), 0.0)
        return np.clip(out, 0.0, 1.0), den

    def similarity_rows(
        self, rows: IntArray, weights: Mapping[str, float] | None = None
    ) -> FloatArray:
        """Similarities of several roles to every role at once (``len(rows)`` x roles).

        The same mix as ``similarities``, computed with matrix products (equal up to
        floating-point rounding).
        """
        return self._rows_from(rows, 0, weights)[0]

    def similarity_blocks(
        self, block: int = 256, weights: Mapping[str, float] | None = None
    ) -> Iterator[tuple[int, FloatArray]]:
        """Every role's ``similarity_rows``, in blocks of ``block`` rows: (first position,
        block x roles), each a new array; the very numbers of ``similarity_rows`` of each
        block.

        A block computes its columns from its own first row on and takes those before it
        from the blocks above, held until used: the sparse products sum the same terms in
        the same order either way round, and the dense (BLAS) products are checked to be
        symmetric there (a block where they are not is computed whole). A graph whose held
        blocks would pass `HELD_BUDGET` bytes computes every block whole.
        """
        n = self.n_roles
        starts = list(range(0, n, block))
        dense_bytes = sum(m.itemsize for m in self._profiles.values() if isinstance(m, np.ndarray))
        if n * n * (8 + dense_bytes) // 2 > HELD_BUDGET:
            for lo in starts:
                yield lo, self.similarity_rows(np.arange(lo, min(lo + block, n)), weights)
            return
        #: (row block, later column block): the mix there and the dense products
        held: dict[tuple[int, int], tuple[FloatArray, list[npt.NDArray[Any]]]] = {}
        for b, lo in enumerate(starts):
            rows = np.arange(lo, min(lo + block, n))
            upper, dense = self._rows_from(rows, lo, weights)
            out = np.empty((len(rows), n))
            out[:, lo:] = upper
            above = [(starts[c], held.pop((c, b))) for c in range(b)]
            if all(
                np.array_equal(d[:, c_lo : c_lo + block], mine.T)
                for c_lo, (_, theirs) in above
                for d, mine in zip(dense, theirs, strict=True)
            ):
                for c_lo, (mix, _) in above:
                    out[:, c_lo : c_lo + block] = mix.T
            else:  # this BLAS rounds these products by shape: the block whole
                out[:, :lo] = self._rows_from(rows, 0, weights)[0][:, :lo]
            for c in range(b + 1, len(starts)):
                cols = slice(starts[c], starts[c] + block)
                held[(b, c)] = (out[:, cols].copy(), [d[:, cols].copy() for d in dense])
            yield lo, out

    def _rows_from(
        self, rows: IntArray, lo: int, weights: Mapping[str, float] | None
    ) -> tuple[FloatArray, list[npt.NDArray[Any]]]:
        """``similarity_rows(rows, weights)[:, lo:]``, computing those columns only (the
        same products and sums for each of them), and the whole rows of the products of
        the dense components, as BLAS gave them."""
        w = DEFAULT_WEIGHTS if weights is None else weights
        num = np.zeros((len(rows), self.n_roles - lo))
        used: list[tuple[str, float]] = []
        dense: list[npt.NDArray[Any]] = []
        for name in COMPONENTS:
            m = self._profiles.get(name)
            wc = float(w.get(name, 0.0))
            if m is None or wc <= 0 or not self.has[name].any():
                continue
            if isinstance(m, Csr):
                right = self.transposed(name)
                cos = dense_product(m.matrix()[rows], right[:, lo:] if lo else right)
            else:
                # whole rows, as the BLAS call of every block is shaped, then the columns
                dense.append(m[rows] @ m.T)
                cos = np.array(dense[-1][:, lo:], dtype=np.float64)  # a copy: kept
            # num += wc * _clean(cos), in place and unmasked (a masked ufunc is several
            # times slower): a cosine at or below NOISE becomes a signed zero, which adds
            # nothing to num (never -0.0: it starts at +0.0), so the sums are the same
            keep = cos > NOISE
            np.multiply(cos, wc, out=cos)
            np.multiply(cos, keep, out=cos)
            np.add(num, cos, out=num)
            used.append((name, wc))
        den = self._denominators(rows, used, lo)
        if den.size == 1 and den.item() > 0:  # one pattern (ESCO): one positive sum
            num /= den
            return np.clip(num, 0.0, 1.0, out=num), dense
        out = np.zeros_like(num)
        np.divide(num, den, out=out, where=den > 0)
        return np.clip(out, 0.0, 1.0, out=out), dense

    def _denominators(
        self, rows: IntArray, used: list[tuple[str, float]], lo: int = 0
    ) -> FloatArray:
        """``sum_c w_c [rows and role both have component c]`` per (row, role from ``lo``
        on), for the components and weights ``used``, summed in their order.

        Each role's components form a bit pattern; the sum of a pair depends on the
        patterns both share only, so it is looked up in a table of the shared patterns.
        When every role has the same pattern, the one sum is returned as a 1 x 1 array
        (it broadcasts).
        """
        pattern = np.zeros(self.n_roles, dtype=np.int64)
        for bit, (name, _) in enumerate(used):
            pattern |= self.has[name].astype(np.int64) << bit
        table = np.zeros(1 << len(used))
        for code in range(len(table)):
            total = 0.0
            for bit, (_, wc) in enumerate(used):
                total += wc * bool(code >> bit & 1)
            table[code] = total
        if len(pattern) and (pattern == pattern[0]).all():  # one pattern (ESCO): one sum
            return np.full((1, 1), table[pattern[0]])
        shared = pattern[rows][:, None] & pattern[None, lo:]
        out: FloatArray = table[shared]
        return out

    def all_neighbours(
        self, m: int, weights: Mapping[str, float] | None = None, block: int = 256
    ) -> list[tuple[IntArray, FloatArray]]:
        """The ``m`` nearest roles of every role, as ``neighbours`` gives them.

        Computed in blocks of rows with BLAS on one thread; ``weights`` as in
        ``similarities``.
        """
        from threadpoolctl import threadpool_limits

        out: list[tuple[IntArray, FloatArray]] = []
        with threadpool_limits(limits=1, user_api="blas"):
            for lo, sims in self.similarity_blocks(block, weights):
                out.extend(nearest_of(sims, np.arange(lo, lo + sims.shape[0]), m))
        return out

    def neighbours(self, r: int, m: int) -> tuple[IntArray, FloatArray]:
        """The ``m`` roles most similar to ``r`` (itself excluded, score > 0), best first.

        Memoised per role (for the largest ``m`` asked so far), default weights.
        """
        hit = self._knn.get(r)
        if hit is not None and hit[0] >= m:
            return hit[1][:m], hit[2][:m]
        scores = self.similarities(r)
        scores[r] = -1.0
        best = top_k(scores, m)
        best = best[scores[best] > 0]
        self._knn[r] = (m, best, scores[best])
        return best, scores[best]

    # ------------------------------------------------------------ state
    def to_state(self) -> tuple[dict[str, npt.NDArray[Any]], dict[str, Any]]:
        """The profiles as named numpy arrays and JSON-serialisable metadata.

        ``Profiles.from_state(*p.to_state())`` rebuilds equal profiles; the metadata holds
        ``format`` = ``PROFILES_FORMAT_VERSION`` and the number of roles.
        """
        arrays: dict[str, npt.NDArray[Any]] = {}
        sparse: list[str] = []
        dense: list[str] = []
        for name, m in self._profiles.items():
            if isinstance(m, Csr):
                arrays[f"profile.{name}.data"] = m.data
                arrays[f"profile.{name}.indices"] = m.indices
                arrays[f"profile.{name}.indptr"] = m.indptr
                arrays[f"profile.{name}.shape"] = np.asarray(m.shape, dtype=np.int64)
                sparse.append(name)
            else:
                arrays[f"profile.{name}"] = m
                dense.append(name)
        meta: dict[str, Any] = {
            "format": PROFILES_FORMAT_VERSION,
            "n_roles": self.n_roles,
            "sparse_profiles": sparse,
            "dense_profiles": dense,
        }
        return arrays, meta

    @classmethod
    def from_state(
        cls,
        arrays: Mapping[str, npt.NDArray[Any]],
        meta: Mapping[str, Any],
        *,
        n_roles: int | None = None,
    ) -> Profiles:
        """The profiles ``to_state`` described; with ``n_roles``, checked to have that many
        roles.

        Raises:
            InvalidValueError: ``meta`` has another format version, an array is missing or
                malformed, or a profile has another number of rows.
        """
        if meta.get("format") != PROFILES_FORMAT_VERSION:
            raise InvalidValueError(
                f"profiles state has format {meta.get('format')!r}, expected "
                f"{PROFILES_FORMAT_VERSION}",
                field="format",
            )
        rows = meta.get("n_roles")
        if not isinstance(rows, int) or (n_roles is not None and rows != n_roles):
            raise InvalidValueError(
                f"profiles state has {rows!r} roles, expected {n_roles}", field="n_roles"
            )
        profiles: dict[str, Profile | Csr] = {}
        try:
            for name in meta["sparse_profiles"]:
                key = f"profile.{name}"
                profiles[name] = Csr.checked(
                    arrays[f"{key}.data"],
                    arrays[f"{key}.indices"],
                    arrays[f"{key}.indptr"],
                    arrays[f"{key}.shape"],
                    key,
                )
            for name in meta["dense_profiles"]:
                profiles[name] = np.asarray(arrays[f"profile.{name}"])
        except KeyError as exc:
            raise InvalidValueError(
                f"profiles state lacks {exc.args[0]!r}", field="arrays"
            ) from None
        for name, m in profiles.items():
            shape = tuple(m.shape)
            bad = len(shape) != 2 or shape[0] != rows
            if not isinstance(m, Csr) and m.dtype.kind != "f":
                bad = True
            if bad:
                raise InvalidValueError(
                    f"profiles state array 'profile.{name}' has shape {shape}, expected "
                    f"({rows}, n) of floats",
                    field=f"profile.{name}",
                )
        return cls(profiles, rows)


def _clean(cos: FloatArray) -> FloatArray:
    """Cosines with negatives and rounding noise (below ``NOISE``) set to 0."""
    out: FloatArray = np.where(cos > NOISE, cos, 0.0)
    return out
