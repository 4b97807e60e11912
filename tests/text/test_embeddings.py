"""The optional embedding path: skips cleanly without the ``embeddings`` extra, and says how
to install it when asked for."""

from __future__ import annotations

import importlib.util

import pytest

import skillgraph as sg

HAS_EXTRA = importlib.util.find_spec("wordllama") is not None


@pytest.mark.skipif(HAS_EXTRA, reason="the embeddings extra is installed")
def test_without_the_extra_says_how_to_install(shop: sg.SkillGraph) -> None:
    with pytest.raises(sg.OptionalDependencyError, match=r"skillgraph\[embeddings\]"):
        shop.match_roles("nurse", method="embeddings")
    assert shop.match_roles("nurse")[0].id == "r:rn"  # lexical still works


def test_missing_extra_is_a_clear_error(
    shop: sg.SkillGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether or not the extra is installed: hide it and ask for embeddings."""
    import sys

    from skillgraph.text import _embed

    monkeypatch.setitem(sys.modules, "wordllama", None)
    _embed.embedder.cache_clear()
    try:
        assert not _embed.available()
        with pytest.raises(sg.OptionalDependencyError, match="pip install"):
            shop.match_skills("python; juggling", method="hybrid")
        with pytest.raises(sg.OptionalDependencyError, match="pip install"):
            shop.match_roles("nurse", method="embeddings")
    finally:
        _embed.embedder.cache_clear()


def test_unknown_method(shop: sg.SkillGraph) -> None:
    with pytest.raises(sg.InvalidValueError, match="method"):
        shop.match_skills("python", method="magic")  # type: ignore[arg-type]


@pytest.mark.skipif(not HAS_EXTRA, reason="needs the embeddings extra (wordllama)")
class TestEmbeddings:
    def test_model_loads_offline(self) -> None:
        from skillgraph.text._embed import embedder

        vecs = embedder()(["registered nurse", "staff nurse", "software developer"])
        assert vecs.shape == (3, 256)
        assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2]

    def test_roles(self, shop: sg.SkillGraph) -> None:
        found = shop.match_roles("hospital nurse", method="embeddings")
        assert found[0].id == "r:rn" and found[0].field == "embedding"
        assert shop.match_roles("checkout operators", method="hybrid")[0].id == "r:cashier"

    def test_skills(self, shop: sg.SkillGraph) -> None:
        found = shop.match_skills("I can speak Spanish; take care of patients", method="embeddings")
        assert "s:spanish" in found.ids
        hybrid = shop.match_skills("Python; dealing with patients' care", method="hybrid")
        assert "s:python" in hybrid.ids
        assert any(m.field == "embedding" for m in hybrid) or hybrid.unmatched
