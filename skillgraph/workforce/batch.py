"""Batch scoring: every person's top-``k`` roles by coverage, in one process or on Dask.

``score(g, people, k=5)`` builds the sparse people x skills matrix, multiplies it by the
graph's skills x roles weights chunk by chunk (memory stays bounded whatever the number of
people) and keeps each person's ``k`` best-covered roles. ``client=`` (a
``dask.distributed.Client``) runs the same computation on a cluster: the scoring index is
broadcast to every worker once, the people are cut into partitions scored where they land,
and the result equals the single-process one exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from .._store import cached
from ..errors import InvalidValueError, OptionalDependencyError
from ..graph import SkillGraph
from ._scoring import ScoringIndex, people_matrix, score_chunks
from .tables import require_pandas, table_format, write_table

__all__ = ["BatchResult", "score", "score_matrix", "scoring_index"]

DEFAULT_PARTITION = 50_000
"""People per Dask partition (each partition is one task)."""


@dataclass(frozen=True, eq=False)
class BatchResult:
    """Top-``k`` roles of each person: ``roles[i, j]`` is the id of person ``i``'s ``j``-th
    best-covered role and ``coverage[i, j]`` its coverage (as ``g.gap`` computes it for the
    skills scored); ``assumed`` the people whose skills scored include requirements of their
    current role they do not list (``Workforce(role_skills=...)``; the ``assumed`` column)."""

    people: list[str]
    role_ids: npt.NDArray[np.int64]
    """People x k positions into ``role_index``."""
    coverage: npt.NDArray[np.float64]
    role_index: list[str]
    role_labels: list[str]
    assumed: frozenset[str] = frozenset()

    @property
    def k(self) -> int:
        """Roles kept per person."""
        return int(self.role_ids.shape[1])

    def __len__(self) -> int:
        return len(self.people)

    def top(self, person: str) -> list[tuple[str, float]]:
        """``(role id, coverage)`` of one person's top roles, best first.

        Raises:
            NotFoundError: no such person in the batch.
        """
        from ..errors import NotFoundError

        try:
            i = self.people.index(person)
        except ValueError:
            raise NotFoundError(f"no person {person!r} in the batch", query=person) from None
        return [
            (self.role_index[int(r)], float(c))
            for r, c in zip(self.role_ids[i], self.coverage[i], strict=True)
        ]

    def rows(self) -> Iterator[dict[str, Any]]:
        """One dict a (person, rank): person, rank (1 = best), role, label, coverage,
        assumed (the person is credited with their current role's requirements)."""
        for i, pid in enumerate(self.people):
            assumed = pid in self.assumed
            for j in range(self.k):
                r = int(self.role_ids[i, j])
                yield {
                    "person": pid,
                    "rank": j + 1,
                    "role": self.role_index[r],
                    "label": self.role_labels[r],
                    "coverage": float(self.coverage[i, j]),
                    "assumed": assumed,
                }

    def to_pandas(self) -> Any:
        """A long ``pandas.DataFrame``: person, rank, role, label, coverage, assumed.

        Raises:
            OptionalDependencyError: pandas is not installed (``skillgraph[tables]``).
        """
        pd = require_pandas()
        n, k = self.role_ids.shape
        flat = self.role_ids.reshape(-1)
        index = np.asarray(self.role_index, dtype=object)
        labels = np.asarray(self.role_labels, dtype=object)
        return pd.DataFrame(
            {
                "person": np.repeat(np.asarray(self.people, dtype=object), k),
                "rank": np.tile(np.arange(1, k + 1, dtype=np.int64), n),
                "role": index[flat] if len(flat) else np.zeros(0, object),
                "label": labels[flat] if len(flat) else np.zeros(0, object),
                "coverage": self.coverage.reshape(-1),
                "assumed": np.repeat(
                    np.fromiter((p in self.assumed for p in self.people), bool, n), k
                ),
            }
        )

    def write(
        self, path: str | Path, format: str | None = None, *, spreadsheet_safe: bool = False
    ) -> None:
        """Write the long table to ``path`` atomically (CSV or Parquet, by suffix);
        ``spreadsheet_safe``: CSV text that starts like a formula (``=``, ``+``, ``-``,
        ``@``, a tab or CR) gets a leading ``'`` so a spreadsheet shows it as text.

        Raises:
            OptionalDependencyError: Parquet needs pandas and pyarrow.
            InvalidValueError: the format is neither csv nor parquet.
            OutputError: the file could not be written.
        """
        csv_rows = list(self.rows()) if table_format(path, format) == "csv" else None
        write_table(self.to_pandas, csv_rows, path, format, spreadsheet_safe=spreadsheet_safe)


def scoring_index(g: SkillGraph) -> ScoringIndex:
    """The scoring index of all of ``g``'s roles (built once per graph version)."""
    return cached(g, "workforce_scoring_index", ScoringIndex.build)


def _check(k: int, chunk_size: int | None) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InvalidValueError(f"k must be an integer >= 1 (got {k!r})", field="k")
    if chunk_size is not None and (
        isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1
    ):
        raise InvalidValueError(
            f"chunk_size must be an integer >= 1 (got {chunk_size!r})", field="chunk_size"
        )


def score(
    g: SkillGraph,
    people: Iterable[tuple[str, Iterable[str]]],
    k: int = 5,
    *,
    roles: Sequence[str] | None = None,
    chunk_size: int | None = None,
    client: Any = None,
    partition_size: int = DEFAULT_PARTITION,
) -> BatchResult:
    """Each person's ``k`` best-covered roles: ``people`` yields ``(id, skill ids)``.

    ``roles`` restricts the roles ranked (ids or anything ``g.find`` resolves);
    ``chunk_size`` is the number of people scored at once (default: about 4 million
    people x roles cells); ``client`` a ``dask.distributed.Client`` to run on.

    Raises:
        InvalidValueError: ``k``, ``chunk_size`` or ``partition_size`` is not a positive
            integer.
        NotFoundError: a role of ``roles`` cannot be resolved.
        OptionalDependencyError: ``client`` is given but dask.distributed is missing.
    """
    _check(k, chunk_size)
    si = _index_for(g, roles)
    ids: list[str] = []
    skills: list[Iterable[str]] = []
    for pid, held in people:
        ids.append(pid)
        skills.append(held)
    h = people_matrix(si.skill_pos, skills, len(si.skill_pos))
    return score_matrix(
        si, ids, h, k, chunk_size=chunk_size, client=client, partition_size=partition_size
    )


def _index_for(g: SkillGraph, roles: Sequence[str] | None) -> ScoringIndex:
    if roles is None:
        return scoring_index(g)
    if isinstance(roles, str):
        roles = [roles]
    ids = list(dict.fromkeys(g.resolve(r, "role") for r in roles))
    return ScoringIndex.build(g, ids)


def score_matrix(
    si: ScoringIndex,
    people: list[str],
    h: sp.csr_matrix,
    k: int = 5,
    *,
    chunk_size: int | None = None,
    client: Any = None,
    partition_size: int = DEFAULT_PARTITION,
    assumed: Iterable[str] = (),
) -> BatchResult:
    """`score` on a prepared people x skills matrix ``h`` (rows = ``people``; columns =
    ``si.skill_pos`` positions); ``assumed`` the people whose rows include requirements of
    their current role they do not list (`BatchResult.assumed`).

    Raises:
        InvalidValueError: the shapes disagree, or a size is not a positive integer.
        OptionalDependencyError: ``client`` is given but dask.distributed is missing.
    """
    _check(k, chunk_size)
    if h.shape != (len(people), len(si.skill_pos)):
        raise InvalidValueError(
            f"people matrix is {h.shape[0]} x {h.shape[1]}; expected "
            f"{len(people)} x {len(si.skill_pos)}",
            field="people",
        )
    if client is None:
        tops, covs = score_chunks(si, sp.csr_matrix(h), k, chunk_size)
    else:
        if (
            isinstance(partition_size, bool)
            or not isinstance(partition_size, int)
            or (partition_size < 1)
        ):
            raise InvalidValueError(
                f"partition_size must be an integer >= 1 (got {partition_size!r})",
                field="partition_size",
            )
        tops, covs = _on_dask(client, si, sp.csr_matrix(h), k, chunk_size, partition_size)
    return BatchResult(
        people=list(people),
        role_ids=tops,
        coverage=covs,
        role_index=si.role_ids,
        role_labels=si.role_labels,
        assumed=frozenset(assumed),
    )


def _on_dask(
    client: Any,
    si: ScoringIndex,
    h: sp.csr_matrix,
    k: int,
    chunk_size: int | None,
    partition_size: int,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Score the row partitions of ``h`` on the cluster of ``client``."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise OptionalDependencyError(
            "batch scoring on a cluster needs dask.distributed: pip install 'skillgraph[dask]'"
        ) from None
    n = h.shape[0]
    kk = min(k, si.n_roles)
    if n == 0:
        return np.zeros((0, kk), np.int64), np.zeros((0, kk))
    shared = client.scatter(si, broadcast=True, hash=False)
    pieces = client.scatter(
        [h[start : min(n, start + partition_size)] for start in range(0, n, partition_size)],
        hash=False,
    )
    futures = [
        client.submit(score_chunks, shared, piece, k, chunk_size, pure=False) for piece in pieces
    ]
    parts = client.gather(futures)
    client.cancel([shared, *pieces, *futures])
    return np.vstack([t for t, _ in parts]), np.vstack([c for _, c in parts])
