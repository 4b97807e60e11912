"""Free-text matching: a learned synonym stands for its partner whole, and a label naming
all of a short clause is credited before labels naming part of it."""

from __future__ import annotations

import skillgraph as sg


def _graph() -> sg.SkillGraph:
    """Three skills whose labels teach "read" = "interpret written" (a run of two words),
    a skill "interpret diagrams" whose alt label holds "interpret" alone, the knowledge
    "diagrams" and the skill "read standard diagrams"."""
    g = sg.SkillGraph()
    for i, thing in enumerate(["English", "French", "German"]):
        g.add(
            sg.Skill(
                id=f"s:lang{i}",
                label=f"read {thing}",
                alt_labels=[f"interpret written {thing}"],
            )
        )
    g.add(
        sg.Skill(
            id="s:diagrams",
            label="interpret electrical diagrams",
            alt_labels=["interpret diagrams"],
        )
    )
    g.add(sg.Skill(id="s:know", label="diagrams", kind="knowledge"))
    g.add(sg.Skill(id="s:std", label="read standard diagrams"))
    return g


def test_regression_a_label_holding_part_of_a_synonym_is_not_named() -> None:
    # main read "reading" as "interpret written" and credited "interpret diagrams", which
    # holds "interpret" only; the short clause is named whole by "read standard diagrams"
    found = _graph().match_skills("reading diagrams", k=None)
    assert [m.id for m in found] == ["s:std"]
    assert found[0].text == "reading diagrams"
    assert "s:know" in {r.id for r in found.rejected}


def test_a_synonym_whole_still_names_a_label() -> None:
    found = _graph().match_skills("interpret written French", k=None)
    assert "s:lang1" in [m.id for m in found]
    found = _graph().match_skills("read French", k=None)
    assert [m.id for m in found][:1] == ["s:lang1"]
