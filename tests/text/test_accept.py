"""The acceptance rule of free-text matching (`skillgraph.text._accept`) and what
``match_skills`` and the lenient ``have`` path do with the candidates it turns down."""

from __future__ import annotations

import pytest

import skillgraph as sg
from skillgraph.text._accept import (
    collides,
    content_runs,
    described_verdict,
    loose_verdict,
    share_verdict,
    whole_verdict,
)
from skillgraph.text._analyze import segments, tokens
from skillgraph.text.lenient import resolve_have

NO_FILLER: frozenset[str] = frozenset()


def test_a_stem_collision_is_no_match() -> None:
    assert collides("care", "car") and not collides("nurse", "nurs")
    care = [t for t in tokens("care and infection control") if t.word != "and"]
    assert "'care' is not 'car'" in whole_verdict(care, "car controls", 1.0)
    cares = [t for t in tokens("cares controls")]
    assert "'cares' is not 'car'" in whole_verdict(cares, "car controls", 1.0)
    cars = [t for t in tokens("cars and controls") if t.word != "and"]
    assert whole_verdict(cars, "car controls", 1.0) == ""


@pytest.mark.parametrize(
    ("phrase", "label", "credited"),
    [
        ("Excel", "demand performers excel", False),  # a third of the label
        ("Excel", "Microsoft Office Excel", True),  # a name written as the label writes it
        ("administer medication", "Web-administered databases", False),
        ("stock", "Fish stocking databases", False),
        ("tills and stock", "Fish stocking databases", False),
        ("First aid", "FIRST Flooring", False),
        ("coordinate athletes", "manage athletes", True),  # only the verb differs
        ("bodily fluid analyses", "bodily fluid analysis", True),  # forms the stemmer splits
    ],
)
def test_loose_verdict(phrase: str, label: str, credited: bool) -> None:
    why = loose_verdict(phrase, 0, len(phrase), label, NO_FILLER)
    assert (why == "") is credited, why


def test_lowercase_product_name_needs_half_the_label() -> None:
    """An "excel" in lower case is no name: "Microsoft Office Excel" is a third explained."""
    assert "only 1 of the 3 words" in loose_verdict(
        "excel", 0, 5, "Microsoft Office Excel", NO_FILLER
    )
    assert loose_verdict("Excel", 0, 5, "Microsoft Excel", NO_FILLER) == ""


def test_share_of_the_phrase() -> None:
    text = "First aid, electronic health records. Python and SQL"
    every = [tokens(text[a:b], offset=a) for a, b in segments(text)]
    runs, clauses = content_runs(every, NO_FILLER)
    assert len(clauses) == 3
    assert [text[r[0].start : r[-1].end] for r in runs] == [
        "First aid",
        "electronic health records",
        "Python",
        "SQL",
    ]
    ends = [r[-1].end for r in runs]
    a = text.index("electronic")
    why = share_verdict(text, runs, ends, a, a + 10, "electronics", 0.5)
    assert why == "names 1 of the 3 words of 'electronic health records'"
    a = text.index("Python")
    assert share_verdict(text, runs, ends, a, a + 6, "Python", 0.5) == ""
    assert share_verdict(text, runs, ends, 0, 9, "first aid", 1.0) == ""


def test_described_verdict_needs_the_clause_words() -> None:
    doc = "FIRST Flooring flooring estimation software"
    assert "'aid' not in" in described_verdict("First aid", 0, 9, doc, 0.3, NO_FILLER)
    assert "score 0.10" in described_verdict("flooring estimation", 0, 19, doc, 0.1, NO_FILLER)
    # one word is too little of a description, whatever its score
    assert "alone" in described_verdict("flooring", 0, 8, doc, 0.9, NO_FILLER)


@pytest.fixture()
def tricky(shop: sg.SkillGraph) -> sg.SkillGraph:
    """The shop graph with labels that share words or stems with ordinary CV phrases."""
    g = shop.copy()
    for sid, label, alts in [
        ("s:car", "car controls", ("controls on cars",)),
        ("s:fish", "Fish stocking databases", ()),
        ("s:demand", "demand excellence from performers", ("demand performers excel",)),
        ("s:web", "Web-administered databases", ()),
        ("s:electronics", "electronics", ()),
        ("s:consumer", "consumer electronics", ("electronics",)),
        ("s:infection", "infection control", ()),
    ]:
        g.add(sg.Skill(id=sid, label=label, alt_labels=alts))
    return g


def test_regression_care_is_not_car(tricky: sg.SkillGraph) -> None:
    """Red team: "care and infection control" credited "car controls" (care -> car)."""
    found = tricky.match_skills("care and infection control")
    assert found.ids == ["s:infection"]
    assert "s:car" in [r.id for r in found.rejected]


def test_regression_excel_is_the_spreadsheet(tricky: sg.SkillGraph) -> None:
    """Red team: ESCO "some Excel" credited "demand excellence from performers"."""
    found = tricky.match_skills("some Excel")
    assert "s:demand" not in found.ids
    assert tricky.match_skills("use spreadsheets software, some Excel").ids == ["s:excel"]


def test_regression_off_topic_loose_matches_are_not_credited(tricky: sg.SkillGraph) -> None:
    """Red team: "administer medication" -> "Web-administered databases", "tills and stock"
    -> "Fish stocking databases" were credited; now unmatched, shown as did you mean."""
    for text, wrong in [("administer medication", "s:web"), ("tills and stock", "s:fish")]:
        found = tricky.match_skills(text)
        assert wrong not in found.ids
        assert [p.text for p in found.unmatched] == [text]
        assert found.rejected and all(r.reason for r in found.rejected)


def test_an_alt_label_that_is_another_skills_label(tricky: sg.SkillGraph) -> None:
    """The label of one skill that is an alt label of another names the first only."""
    found = tricky.match_skills("electronics")
    assert found.ids == ["s:electronics"]
    (r,) = found.rejected
    assert (
        r.id == "s:consumer"
        and "is the preferred label of 'electronics', credited instead" in r.reason
    )


def test_a_modifier_does_not_name_a_skill(tricky: sg.SkillGraph) -> None:
    """Red team: "electronic health records" credited "electronics"."""
    found = tricky.match_skills("First aid, electronic health records")
    assert "s:electronics" not in found.ids
    assert "electronic" in [p.text for p in found.unmatched]
    assert "names 1 of the 3 words" in next(r.reason for r in found.rejected)


def test_rejected_in_json(tricky: sg.SkillGraph) -> None:
    import json

    got = json.loads(tricky.match_skills("administer medication").to_json())
    assert got["matches"] == [] and got["rejected"][0]["id"] == "s:web"


def test_lenient_text_credits_only_accepted(tricky: sg.SkillGraph) -> None:
    ids, report = resolve_have(tricky, "care and infection control; tills and stock")
    assert ids == ["s:infection"]
    assert "s:car" in {r.id for r in report.rejected}
    assert "tills and stock" in report.unmatched


def test_lenient_list_reports_the_rejected_item(tricky: sg.SkillGraph) -> None:
    ids, report = resolve_have(tricky, ["tills and stock", "SQL"])
    assert ids == ["s:sql"]
    assert report.unmatched == ["tills and stock"]
    assert [r.text for r in report.rejected] == ["tills and stock"]
