"""The result models of text matching: a credited match and a rejected candidate share
their span fields, and serialise in the same documented order as before."""

from __future__ import annotations

import json

import skillgraph as sg
from skillgraph.text.match import Rejected, TextMatch

SPAN = ["id", "label", "score", "text", "start", "end"]


def test_regression_a_match_and_a_rejected_candidate_share_their_span_fields() -> None:
    # review s21: Rejected repeated TextMatch's six span fields (duplicates --change)
    shared = set(TextMatch.model_fields) & set(Rejected.model_fields)
    assert shared == {*SPAN, "matched"}
    bases = [
        b
        for b in TextMatch.__mro__
        if b in Rejected.__mro__ and "id" in vars(b).get("__annotations__", {})
    ]
    assert len(bases) == 1, bases
    assert list(TextMatch.model_fields) == [*SPAN, "field", "matched", "evidence"]
    assert list(Rejected.model_fields) == [*SPAN, "matched", "reason"]


def test_the_json_keys_keep_their_order() -> None:
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:car", label="car controls"))
    g.add(sg.Skill(id="s:inf", label="infection control"))
    found = g.match_skills("care and infection control", k=None)
    data = json.loads(found.to_json())
    assert [m["id"] for m in data["matches"]] == ["s:inf"]
    assert list(data["matches"][0]) == [*SPAN, "field", "matched", "evidence"]
    assert [r["id"] for r in data["rejected"]] == ["s:car"]
    assert list(data["rejected"][0]) == [*SPAN, "matched", "reason"]
