"""A Hypothesis strategy of nearest-neighbour lists, as ``Index.all_neighbours`` gives them."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from skillgraph.analysis._index import FloatArray, IntArray

Near = list[tuple[IntArray, FloatArray]]


@st.composite
def neighbour_lists(
    draw: st.DrawFn, min_n: int = 1, self_pairs: bool = False, zero: bool = False
) -> tuple[int, Near]:
    """``n`` and up to 5 neighbours per node; small integer scores make ties and repeated
    pairs in both directions. ``self_pairs`` and ``zero`` allow a node listing itself and
    scores of 0 (which a role graph leaves out)."""
    n = draw(st.integers(min_n, 30))
    score = st.one_of(st.integers(0 if zero else 1, 3).map(float), st.floats(0.01, 1.0))
    near: Near = []
    for r in range(n):
        other = st.integers(0, n - 1)
        if not self_pairs:
            other = other.filter(lambda o, r=r: o != r)
        others = draw(st.lists(other, max_size=5))
        scores = [draw(score) for _ in others]
        near.append((np.array(others, dtype=np.int64), np.array(scores, dtype=np.float64)))
    return n, near
