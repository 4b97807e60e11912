"""ESCO CSV reader: small hand-made releases, then the real v1.1.1 and v1.1.0 releases."""

from __future__ import annotations

import shutil
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest

import skillgraph as sg
from skillgraph.errors import DataWarning, FormatError, IncompleteDataWarning, InvalidValueError
from skillgraph.io import _esco_conventions as conv
from skillgraph.io._source import Source
from skillgraph.io.esco import read_esco, sniff_esco
from skillgraph.model import ReuseLevel, SkillKind

E = "http://data.europa.eu/esco/"
OCC = E + "occupation/"
SK = E + "skill/"
DANGLING = OCC + "a9e54177-a185-404d-b6e6-15663d31137e"

# ----------------------------------------------------------------------------- small release
SMALL = {
    "ISCOGroups_en.csv": (
        "conceptType,conceptUri,code,preferredLabel,status,altLabels,inScheme,description\n"
        f"ISCOGroup,{E}isco/C2,2,Professionals,released,,,Pros\n"
        f"ISCOGroup,{E}isco/C25,25,ICT professionals,released,,,\n"
        f"ISCOGroup,{E}isco/C251,251,Software developers,released,,,\n"
        f"ISCOGroup,{E}isco/C2511,2511,Systems analysts,released,,,\n"
        f"ISCOGroup,{E}isco/C4,4,Clerks,released,,,\n"
        f"ISCOGroup,{E}isco/C41,41,General clerks,released,,,\n"
        f"ISCOGroup,{E}isco/C413,413,Keyboard operators,released,,,\n"
        f"ISCOGroup,{E}isco/C4132,4132,Data entry clerks,released,,,\n"
    ),
    "skillGroups_en.csv": (
        "conceptType,conceptUri,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,"
        "scopeNote,inScheme,description,code\n"
        f"SkillGroup,{SK}g1,computing,,,released,,,,Computing things,S5\n"
    ),
    "skills_en.csv": (
        "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,"
        "status,modifiedDate,scopeNote,definition,inScheme,description\n"
        f'KnowledgeSkillCompetence,{SK}py,knowledge,cross-sector,Python,"py\npython 3\n",,'
        "released,,,,,A language\n"
        f"KnowledgeSkillCompetence,{SK}sql,skill/competence,sector-specific,use SQL,,sequel,"
        "released,,,,,\n"
        f"KnowledgeSkillCompetence,{SK}type,skill/competence,transversal,touch typing,,,"
        "released,,,,,\n"
    ),
    "occupations_en.csv": (
        "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,"
        "modifiedDate,regulatedProfessionNote,scopeNote,definition,inScheme,description,code\n"
        f'Occupation,{OCC}dev,2511,developer,"coder\nprogrammer",,released,,,,,,Writes code,'
        "2511.1\n"
        f"Occupation,{OCC}clerk,4132,data entry clerk,,,released,,,,,,,4132.2\n"
    ),
    "digitalSkillsCollection_en.csv": (
        "conceptType,conceptUri,preferredLabel\n"
        f"KnowledgeSkillCompetence,{SK}py,Python\n"
        f"KnowledgeSkillCompetence,{SK}sql,use SQL\n"
    ),
    "occupationSkillRelations.csv": (
        "occupationUri,relationType,skillType,skillUri\n"
        f"{OCC}dev,essential,knowledge,{SK}py\n"
        f"{OCC}dev,optional,skill/competence,{SK}sql\n"
        f"{OCC}clerk,essential,skill/competence,{SK}type\n"
        f"{OCC}ghost,essential,skill/competence,{SK}type\n"
        f"{OCC}ghost,optional,skill/competence,{SK}sql\n"
    ),
    "broaderRelationsSkillPillar.csv": (
        "conceptType,conceptUri,broaderType,broaderUri\n"
        f"KnowledgeSkillCompetence,{SK}py,SkillGroup,{SK}g1\n"
        f"KnowledgeSkillCompetence,{SK}sql,SkillGroup,{SK}g1\n"
    ),
    "skillSkillRelations.csv": (
        "originalSkillUri,originalSkillType,relationType,relatedSkillType,relatedSkillUri\n"
        f"{SK}py,knowledge,optional,skill/competence,{SK}sql\n"
    ),
}
CLASSIFICATION = [n for n in SMALL if n.endswith("_en.csv")]
RELATIONS = [n for n in SMALL if not n.endswith("_en.csv")]


def write_release(folder: Path, files: dict[str, str] = SMALL) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def write_zip(path: Path, names: list[str], files: dict[str, str] = SMALL) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in names:
            zf.writestr(name, files[name])
    return path


def read_small(path: Path, **options: Any) -> sg.SkillGraph:
    with pytest.warns(IncompleteDataWarning, match="ghost"):
        return sg.read(path, format="esco", **options)


def test_small_release_mapping(tmp_path: Path) -> None:
    g = read_small(write_release(tmp_path / "rel"))
    dev = g.roles[OCC + "dev"]
    assert dev.alt_labels == ("coder", "programmer")
    assert dev.cluster == E + "isco/C251" and dev.level == 4 and dev.code == "2511.1"
    assert dev.attributes == {"isco_code": "2511"}
    assert g.roles[OCC + "clerk"].level == 2
    py = g.skills[SK + "py"]
    assert py.kind is SkillKind.KNOWLEDGE and py.reuse is ReuseLevel.CROSS_SECTOR
    assert py.alt_labels == ("py", "python 3") and py.tags == ("digital",)
    assert g.skills[SK + "sql"].hidden_labels == ("sequel",)
    assert SK + "g1" in g.groups and SK + "g1" not in g.skills
    assert g.groups[SK + "g1"].code == "S5"
    assert g.broader_of(SK + "py") == [SK + "g1"]
    req = {(r.role, r.skill): r for r in g.iter_requirements()}
    assert req[(OCC + "dev", SK + "py")].importance == conv.ESSENTIAL_IMPORTANCE
    assert not req[(OCC + "dev", SK + "sql")].essential
    assert req[(OCC + "dev", SK + "sql")].importance == conv.OPTIONAL_IMPORTANCE
    assert len(req) == 3  # the ghost occupation's two rows are skipped
    assert g.related_to(SK + "py") == [SK + "sql"]
    # clusters at levels 1-3, each with its coarser group as broader
    assert set(g.clusters) == {E + "isco/C" + c for c in ("2", "25", "251", "4", "41", "413")}
    assert g.clusters[E + "isco/C251"].broader == E + "isco/C25"
    assert g.clusters[E + "isco/C2"].broader is None


def test_built_models_equal_validated_ones(tmp_path: Path) -> None:
    g = read_small(write_release(tmp_path / "rel"))
    for node in g.nodes.values():
        assert type(node).model_validate(node.model_dump()) == node
    for req in g.iter_requirements():
        assert type(req).model_validate(req.model_dump()) == req
    assert sg.loads(sg.dumps(g)) == g


def test_cluster_level_option(tmp_path: Path) -> None:
    folder = write_release(tmp_path / "rel")
    g = read_small(folder, cluster_level=4)
    assert g.roles[OCC + "dev"].cluster == E + "isco/C2511"
    assert len(g.clusters) == 8
    g1 = read_small(folder, cluster_level=1)
    assert g1.roles[OCC + "dev"].cluster == E + "isco/C2" and len(g1.clusters) == 2
    with pytest.raises(InvalidValueError, match="cluster_level"):
        sg.read(folder, format="esco", cluster_level=5)


def test_zips_equal_folder_and_are_recognised(tmp_path: Path) -> None:
    folder = write_release(tmp_path / "rel")
    zips = tmp_path / "zips"
    zips.mkdir()
    write_zip(zips / "classification - en - csv.zip", CLASSIFICATION)
    write_zip(zips / "classification -  - csv.zip", RELATIONS)
    for path in (folder, zips, zips / "classification - en - csv.zip"):
        src = Source.of(path)
        assert sniff_esco(src, src.head())
    assert read_small(zips) == read_small(folder)
    plain = tmp_path / "notes"
    plain.mkdir()
    (plain / "readme.txt").write_text("hello")
    assert not sniff_esco(Source.of(plain), b"")


def test_classification_zip_alone_warns_and_has_no_relations(tmp_path: Path) -> None:
    z = write_zip(tmp_path / "en.zip", CLASSIFICATION)
    with pytest.warns(DataWarning, match="occupationSkillRelations.csv"):
        g = sg.read(z, format="esco")
    assert len(g.roles) == 2 and len(g.skills) == 3 and g.count_requirements() == 0
    data = z.read_bytes()
    with pytest.warns(DataWarning):
        assert sg.read(data, format="esco") == g


def test_relations_zip_alone_is_refused(tmp_path: Path) -> None:
    z = write_zip(tmp_path / "rel.zip", RELATIONS)
    with pytest.raises(FormatError, match="classification - en - csv"):
        sg.read(z, format="esco")


def test_missing_column_names_file_and_column(tmp_path: Path) -> None:
    files = dict(SMALL)
    files["occupations_en.csv"] = files["occupations_en.csv"].replace("iscoGroup,", "isco,", 1)
    folder = write_release(tmp_path / "rel", files)
    with pytest.raises(FormatError) as info:
        sg.read(folder, format="esco")
    assert info.value.column == "iscoGroup"
    assert info.value.source is not None and info.value.source.endswith("occupations_en.csv")
    assert "iscoGroup" in str(info.value) and "occupations_en.csv" in str(info.value)


def test_ragged_row_and_bad_value_name_the_line(tmp_path: Path) -> None:
    files = dict(SMALL)
    files["occupationSkillRelations.csv"] += f"{OCC}dev,essential\n"
    with pytest.raises(FormatError, match=r"occupationSkillRelations.csv, line 7: 2 fields"):
        sg.read(write_release(tmp_path / "a", files), format="esco")
    files = dict(SMALL)
    files["occupationSkillRelations.csv"] += f"{OCC}dev,maybe,knowledge,{SK}type\n"
    with pytest.raises(FormatError, match="relationType"):
        sg.read(write_release(tmp_path / "b", files), format="esco")


def test_isco_group_error_names_its_own_line(tmp_path: Path) -> None:
    """Bug: ISCO groups are sorted by code length before they are built, and errors in them
    named the table's last line (10) instead of the line of the bad row."""
    files = dict(SMALL)
    files["ISCOGroups_en.csv"] = files["ISCOGroups_en.csv"].replace(
        "C25,25,ICT professionals,", "C25,25,,"
    )
    with pytest.raises(FormatError, match=r"ISCOGroups_en\.csv, line 3, field 'preferredLabel'"):
        sg.read(write_release(tmp_path / "a", files), format="esco")
    files = dict(SMALL)
    files["ISCOGroups_en.csv"] = files["ISCOGroups_en.csv"].replace("isco/C41,", "isco/C42,")
    with pytest.raises(FormatError, match=r"ISCOGroups_en\.csv, line 7, field 'conceptUri'"):
        sg.read(write_release(tmp_path / "b", files), format="esco")


def test_empty_folder_is_a_format_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(FormatError, match=r"occupations_en\.csv"):
        sg.read(empty, format="esco")


def test_duplicate_concept_is_a_format_error(tmp_path: Path) -> None:
    files = dict(SMALL)
    files["skills_en.csv"] += (
        f"KnowledgeSkillCompetence,{SK}py,knowledge,,Python again,,,released,,,,,\n"
    )
    with pytest.raises(FormatError, match=r"skills_en.csv, line 7.*listed twice") as exc:
        sg.read(write_release(tmp_path / "rel", files), format="esco")
    assert "replace=True" not in str(exc.value)  # red team s23 #4c: no advice for code


def test_progress_is_reported_per_file(tmp_path: Path) -> None:
    calls: list[tuple[str, int, int | None]] = []
    folder = write_release(tmp_path / "rel")
    with pytest.warns(IncompleteDataWarning):
        read_esco(Source.of(folder), progress=lambda s, d, t: calls.append((s, d, t)))
    stages = [c[0] for c in calls]
    assert "occupations_en.csv" in stages and stages[-1] == "done"
    assert [c[1] for c in calls] == sorted(c[1] for c in calls)
    assert calls[-1][1] == calls[-1][2]


def test_file_present_twice_is_refused(tmp_path: Path) -> None:
    folder = write_release(tmp_path / "rel")
    write_zip(folder / "extra.zip", ["skills_en.csv"])
    with pytest.raises(FormatError, match="present twice"):
        sg.read(folder, format="esco")


def test_sg_read_recognises_esco_without_format(tmp_path: Path) -> None:
    folder = write_release(tmp_path / "rel")
    zips = tmp_path / "zips"
    zips.mkdir()
    write_zip(zips / "classification - en - csv.zip", CLASSIFICATION)
    write_zip(zips / "classification -  - csv.zip", RELATIONS)
    expected = read_small(folder)
    for path in (folder, zips):
        with pytest.warns(IncompleteDataWarning, match="ghost"):
            assert sg.read(path) == expected
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(FormatError, match="folder"):
        sg.read(empty)


# ----------------------------------------------------------------------------- real releases
@pytest.fixture(scope="module")
def esco_csv(data: Path) -> tuple[sg.SkillGraph, list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        g = sg.read(data / "esco" / "v1.1.1" / "csv", format="esco")
    return g, caught


@pytest.fixture(scope="module")
def esco_zip(data: Path) -> tuple[sg.SkillGraph, list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        g = sg.read(data / "esco" / "v1.1.1" / "zip", format="esco")
    return g, caught


@pytest.fixture(scope="module")
def esco(esco_csv: tuple[sg.SkillGraph, list[warnings.WarningMessage]]) -> sg.SkillGraph:
    return esco_csv[0]


@pytest.mark.data
@pytest.mark.slow
def test_v111_counts(esco: sg.SkillGraph) -> None:
    assert len(esco.roles) == 3007
    assert len(esco.skills) == 13896
    assert esco.count_requirements() == 123788
    assert len(esco.groups) == 640
    assert not set(esco.groups) & set(esco.skills)
    assert DANGLING not in esco.nodes


@pytest.mark.data
@pytest.mark.slow
@pytest.mark.parametrize("which", ["esco_csv", "esco_zip"])
def test_v111_dangling_occupation_warning(which: str, request: pytest.FixtureRequest) -> None:
    caught: list[warnings.WarningMessage] = request.getfixturevalue(which)[1]
    about = [w for w in caught if DANGLING in str(w.message)]
    assert len(about) == 1
    assert issubclass(about[0].category, IncompleteDataWarning)
    assert f"{DANGLING} (67 rows)" in str(about[0].message)
    assert "occupationSkillRelations.csv" in str(about[0].message)


@pytest.mark.data
@pytest.mark.slow
def test_v111_zip_folder_equals_csv_folder(
    esco: sg.SkillGraph, esco_zip: tuple[sg.SkillGraph, list[warnings.WarningMessage]], data: Path
) -> None:
    for sub in ("zip", "csv"):
        assert sniff_esco(Source.of(data / "esco" / "v1.1.1" / sub), b"")
    zipped = esco_zip[0]
    assert zipped.diff(esco) == {}
    assert zipped == esco


@pytest.mark.data
@pytest.mark.slow
def test_v111_clusters_cover_every_role(esco: sg.SkillGraph) -> None:
    for role in esco.roles.values():
        assert role.cluster is not None and role.cluster in esco.clusters, role.id
        cluster = esco.clusters[role.cluster]
        assert cluster.label != cluster.id  # a real ISCO group, not a placeholder
        assert cluster.code is not None and len(cluster.code) == conv.DEFAULT_CLUSTER_LEVEL
        assert role.level in (1, 2, 3, 4)
    majors = [c for c in esco.clusters.values() if c.broader is None]
    assert len(majors) == 10


@pytest.mark.data
@pytest.mark.slow
def test_v111_content(esco: sg.SkillGraph) -> None:
    role = esco.roles[esco.resolve("data analyst", "role")]
    assert role.attributes["isco_code"] == "2511" and role.cluster == E + "isco/C251"
    assert len(role.alt_labels) > 0 and role.description
    kinds = {s.kind for s in esco.skills.values()}
    assert kinds == {SkillKind.SKILL, SkillKind.KNOWLEDGE}
    tags = {t for s in esco.skills.values() for t in s.tags}
    assert {"transversal", "digital", "green", "language"} <= tags
    essential = sum(1 for r in esco.iter_requirements() if r.essential)
    assert essential == 64946 - 55  # 55 of the dangling occupation's 67 rows are essential
    assert any(esco.broader_of(s) for s in esco.skills)
    assert sum(1 for _ in esco.iter_related()) == 5899 - 1  # one self-relation skipped


@pytest.mark.data
@pytest.mark.slow
def test_v110_zips_and_release_changes(esco: sg.SkillGraph, data: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        old = sg.read(data / "esco" / "v1.1.0" / "zip", format="esco")
    assert len(old.roles) == 3008 and len(old.skills) == 13891
    roles_added = set(esco.roles) - set(old.roles)
    roles_removed = set(old.roles) - set(esco.roles)
    skills_added = set(esco.skills) - set(old.skills)
    skills_removed = set(old.skills) - set(esco.skills)
    assert (len(roles_added), len(roles_removed)) == (0, 1)
    assert (len(skills_added), len(skills_removed)) == (5, 0)
    # the occupation v1.1.1 dropped from occupations_en.csv but kept in its relations
    assert roles_removed == {DANGLING}
    assert old.roles[DANGLING].label == "therapeutic radiographer"


@pytest.mark.data
@pytest.mark.slow
@pytest.mark.data
@pytest.mark.slow
def test_v111_real_queries(esco: sg.SkillGraph) -> None:
    analyst = esco.roles[esco.resolve("data analyst", "role")]
    similar = esco.similar_roles("data analyst", k=5)
    labels = [m.label for m in similar]
    assert "data scientist" in labels
    assert all("data" in label or "ICT" in label or "statistic" in label for label in labels[:2])
    # moves are judged by job family (ESCO's one-level ISCO groups are not families)
    family = esco.families("auto")
    plans = esco.upskill("data analyst", k=3)
    assert plans
    for plan in plans:
        assert all(family[step.role] == family[analyst.id] for step in plan.steps)
    plan = esco.reskill("data analyst", "statistician")
    assert plan.reachable and plan.steps[-1].role == esco.find("statistician", "role").id
    assert any(family[step.role] != family[analyst.id] for step in plan.steps)
    move = esco.classify("data analyst", "data scientist")
    scientist = esco.find("data scientist", "role").id
    crosses = family[scientist] != family[analyst.id]
    assert move.kind is (sg.MoveKind.RESKILLING if crosses else sg.MoveKind.UPSKILLING)
    assert move.viability is not None and move.viability.viable
    assert esco.classify("data analyst", "statistician").kind is sg.MoveKind.RESKILLING


@pytest.mark.data
@pytest.mark.slow
def test_copy_of_real_csv_with_a_missing_column(data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "esco"
    folder.mkdir()
    src = data / "esco" / "v1.1.1" / "csv"
    for name in ("occupations_en.csv", "ISCOGroups_en.csv"):
        shutil.copy(src / name, folder / name)
    head, rest = (src / "skills_en.csv").read_text(encoding="utf-8").split("\n", 1)
    head = head.replace("reuseLevel", "reuse")
    (folder / "skills_en.csv").write_text(head + "\n" + rest[:5000], encoding="utf-8")
    with (
        pytest.raises(FormatError, match=r"skills_en\.csv, line 1, field 'reuseLevel'"),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore", DataWarning)
        sg.read(folder, format="esco")


def test_broader_cycle_names_the_line_of_the_closing_link(tmp_path: Path) -> None:
    """The hierarchy goes to the store at once and is checked for a cycle once; the error
    still names the link (and line) that closes the cycle, not the file's last one."""
    files = dict(SMALL)
    files["broaderRelationsSkillPillar.csv"] = (
        "conceptType,conceptUri,broaderType,broaderUri\n"
        f"KnowledgeSkillCompetence,{SK}py,SkillGroup,{SK}g1\n"
        f"SkillGroup,{SK}g1,KnowledgeSkillCompetence,{SK}sql\n"
        f"KnowledgeSkillCompetence,{SK}sql,KnowledgeSkillCompetence,{SK}py\n"
        f"KnowledgeSkillCompetence,{SK}type,SkillGroup,{SK}g1\n"
    )
    with warnings.catch_warnings(), pytest.raises(FormatError, match="closes a cycle") as exc:
        warnings.simplefilter("ignore", IncompleteDataWarning)
        sg.read(write_release(tmp_path / "rel", files), format="esco")
    assert exc.value.line == 4 and exc.value.column == "broaderUri"
    assert f"{SK}sql -> {SK}py" in str(exc.value)


def test_interleaved_relation_rows_give_each_requirement_once(tmp_path: Path) -> None:
    """Consecutive rows of one occupation and relation type go to the store as one list:
    rows of two occupations interleaved, and a pair given twice (the later row wins),
    read as one row at a time would."""
    files = dict(SMALL)
    files["occupationSkillRelations.csv"] = (
        "occupationUri,relationType,skillType,skillUri\n"
        f"{OCC}dev,essential,knowledge,{SK}py\n"
        f"{OCC}clerk,essential,skill/competence,{SK}type\n"
        f"{OCC}dev,optional,skill/competence,{SK}sql\n"
        f"{OCC}dev,optional,skill/competence,{SK}type\n"
        f"{OCC}ghost,essential,skill/competence,{SK}type\n"
        f"{OCC}dev,essential,skill/competence,{SK}type\n"
    )
    g = read_small(write_release(tmp_path / "rel", files))
    got = {(r.role, r.skill): (r.essential, r.importance) for r in g.iter_requirements()}
    assert got == {
        (OCC + "dev", SK + "py"): (True, 1.0),
        (OCC + "dev", SK + "sql"): (False, 0.5),
        (OCC + "dev", SK + "type"): (True, 1.0),
        (OCC + "clerk", SK + "type"): (True, 1.0),
    }


def test_regression_a_release_without_isco_groups_names_no_missing_file_row(
    tmp_path: Path,
) -> None:
    """Red team s23 #4d: without ISCOGroups_en.csv the second occupation of a group was
    refused as 'not in ISCOGroups_en.csv', naming a file the release does not have."""
    files = {k: v for k, v in SMALL.items() if k != "ISCOGroups_en.csv"}
    files["occupations_en.csv"] += f"Occupation,{OCC}dev2,2511,tester,,,released,,,,,,,\n"
    with pytest.warns(DataWarning, match="missing ISCOGroups_en.csv"):
        g = sg.read(write_release(tmp_path / "rel", files), format="esco")
    assert len(g.roles) == 3 and g.roles[OCC + "dev2"].cluster == g.roles[OCC + "dev"].cluster
    files = dict(SMALL)
    files["occupations_en.csv"] += f"Occupation,{OCC}dev2,9999,tester,,,released,,,,,,,\n"
    with pytest.raises(FormatError, match=r"ISCO group '9999' is not in ISCOGroups_en\.csv"):
        sg.read(write_release(tmp_path / "rel2", files), format="esco")
