"""The misses a new user met on the real ESCO v1.1.1 and O*NET 29.3 now resolve, and
realistic CV lines and job-ad sentences map to the expected ESCO skills."""

from __future__ import annotations

import pytest

import skillgraph as sg

pytestmark = [pytest.mark.data, pytest.mark.slow]

ESCO_SKILL = "http://data.europa.eu/esco/skill/"


def _labels(found: list[sg.TextMatch]) -> list[str]:
    return [m.label for m in found]


def test_nurse_on_esco_suggests_nurse_roles(esco: sg.SkillGraph) -> None:
    with pytest.raises(sg.NotFoundError) as info:
        esco.find("nurse", "role")
    labels = [label for _, label in info.value.suggestions]
    assert len(labels) == 5 and all("nurse" in label for label in labels[:3]), labels
    assert "nanny" not in labels[:3]
    top = _labels(esco.match_roles("nurse", k=5))
    assert "nurse responsible for general care" in top


def test_registered_nurse_on_onet(onet: sg.SkillGraph) -> None:
    assert onet.find("registered nurse").label == "Registered Nurses"
    assert onet.find("Registered nurse", "role").id == "onet:29-1141.00"
    assert onet.match_roles("registered nurse")[0].id == "onet:29-1141.00"
    assert onet.match_roles("RN, night shift")[0].id == "onet:29-1141.00"


def test_cashier_resolves_on_onet(onet: sg.SkillGraph) -> None:
    assert onet.find("cashier").label == "Cashiers"
    assert onet.find("cashier", "role").id == "onet:41-2011.00"
    assert onet.match_roles("cashier")[0].label == "Cashiers"


def test_excel_gives_suggestions(esco: sg.SkillGraph, onet: sg.SkillGraph) -> None:
    with pytest.raises(sg.NotFoundError) as info:
        esco.find("Excel", "skill")
    assert "use spreadsheets software" in [label for _, label in info.value.suggestions]
    with pytest.raises(sg.NotFoundError) as info:
        onet.find("Excel")
    assert info.value.suggestions[0][1] == "Microsoft Excel"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Handled customer complaints and processed refunds.", ["handle customer complaints"]),
        ("I managed a team of five people.", ["manage a team"]),
        ("Fluent in Spanish and German.", ["interact verbally in Spanish"]),
        (
            "Wrote Python scripts and SQL queries for reporting.",
            ["Python (computer programming)", "SQL"],
        ),
        ("Experience in project management and budgeting.", ["project management"]),
        ("Operated a forklift in a busy warehouse.", ["operate forklift"]),
        (
            "You will prepare financial statements and manage payroll.",
            ["prepare financial statements"],
        ),
        ("Responsible for stock control and restocking shelves.", ["stock shelves"]),
    ],
)
def test_cv_lines_and_job_ads(esco: sg.SkillGraph, text: str, expected: list[str]) -> None:
    found = esco.match_skills(text, k=None)
    labels = _labels(found)
    for label in expected:
        assert label in labels, (text, labels)
    for m in found:
        assert text[m.start : m.end] == m.text


def test_unmatched_is_reported_on_esco(esco: sg.SkillGraph) -> None:
    found = esco.match_skills("Python; zorbing the quibbleflax")
    assert "Python (computer programming)" in _labels(found)
    assert [p.text for p in found.unmatched] == ["zorbing the quibbleflax"]


def test_gap_with_free_text_on_esco(esco: sg.SkillGraph) -> None:
    role = esco.find("shop assistant", "role").id
    gap = esco.gap(role, "I did tills and stock, some Excel, a bit of Python", strict=False)
    assert gap.inputs is not None and gap.inputs.matched
    assert 0.0 <= gap.coverage <= 1.0


@pytest.mark.parametrize(
    ("title", "own"),
    [
        ("Harvester Mechanic", "onet:49-3041.00"),  # main: 12th
        ("Hydrography Technician", "onet:19-4044.00"),  # main: 18th
        ("Sea-Air-Land Officer", "onet:55-1017.00"),  # main: 9th
        # the order model's boosted trees (round 12); main abb4398: 8th, 6th, 6th
        ("Information Science Professor", "onet:25-1082.00"),
        ("Dry Cleaning Checker", "onet:51-9061.00"),
        ("Machine Captain", "onet:51-9199.00"),
    ],
)
def test_an_unseen_onet_title_finds_its_role_in_the_first_five(
    onet: sg.SkillGraph, title: str, own: str
) -> None:
    """An O*NET alternate title removed from its role before indexing: the order model's
    evidence (the title's words in the role's description and required skills) brings
    the role into the first five, where titles alone left it below; the last three, the
    boosted trees of the order model (`skillgraph.text._trees`), where the linear order
    model left them just below."""
    g = onet.copy()
    role = g.roles[own]
    alts = tuple(a for a in role.alt_labels if a != title)
    assert len(alts) < len(role.alt_labels)
    g.add(role.model_copy(update={"alt_labels": alts}), replace=True)
    assert own in [m.id for m in g.match_roles(title, k=5)]


@pytest.mark.xfail(
    strict=True,
    reason="'RN' / 'registered nurse' is learned from other nurse roles' titles (a "
    "substitution, confidence 0.67), but a query word counts as its substitute at "
    "SYNONYM_WEIGHT x confidence of its idf, so roles whose titles hold 'RN' itself "
    "('ICU RN', 'Pre-Op RN') outscore 'Registered Nurses' (issue 15, round 13: open)",
)
def test_rn_finds_registered_nurses_when_the_role_holds_no_rn_title(
    onet: sg.SkillGraph,
) -> None:
    """The red team's "RN, night shift" in the held-out setting: Registered Nurses with
    every title holding the word RN removed before indexing (as the held-out benchmark
    removes titles). Other nurse roles keep their RN titles ("NICU RN"), so they, not
    Registered Nurses, come first."""
    g = onet.copy()
    role = g.roles["onet:29-1141.00"]
    alts = tuple(
        a for a in role.alt_labels if "RN" not in a.replace("(", " ").replace(")", " ").split()
    )
    assert len(alts) < len(role.alt_labels)
    g.add(role.model_copy(update={"alt_labels": alts}), replace=True)
    assert g.match_roles("RN, night shift", k=5)[0].id == "onet:29-1141.00"


def test_one_letter_matches_no_role(esco: sg.SkillGraph, onet: sg.SkillGraph) -> None:
    """Red team s23 (7): 'x' matched a role at 0.50 (through 'x-ray machine technician')."""
    assert esco.match_roles("x") == []
    assert onet.match_roles("x") == [] and onet.match_roles(" X. ") == []
    assert onet.match_roles("x-ray technician", k=1)  # the letter in a title still counts


def test_a_ride_hailing_brand_reads_as_taxi(esco: sg.SkillGraph, onet: sg.SkillGraph) -> None:
    """Red team s23 (7): 'Uber driver' went to truck drivers (O*NET) and hearse driver
    (ESCO): neither taxonomy knows the word 'Uber'."""
    assert onet.match_roles("Uber driver", k=1)[0].label == "Taxi Drivers"
    found = esco.match_roles("Uber driver", k=1)[0]
    assert found.label == "taxi driver" and "'uber' read as 'taxi'" in found.evidence
    assert esco.match_roles("Uber Eats courier", k=1)[0].label != "taxi driver"


def test_regression_a_hyphenated_brand_is_one_brand(
    esco: sg.SkillGraph, onet: sg.SkillGraph
) -> None:
    """Review s24 (6): 'uber-eats rider' was read as 'uber' -> taxi."""
    for g in (esco, onet):
        found = g.match_roles("uber-eats rider", k=1)[0]
        assert "taxi" not in found.label.lower()
        assert "'uber eats' read as 'food delivery'" in found.evidence


def test_regression_a_level_word_lends_no_evidence_from_level_variants(
    esco: sg.SkillGraph, onet: sg.SkillGraph
) -> None:
    """Red team s23 (7): 'Senior Software Engineer' went to quality engineer on ESCO,
    whose "senior quality engineer" and "software quality engineer" lent its bag of
    title words 'senior' and 'software', against software developer's "software
    engineer". Optional first words (`skillgraph.text._prefixes`) no longer count there;
    the level words that name a role keep their answers."""
    assert esco.match_roles("Senior Software Engineer", k=1)[0].label == "software developer"
    assert esco.match_roles("lead machinist", k=1)[0].label == "machine operator supervisor"
    assert esco.match_roles("senior account manager", k=1)[0].label == "sales account manager"
    found = [m.id for m in onet.match_roles("Principal Network Engineer", k=5)]
    assert "onet:15-1241.00" in found  # Computer Network Architects
