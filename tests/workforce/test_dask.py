"""The batch API on a dask.distributed LocalCluster equals the single-process result."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

import skillgraph as sg
from skillgraph.workforce import Workforce, score, score_matrix
from skillgraph.workforce.batch import scoring_index

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    # in-process workers (no sockets beyond the process), two of them, one thread each
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def _people(g: sg.SkillGraph, n: int, seed: int) -> list[tuple[str, list[str]]]:
    rng = np.random.default_rng(seed)
    skills = sorted(g.skills)
    return [
        (f"p{i}", [skills[j] for j in rng.choice(len(skills), rng.integers(0, 30), replace=False)])
        for i in range(n)
    ]


@pytest.mark.parametrize("partition_size", [1, 37, 1000])
def test_dask_equals_single_process(client: Any, demo: sg.SkillGraph, partition_size: int) -> None:
    people = _people(demo, 300, partition_size)
    one = score(demo, people, k=5)
    many = score(demo, people, k=5, client=client, partition_size=partition_size)
    assert many.people == one.people
    assert (many.role_ids == one.role_ids).all()
    assert (many.coverage == one.coverage).all()


def test_workforce_batch_on_dask_and_restricted_roles(client: Any, demo: sg.SkillGraph) -> None:
    wf = Workforce(demo, [(pid, None, have) for pid, have in _people(demo, 120, 7)])
    roles = ["marketing analyst", "data analyst", "teacher"]
    one = wf.batch(k=2, roles=roles)
    many = wf.batch(k=2, roles=roles, client=client)
    assert (many.role_ids == one.role_ids).all() and (many.coverage == one.coverage).all()
    assert len(many.role_index) == 3
    roster = Workforce(demo, [("a", "data analyst", []), ("b", "data analyst", ["SQL"])])
    alone, on_dask = roster.batch(k=2), roster.batch(k=2, client=client)
    assert alone.assumed == on_dask.assumed == {"a"}
    assert (alone.coverage == on_dask.coverage).all()
    assert alone.to_pandas().equals(on_dask.to_pandas())


def test_empty_batch_and_bad_partition(client: Any, demo: sg.SkillGraph) -> None:
    si = scoring_index(demo)
    import scipy.sparse as sp

    empty = score_matrix(si, [], sp.csr_matrix((0, len(si.skill_pos))), 3, client=client)
    assert len(empty) == 0 and empty.role_ids.shape == (0, 3)
    with pytest.raises(sg.InvalidValueError, match="partition_size"):
        score(demo, [("a", [])], client=client, partition_size=0)
