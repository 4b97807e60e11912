"""The re-ranker of ``match_roles``: it changes the order where the candidates' families and
skill profiles agree, keeps verbatim titles first, and only re-orders (same roles, same
scores)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.text import _rerank
from skillgraph.text._analyze import stem, words
from skillgraph.text._index import text_index

WORDS = ["dough", "mixer", "op", "bread", "oven", "cutter", "valve", "fitter", "helper", "rye"]


def _bakery(more: dict[str, tuple[str, ...]] | None = None) -> sg.SkillGraph:
    """A lone machine role whose label is nearest to "dough mixer op", and a baker whose
    family (three other bakery roles) and skill profile agree with each other; ``more``
    adds alt labels to roles."""
    g = sg.SkillGraph()
    g.add(sg.Cluster(id="c:bake", label="bakery"))
    g.add(sg.Cluster(id="c:solo", label="machines"))
    for sid in ["s:dough", "s:oven", "s:bread", "s:valve"]:
        g.add(sg.Skill(id=sid, label=f"{sid[2:]} skill"))
    roles = [
        ("r:a", "dough mixer operator", ("valve fitter",), "c:solo"),
        ("r:b", "bakers", ("mixer of rye bread dough", "bread mixer helper"), "c:bake"),
        ("r:c", "oven tenders", ("dough roller", "dough shaper"), "c:bake"),
        ("r:e", "proofers", ("dough proofer",), "c:bake"),
        ("r:d", "bread slicers", ("dough cutter",), "c:bake"),
    ]
    for rid, label, alts, cluster in roles:
        alts += (more or {}).get(rid, ())
        g.add(sg.Role(id=rid, label=label, alt_labels=alts, cluster=cluster))
    needs = {
        "r:a": ["s:valve"],
        "r:b": ["s:dough", "s:oven", "s:bread"],
        "r:c": ["s:dough", "s:oven", "s:bread"],
        "r:e": ["s:dough", "s:oven", "s:bread"],
        "r:d": ["s:dough", "s:bread"],
    }
    for rid, skills in needs.items():
        for sid in skills:
            g.require(rid, sid)
    return g


def _ids(found: list[sg.TextMatch]) -> list[str]:
    return [m.id for m in found]


def test_rerank_changes_the_order_in_a_constructed_case(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lone machine role (its label the nearest title) falls behind the baker whose
    family and skill profile agree with the other candidates' (the first model alone)."""
    monkeypatch.setattr(_rerank, "ORDER_WINDOW", 0)
    g = _bakery({"r:a": ("valve mixer",), "r:e": ("mixer",)})
    lexical = g.match_roles("dough mixer op", rerank=False)
    ranked = g.match_roles("dough mixer op")
    assert _ids(lexical)[:3] == ["r:e", "r:a", "r:b"]
    assert _ids(ranked)[:3] == ["r:e", "r:b", "r:a"]
    assert "re-ranked with the other candidates (lexical rank 3)" in ranked[1].evidence
    assert all("re-ranked" not in e for m in lexical for e in m.evidence)


def test_lexical_score_alone_keeps_the_lexical_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """With every weight but the lexical score's at 0 (both models, no trees) the re-ranker
    changes nothing: the change above comes from the other features."""
    weights = np.zeros(len(_rerank.FEATURES))
    weights[_rerank.FEATURES.index("score")] = 1.0
    monkeypatch.setattr(_rerank, "WEIGHTS", weights)
    order = np.zeros(len(_rerank.ORDER_FEATURES))
    order[_rerank.ORDER_FEATURES.index("score")] = 1.0
    monkeypatch.setattr(_rerank, "ORDER_WEIGHTS", order)
    monkeypatch.setattr(_rerank, "ORDER_TREES", False)
    g = _bakery()
    assert _ids(g.match_roles("dough mixer op")) == _ids(
        g.match_roles("dough mixer op", rerank=False)
    )


def test_a_verbatim_title_stays_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """Even a model that prefers other roles leaves the role holding the title first."""
    weights = np.zeros(len(_rerank.FEATURES))
    weights[_rerank.FEATURES.index("profile")] = 100.0
    weights[_rerank.FEATURES.index("score")] = -100.0
    monkeypatch.setattr(_rerank, "WEIGHTS", weights)
    g = _bakery()
    assert _ids(g.match_roles("dough cutters"))[0] == "r:d"
    assert _ids(g.match_roles("dough mixer operator"))[0] == "r:a"


def test_features_by_hand() -> None:
    g = _bakery()
    ix = text_index(g)
    cands = np.array([ix.position[r] for r in ["r:a", "r:b", "r:c"]])
    stems = np.array([ix.vocab["dough"], ix.vocab["mixer"]])
    f = _rerank.features(
        g,
        ix,
        cands,
        np.array([0.6, 0.5, 0.2]),
        np.zeros(3),
        np.zeros(len(ix.entry_text)),
        stems,
        np.array([1.0, 3.0]),
        _rerank.TitleWords(order=(int(ix.vocab["dough"]), int(ix.vocab["mixer"]))),
    )
    col = {name: i for i, name in enumerate(_rerank.FEATURES)}
    assert f[:, col["log rank"]] == pytest.approx(np.log1p([0, 1, 2]))
    # r:a and r:b have both words in their titles, r:c only "dough" (weight 1 of 4)
    assert f[:, col["coverage"]] == pytest.approx([1.0, 1.0, 0.25])
    # "mixer" is in 1 of r:a's 2 titles, 2 of r:b's 3, none of r:c's 3
    assert f[:, col["head share"]] == pytest.approx([0.5, 2 / 3, 0.0])
    # family: r:b and r:c share a cluster (rel = score / best score), r:a is alone
    assert f[:, col["family"]] == pytest.approx(np.log1p([0.0, 0.2 / 0.6, 0.5 / 0.6]))
    # profile: r:a's skills meet no one's; r:b and r:c need the same skills
    assert f[0, col["profile"]] == 0.0
    assert f[2, col["profile"]] == pytest.approx((0.5 / 0.6) / (1.0 + 0.5 / 0.6))


def test_title_features_by_hand() -> None:
    """The features of each candidate's best title and of the title's words (first and
    last word, length, verbatim holders)."""
    g = _bakery({"r:b": ("dough cutter",)})  # r:b now shares a title with r:d
    ix = text_index(g)
    cands = np.array([ix.position[r] for r in ["r:a", "r:b", "r:c"]])
    scores = np.zeros(len(ix.entry_text))
    best = {"r:a": "dough mixer operator", "r:b": "bread mixer helper", "r:c": "dough shaper"}
    for rid, value in zip(best, [0.9, 0.7, 0.4], strict=True):
        (e,) = [e for e in ix.entries_of(ix.position[rid]) if ix.entry_text[e] == best[rid]]
        scores[e] = value
    said = _rerank.TitleWords(
        order=(int(ix.vocab[stem("dough")]), int(ix.vocab[stem("helper")])),
        verbatim=frozenset({ix.position["r:d"]}),
    )
    f = _rerank.features(
        g,
        ix,
        cands,
        np.array([0.6, 0.5, 0.2]),
        np.zeros(3),
        scores,
        np.array([ix.vocab[stem("dough")]]),
        np.array([1.0]),
        said,
    )
    col = {name: i for i, name in enumerate(_rerank.FEATURES)}
    assert f[:, col["label field"]].tolist() == [1.0, 0.0, 0.0]  # only r:a's is its label
    assert f[:, col["best title"]] == pytest.approx([0.9, 0.7, 0.4])
    assert f[:, col["head in best"]].tolist() == [0.0, 1.0, 0.0]  # "... helper"
    assert f[:, col["length gap"]].tolist() == [1.0, 1.0, 0.0]  # 3, 3, 2 words against 2
    assert f[:, col["family first"]].tolist() == [1.0, 1.0, 0.0]  # r:c follows r:b
    assert f[:, col["log titles"]] == pytest.approx(np.log1p([2, 4, 3]))
    assert f[:, col["profile to best"]] == pytest.approx([1.0, 0.0, 0.0])
    # "dough" is in 1 of r:a's 2 titles, 2 of r:b's 4, 2 of r:c's 3
    assert f[:, col["first share"]] == pytest.approx([0.5, 0.5, 2 / 3])
    assert f[:, col["is best"]].tolist() == [1.0, 0.0, 0.0]
    assert f[:, col["verbatim shared"]] == pytest.approx(np.log1p([0, 1, 0]))
    owner = f[:, col["owner"]]
    assert owner.max() == 0.0 and (owner <= 0.0).all()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
def test_rerank_only_reorders(query: list[str]) -> None:
    """The same roles with the same scores as the lexical ranking, verbatim holders first."""
    g = _bakery()
    title = " ".join(query)
    lexical = {m.id: m.score for m in g.match_roles(title, k=None, rerank=False)}
    ranked = g.match_roles(title, k=None)
    assert {m.id: m.score for m in ranked} == lexical
    ix = text_index(g)
    holders = {ix.ids[n] for _, n in ix.same_title(words(title))}
    assert set(_ids(ranked)[: len(holders)]) == holders


def _reversing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A model that puts the lexically worst candidate first."""
    weights = np.zeros(len(_rerank.FEATURES))
    weights[_rerank.FEATURES.index("score")] = -100.0
    monkeypatch.setattr(_rerank, "WEIGHTS", weights)


def test_the_window_bounds_what_moves(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the ``RERANK_WINDOW`` lexical best are re-ordered: with a window of 1 nothing
    moves, with 3 the first three are reversed and the rest keep their lexical order."""
    _reversing(monkeypatch)
    monkeypatch.setattr(_rerank, "ORDER_WINDOW", 0)  # the first model alone
    g = _bakery()
    lexical = _ids(g.match_roles("dough", k=None, rerank=False))
    assert len(lexical) == 5
    monkeypatch.setattr(_rerank, "RERANK_WINDOW", 1)
    assert _ids(g.match_roles("dough", k=None)) == lexical
    monkeypatch.setattr(_rerank, "RERANK_WINDOW", 3)
    assert _ids(g.match_roles("dough", k=None)) == [*lexical[2::-1], *lexical[3:]]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4), st.integers(0, 6))
def test_outside_the_window_the_order_is_lexical(query: list[str], window: int) -> None:
    """Whatever the model, the first ``window`` roles are the lexical first ``window``
    (in some order) and the others follow in lexical order."""
    g = _bakery()
    title = " ".join(query)
    lexical = _ids(g.match_roles(title, k=None, rerank=False))
    with pytest.MonkeyPatch.context() as mp:
        _reversing(mp)
        mp.setattr(_rerank, "ORDER_WINDOW", 0)  # the first model alone
        mp.setattr(_rerank, "RERANK_WINDOW", window)
        ranked = _ids(g.match_roles(title, k=None))
    assert set(ranked[:window]) == set(lexical[:window])
    assert ranked[window:] == lexical[window:]


def test_the_shipped_constraint() -> None:
    """The window and margin chosen on seeds 13-14 (see `_rerank.PROMOTION_MARGIN`)."""
    assert (_rerank.RERANK_WINDOW, _rerank.PROMOTION_MARGIN) == (5, 0.0)


def test_a_promotion_margin_keeps_the_top(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a large ``PROMOTION_MARGIN`` no role from below the lexical top
    ``PROMOTION_TOP`` enters it; the top is still re-ordered within itself."""
    _reversing(monkeypatch)
    monkeypatch.setattr(_rerank, "ORDER_WINDOW", 0)  # the first model alone
    g = _bakery()
    lexical = _ids(g.match_roles("dough", k=None, rerank=False))
    monkeypatch.setattr(_rerank, "RERANK_WINDOW", 5)
    monkeypatch.setattr(_rerank, "PROMOTION_TOP", 2)
    monkeypatch.setattr(_rerank, "PROMOTION_MARGIN", 0.0)
    assert _ids(g.match_roles("dough", k=None))[:2] == lexical[-1:-3:-1]
    monkeypatch.setattr(_rerank, "PROMOTION_MARGIN", 1e9)
    assert _ids(g.match_roles("dough", k=None)) == [*lexical[1::-1], *lexical[:1:-1]]


def test_title_words() -> None:
    """A title's first word, last word (head) and length come from its words in order."""
    said = _rerank.TitleWords(order=(3, None, 7))
    assert (said.first, said.head, said.length) == (3, 7, 3)
    assert (_rerank.TitleWords().first, _rerank.TitleWords().head) == (None, None)


# ---------------------------------------------------------------------- the order model
def _first_model_alone(g: sg.SkillGraph, title: str) -> list[str]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_rerank, "ORDER_WINDOW", 0)
        return _ids(g.match_roles(title, k=None))


def _order_reversing(mp: pytest.MonkeyPatch) -> None:
    """An order model that puts the lexically worst candidate first (no trees)."""
    weights = np.zeros(len(_rerank.ORDER_FEATURES))
    weights[_rerank.ORDER_FEATURES.index("score")] = -100.0
    mp.setattr(_rerank, "ORDER_WEIGHTS", weights)
    mp.setattr(_rerank, "ORDER_TREES", False)


def _many_roles() -> sg.SkillGraph:
    """A synthetic graph of 60 roles in 6 clusters with seeded titles (more candidates
    than the order window), some titles shared by two roles."""
    import random

    rng = random.Random(7)
    g = sg.SkillGraph()
    for c in range(6):
        g.add(sg.Cluster(id=f"c:{c}", label=f"family {c}"))
    for i in range(60):
        alts = tuple(" ".join(rng.sample(WORDS, rng.randint(1, 3))) for _ in range(3))
        label = " ".join(rng.sample(WORDS, 2))
        g.add(sg.Role(id=f"r:{i:02d}", label=label, alt_labels=alts, cluster=f"c:{i % 6}"))
    return g


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4), st.booleans())
def test_the_first_place_is_the_first_models(query: list[str], reverse: bool) -> None:
    """Whatever the order model (shipped, or one that reverses the lexical order), the first
    place is the one the first model alone gives (main's re-ranker): on the bakery graph and
    on a synthetic graph of 60 roles."""
    title = " ".join(query)
    for g in (_bakery(), _many_roles()):
        alone = _first_model_alone(g, title)
        with pytest.MonkeyPatch.context() as mp:
            if reverse:
                _order_reversing(mp)
            ranked = _ids(g.match_roles(title, k=None))
        assert ranked[:1] == alone[:1]
        assert sorted(ranked) == sorted(alone)  # the same roles, only re-ordered


def test_the_first_place_on_the_demo(demo: sg.SkillGraph) -> None:
    """The demo's role titles, their words one by one and misspelt: the first place is
    the first model's, with the shipped order model."""
    titles = [t for r in demo.roles.values() for t in (r.label, *r.alt_labels)]
    queries = [*titles, *(w for t in titles for w in t.split()), "sofware enginer", "nurse"]
    for title in queries:
        assert _ids(demo.match_roles(title, k=None))[:1] == _first_model_alone(demo, title)[:1]


def test_the_order_model_orders_below_the_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """Below the first place the order model decides: reversed, the other candidates of
    the order window come in reverse lexical order and the rest keep their lexical order."""
    g = _many_roles()
    title = "dough mixer bread"
    lexical = _ids(g.match_roles(title, k=None, rerank=False))
    assert len(lexical) > 45
    first = _first_model_alone(g, title)[0]
    _order_reversing(monkeypatch)
    ranked = _ids(g.match_roles(title, k=None))
    window = [r for r in lexical[:40] if r != first]
    assert ranked == [first, *window[::-1], *lexical[40:]]
    monkeypatch.setattr(_rerank, "ORDER_WINDOW", 10)
    window = [r for r in lexical[:10] if r != first]
    assert _ids(g.match_roles(title, k=None)) == [first, *window[::-1], *lexical[10:]]


def test_verbatim_holders_stay_ahead_of_the_order_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Roles holding the title verbatim come first, before the order model's choices."""
    g = _many_roles()
    g.add(sg.Role(id="r:60", label="valve fitter", alt_labels=("rye oven",), cluster="c:0"))
    g.add(sg.Role(id="r:61", label="rye oven", cluster="c:1"))
    _order_reversing(monkeypatch)
    assert set(_ids(g.match_roles("rye oven", k=None))[:2]) == {"r:60", "r:61"}
