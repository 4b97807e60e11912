"""match_skills / match_roles on a small graph and the demo; find's plural and suggestion hook."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.text import match as _match


class TestMatchSkills:
    def test_cv_line(self, shop: sg.SkillGraph) -> None:
        found = shop.match_skills(
            "I operated tills and did stock control, some Excel, a bit of Python"
        )
        ids = found.ids
        assert {"s:till", "s:stock", "s:excel", "s:python"} <= set(ids)
        till = next(m for m in found if m.id == "s:till")
        assert till.text == "operated tills" and till.field == "alt_label"
        assert till.matched == "operate tills"
        assert found.unmatched == []

    def test_spans_point_into_the_text(self, shop: sg.SkillGraph) -> None:
        text = "Handled customer complaints. Speak Spanish!"
        for m in shop.match_skills(text):
            assert text[m.start : m.end] == m.text
            assert 0.0 < m.score <= 1.0
            assert m.evidence

    def test_case_accents_and_plurals(self, shop: sg.SkillGraph) -> None:
        assert shop.match_skills("HANDLING CUSTOMER COMPLAINTS").ids == ["s:complaints"]
        assert shop.match_skills("spéak spanish").ids == ["s:spanish"]

    def test_abbreviation_the_taxonomy_has(self, shop: sg.SkillGraph) -> None:
        assert shop.match_skills("structured query language").ids == ["s:sql"]
        assert "s:sql" in shop.match_skills("sql").ids

    def test_unmatched_phrases_are_reported(self, shop: sg.SkillGraph) -> None:
        text = "Python, underwater basket weaving; juggling"
        found = shop.match_skills(text)
        assert found.ids == ["s:python"]
        assert [p.text for p in found.unmatched] == ["underwater basket weaving", "juggling"]
        for p in found.unmatched:
            assert text[p.start : p.end] == p.text

    def test_words_far_apart_do_not_make_a_label(self, shop: sg.SkillGraph) -> None:
        text = "Python scripts for the customer desk then months later complaints about a handle"
        assert "s:complaints" not in shop.match_skills(text).ids

    def test_k_and_json(self, shop: sg.SkillGraph) -> None:
        found = shop.match_skills("Python, SQL, Excel, stock control", k=2)
        assert len(found) == 2
        data = json.loads(found.to_json())
        assert [m["id"] for m in data["matches"]] == found.ids
        assert shop.match_skills("", k=3) == []

    def test_bad_arguments(self, shop: sg.SkillGraph) -> None:
        with pytest.raises(sg.InvalidValueError, match="text"):
            shop.match_skills(42)  # type: ignore[arg-type]
        with pytest.raises(sg.InvalidValueError, match="k must"):
            shop.match_skills("python", k=-1)

    def test_index_follows_changes(self, shop: sg.SkillGraph) -> None:
        assert shop.match_skills("welding").ids == []
        shop.add(sg.Skill(id="s:weld", label="welding"))
        assert shop.match_skills("welding").ids == ["s:weld"]


class TestMatchRoles:
    def test_titles_rank_sensibly(self, shop: sg.SkillGraph) -> None:
        assert shop.match_roles("cashier")[0].id == "r:cashier"
        assert shop.match_roles("registered nurse")[0].id == "r:rn"
        assert shop.match_roles("RN, night shift")[0].id == "r:rn"
        assert shop.match_roles("data entry")[0].id == "r:clerk"

    def test_typos(self, demo: sg.SkillGraph) -> None:
        assert demo.match_roles("sofware enginer")[0].label == "Software engineer"

    def test_only_roles(self, shop: sg.SkillGraph) -> None:
        assert all(m.id.startswith("r:") for m in shop.match_roles("stock control cashier"))

    def test_nothing_close(self, shop: sg.SkillGraph) -> None:
        assert shop.match_roles("zzzzqqq") == []


class TestFind:
    def test_plural_of_a_label(self, shop: sg.SkillGraph) -> None:
        assert shop.find("registered nurse").id == "r:rn"
        assert shop.find("office clerk", "role").id == "r:clerk"

    def test_label_up_to_plural_breaks_an_alt_label_tie(self, shop: sg.SkillGraph) -> None:
        # "Cashier" is an alt label of two roles; one of them is labelled "Cashiers"
        assert shop.find("cashier").id == "r:cashier"

    def test_true_ties_stay_ambiguous(self) -> None:
        g = sg.SkillGraph()
        g.add(sg.Role(id="r:a", label="A", alt_labels=("analyst",)))
        g.add(sg.Role(id="r:b", label="B", alt_labels=("analyst",)))
        with pytest.raises(sg.AmbiguousError):
            g.find("analyst")
        with pytest.raises(sg.AmbiguousError):
            g.find("analysts")

    def test_suggestions_rank_by_match(self, shop: sg.SkillGraph) -> None:
        with pytest.raises(sg.NotFoundError) as info:
            shop.find("nurse", "role")
        assert info.value.suggestions[0][0] == "r:rn"
        with pytest.raises(sg.NotFoundError) as info:
            shop.find("Excel")
        assert info.value.suggestions[0][0] == "s:excel"
        assert "Did you mean" in str(info.value)


class TestLenientHave:
    def test_gap_free_text(self, shop: sg.SkillGraph) -> None:
        gap = shop.gap("r:cashier", "I used a till and handled customer complaints", strict=False)
        assert set(gap.matched) == {"s:till", "s:complaints"}
        assert gap.inputs is not None
        assert {m.id for m in gap.inputs.matched} == {"s:till", "s:complaints"}

    def test_gap_list_with_unknown_items(self, shop: sg.SkillGraph) -> None:
        gap = shop.gap("r:cashier", ["s:till", "stock levels", "juggling"], strict=False)
        assert set(gap.matched) == {"s:till", "s:stock"}
        assert gap.inputs is not None and gap.inputs.unmatched == ["juggling"]
        with pytest.raises(sg.NotFoundError):
            shop.gap("r:cashier", ["s:till", "juggling"])  # strict by default

    def test_learning_plan_upskill_reskill(self, shop: sg.SkillGraph) -> None:
        plan = shop.learning_plan(["s:sql", "s:excel"], "some Python", strict=False)
        assert plan.inputs is not None and plan.inputs.matched[0].id == "s:python"
        for p in shop.upskill("r:gaming", "use a till; juggling", strict=False):
            assert p.inputs is not None and p.inputs.unmatched == ["juggling"]
        move = shop.reskill("r:cashier", "r:clerk", ["Excel", "juggling"], strict=False)
        assert move.inputs is not None
        assert [m.id for m in move.inputs.matched] == ["s:excel"]
        assert move.inputs.unmatched == ["juggling"]


def test_labels_with_new_lines_and_accents_keep_their_entries() -> None:
    """Labels are tokenised in one pass: a new line inside a label must not shift entries."""
    g = sg.SkillGraph()
    g.add(sg.Skill(id="s:a", label="first\nline", alt_labels=("Économie",)))
    g.add(sg.Skill(id="s:b", label="welding"))
    assert g.match_skills("welding").ids == ["s:b"]
    assert g.match_skills("economie").ids == ["s:a"]
    assert g.match_skills("first line").ids == ["s:a"]


def test_second_close_title_breaks_a_tie_of_best_titles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two roles share their best title for a query; the one with a second close title
    ranks first (without it, the tie falls to id order, here the other role)."""
    import skillgraph.text._titles as match

    g = sg.SkillGraph()
    g.add(sg.Role(id="r:a", label="Night Baker", alt_labels=("Cook",)))
    g.add(sg.Role(id="r:b", label="Night Baker", alt_labels=("Night Baker Assistant",)))
    monkeypatch.setattr(match, "BAG_WEIGHT", 0.0)  # the second title alone decides
    monkeypatch.setattr(match, "OWNER_WEIGHT", 0.0)
    # the lexical title score (the re-ranker also counts a role's titles: not this test's)
    ranked = g.match_roles("night baker supervisor", rerank=False)
    assert [m.id for m in ranked][:2] == ["r:b", "r:a"]
    monkeypatch.setattr(match, "SECOND_WEIGHT", 0.0)
    ranked = g.match_roles("night baker supervisor", rerank=False)
    assert [m.id for m in ranked][:2] == ["r:a", "r:b"]


def _window_reference(positions: list[list[int]]) -> tuple[int, int]:
    """The window as first written: every list scanned for each anchor position."""
    anchor = min(positions, key=len)
    best = (0, 1 << 30)
    for a in anchor:
        chosen = [min(p, key=lambda x: abs(x - a)) for p in positions]
        lo, hi = min(chosen), max(chosen)
        if hi - lo < best[1] - best[0]:
            best = (lo, hi)
    return best


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(0, 40), min_size=1, max_size=12, unique=True).map(sorted),
        min_size=1,
        max_size=5,
    )
)
def test_window_is_the_scan_of_every_list(positions: list[list[int]]) -> None:
    # regression (red team): the scan was quadratic in a clause repeating one label
    # ("problem solving" x 16,000 words: 7.8 s); the binary search gives the same windows
    assert _match._window(positions) == _window_reference(positions)


def test_a_long_repeated_clause_finds_its_label(demo: sg.SkillGraph) -> None:
    text = " ".join(["problem solving"] * 4000)
    found = demo.match_skills(text)
    assert found.ids[:1] == ["demo:skill/problem-solving"]
    assert (found[0].start, found[0].end) == (0, len("problem solving"))


def test_one_letter_is_no_title_unless_a_title_is_just_it() -> None:
    g = sg.SkillGraph()
    g.add(sg.Role(id="r:x", label="X-Ray Technicians", alt_labels=("X Ray Operator",)))
    g.add(sg.Role(id="r:q", label="Q"))
    assert g.match_roles("x") == []
    assert [m.id for m in g.match_roles("q")] == ["r:q"]


def test_a_brand_the_titles_hold_is_taken_as_it_is() -> None:
    g = sg.SkillGraph()
    g.add(sg.Role(id="r:taxi", label="Taxi Drivers"))
    g.add(sg.Role(id="r:truck", label="Truck Drivers", alt_labels=("Driver",)))
    assert g.match_roles("Uber driver")[0].id == "r:taxi"
    g.add(sg.Role(id="r:uber", label="Uber Support Staff"))
    assert g.match_roles("Uber driver")[0].id != "r:taxi"  # 'uber' is a word of its titles
