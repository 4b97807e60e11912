"""Roles that share titles with the roles holding a query verbatim rank higher, yet never
above a verbatim holder."""

from __future__ import annotations

import skillgraph as sg
from skillgraph.text import _titles
from skillgraph.text._index import build_index


def _graph() -> sg.SkillGraph:
    g = sg.SkillGraph()
    g.add(sg.Role(id="r:guard", label="security guard", alt_labels=("patrol agent", "watchman")))
    # shares "patrol agent" and "watchman" with the guard
    g.add(sg.Role(id="r:screen", label="screener", alt_labels=("patrol agents", "watchman")))
    g.add(sg.Role(id="r:driver", label="officer driver", alt_labels=("bus officer",)))
    g.add(sg.Role(id="r:bailiff", label="bailiff", alt_labels=("security officer",)))
    return g


def test_shared_titles_counts_distinct_titles_per_holder() -> None:
    g = _graph()
    ix = build_index(g)
    shared = ix.shared_titles({ix.position["r:guard"]})
    got = {nid: float(shared[i]) for i, nid in enumerate(ix.ids)}
    # "patrol agents" is "patrol agent" up to plurals; the guard is not counted with itself
    assert got == {"r:bailiff": 0.0, "r:driver": 0.0, "r:guard": 0.0, "r:screen": 2.0}


def _scores(g: sg.SkillGraph, query: str) -> dict[str, float]:
    return {m.id: m.score for m in g.match_roles(query, k=None)}


def test_shared_titles_lift_a_role_but_the_verbatim_holder_stays_first() -> None:
    g = _graph()
    g.add(sg.Role(id="r:usher", label="usher", alt_labels=("security officer", "watchman")))
    g.add(sg.Role(id="r:scanner", label="security screener", alt_labels=("watchman",)))
    g.add(sg.Role(id="r:other", label="security screener assistant"))
    lifted = _scores(g, "security officer")
    old = _titles.SHARED_WEIGHT
    _titles.SHARED_WEIGHT = 0.0
    try:
        plain = _scores(g.copy(), "security officer")
    finally:
        _titles.SHARED_WEIGHT = old
    # the scanner shares "watchman" with the usher, a verbatim holder; the other does not
    assert lifted["r:scanner"] > plain["r:scanner"]
    assert lifted["r:other"] == plain["r:other"]
    holders = min(lifted["r:bailiff"], lifted["r:usher"])
    assert all(s < holders for nid, s in lifted.items() if nid not in {"r:bailiff", "r:usher"})
