"""The release tools on the real ESCO v1.1.0 and v1.1.1 releases (skipped without the data)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import skillgraph as sg

pytestmark = [pytest.mark.data, pytest.mark.slow]

E = "http://data.europa.eu/esco/"
DANGLING = E + "occupation/a9e54177-a185-404d-b6e6-15663d31137e"


@pytest.fixture(scope="module")
def releases(data: Path) -> tuple[sg.SkillGraph, sg.SkillGraph]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sg.DataWarning)
        old = sg.read(data / "esco" / "v1.1.0" / "zip", format="esco")
        new = sg.read(data / "esco" / "v1.1.1" / "zip", format="esco")
    return old, new


@pytest.fixture(scope="module")
def report(releases: tuple[sg.SkillGraph, sg.SkillGraph]) -> sg.DiffReport:
    return sg.diff(*releases, names=("v1.1.0", "v1.1.1"))


def test_counts_agree_with_the_importer_tests(
    releases: tuple[sg.SkillGraph, sg.SkillGraph], report: sg.DiffReport
) -> None:
    old, new = releases
    # the figures tests/io/test_esco.py checks for the two releases
    assert (len(old.roles), len(new.roles)) == (3008, 3007)
    assert (len(old.skills), len(new.skills)) == (13891, 13896)
    c = report.counts()
    assert (c["role"]["added"], c["role"]["removed"]) == (0, 1)
    assert (c["skill"]["added"], c["skill"]["removed"]) == (5, 0)
    assert [n.id for n in report.nodes_removed if n.type is sg.NodeType.ROLE] == [DANGLING]
    assert report.nodes_removed[0].label == "therapeutic radiographer"
    added = c["requires"]["added"] - c["requires"]["removed"]
    assert new.count_requirements() - old.count_requirements() == added
    assert new.count_requirements() == 123788
    assert old.diff(new)["role"]["removed"] == [DANGLING]


def test_changed_labels_are_named(report: sg.DiffReport) -> None:
    renamed = {(r.old_label, r.new_label) for r in report.renamed}
    assert ("promote inclusion in research", "integrate gender dimension in research") in renamed
    changed = {n.id: n for n in report.nodes_changed}
    for r in report.renamed:
        fields = {f.field: (f.old, f.new) for f in changed[r.id].changes}
        assert fields["label"] == (r.old_label, r.new_label)
    text = report.to_text()
    assert "promote inclusion in research → integrate gender dimension in research" in text


def test_new_skill_group_ids_and_retyped_groups(report: sg.DiffReport) -> None:
    # v1.1.1 gave its skill groups UUID ids; five digital groups became skills
    assert len(report.reidentified) > 200
    assert all(x.type is sg.NodeType.GROUP for x in report.reidentified)
    assert len(report.retyped) == 5
    assert {t.new_type for t in report.retyped} == {sg.NodeType.SKILL}


def test_roles_whose_requirements_changed_most(report: sg.DiffReport) -> None:
    top = report.roles_most_changed
    assert len(top) == 10
    totals = [t.added + t.removed + t.reweighted for t in top]
    assert totals == sorted(totals, reverse=True) and totals[0] > 5
    md = report.to_markdown()
    assert "## Roles whose requirements changed most" in md and top[0].label in md


def test_merge_of_the_releases_lists_conflicts_with_both_values(
    releases: tuple[sg.SkillGraph, sg.SkillGraph],
) -> None:
    old, new = releases
    with pytest.raises(sg.MergeConflictError) as info:
        sg.merge(old, new)
    found = {(c.kind, c.id): c for c in info.value.conflicts}
    clash = found[("node", E + "skill/426ceaba-6867-481c-bb6b-aee3933da7d2")]  # group -> skill
    assert clash.fields[0].field == "type"
    renamed = found[("node", E + "skill/cd50d616-1f8b-481e-983f-68d2674ff82d")]
    assert renamed.left["label"] == "promote inclusion in research"
    assert renamed.right["label"] == "integrate gender dimension in research"
