"""O*NET text-database reader: a small hand-made database, then the real 29.3 release."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import skillgraph as sg
from skillgraph._requirements import RequirementTable
from skillgraph.errors import DataWarning, FormatError, IncompleteDataWarning
from skillgraph.io._source import Source
from skillgraph.io.onet import (
    ESSENTIAL_IM,
    ONET_NS,
    RATINGS,
    TECH_IN_DEMAND,
    TECH_LISTED,
    element_id,
    read_onet,
    role_id,
    sniff_onet,
    technology_id,
)
from skillgraph.model import SkillKind

SCALE_HEAD = (
    "O*NET-SOC Code\tTitle\tElement ID\tElement Name\tScale ID\tScale Name\tData Value\tN\t"
    "Standard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tNot Relevant\tDate\t"
    "Domain Source\n"
)


def scale_row(code: str, element: str, name: str, scale: str, value: str, sup: str, nr: str) -> str:
    fields = [code, "T", element, name, scale, "S", value, "8", "0.1", "1", "2", sup, nr]
    return "\t".join([*fields, "08/2023", "A"]) + "\n"


SMALL = {
    "Occupation Data.txt": (
        "O*NET-SOC Code\tTitle\tDescription\n"
        "15-1252.00\tSoftware Developers\tWrite software.\n"
        "15-2051.00\tData Scientists\tAnalyse data.\n"
        "43-9021.00\tData Entry Keyers\tType data.\n"
    ),
    "Alternate Titles.txt": (
        "O*NET-SOC Code\tTitle\tAlternate Title\tShort Title\tSource(s)\n"
        "15-1252.00\tSoftware Developers\tApplication Developer\tApp Dev\t08\n"
        "15-1252.00\tSoftware Developers\tSoftware Developers\t\t08\n"
        "15-1252.00\tSoftware Developers\tApplication Developer\t\t10\n"
        "99-9999.00\tNobody\tGhost\t\t10\n"
    ),
    "Job Zones.txt": (
        "O*NET-SOC Code\tTitle\tJob Zone\tDate\tDomain Source\n"
        "15-1252.00\tSoftware Developers\t4\t08/2023\tAnalyst\n"
        "43-9021.00\tData Entry Keyers\t2\t08/2023\tAnalyst\n"
    ),
    "Skills.txt": SCALE_HEAD
    + scale_row("15-1252.00", "2.A.2.b", "Programming", "IM", "5.00", "N", "")
    + scale_row("15-1252.00", "2.A.2.b", "Programming", "LV", "6.00", "N", "N")
    + scale_row("43-9021.00", "2.A.2.b", "Programming", "IM", "1.25", "N", "")
    + scale_row("43-9021.00", "2.A.2.b", "Programming", "LV", "0.10", "N", "Y")
    + scale_row("15-2051.00", "2.A.2.b", "Programming", "IM", "2.00", "N", "")
    + scale_row("15-2051.00", "2.A.2.b", "Programming", "LV", "3.00", "Y", "N"),
    "Knowledge.txt": SCALE_HEAD
    + scale_row("15-2051.00", "2.C.4.a", "Mathematics", "IM", "4.00", "", "")
    + scale_row("15-2051.00", "2.C.4.a", "Mathematics", "LV", "5.50", "", "N")
    + scale_row("43-9021.00", "2.C.4.a", "Mathematics", "IM", "3.00", "Y", "")
    + scale_row("43-9021.00", "2.C.4.a", "Mathematics", "LV", "2.00", "N", "N"),
    "Technology Skills.txt": (
        "O*NET-SOC Code\tTitle\tExample\tCommodity Code\tCommodity Title\tHot Technology\t"
        "In Demand\n"
        "15-1252.00\tSoftware Developers\tC++\t43232401\tCompilers\tY\tY\n"
        "15-2051.00\tData Scientists\tC++\t43232401\tCompilers\tY\tN\n"
        "15-2051.00\tData Scientists\tMicrosoft Excel\t43232110\tSpreadsheets\tN\tN\n"
    ),
    "Content Model Reference.txt": (
        "Element ID\tElement Name\tDescription\n2.A.2.b\tProgramming\tWriting programs.\n"
    ),
}


def write_db(folder: Path, files: dict[str, str] = SMALL) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def read_small(folder: Path) -> sg.SkillGraph:
    with pytest.warns(IncompleteDataWarning, match="99-9999.00"):
        return sg.read(folder, format="onet")


def test_small_database_mapping(tmp_path: Path) -> None:
    g = read_small(write_db(tmp_path / "db"))
    assert g.prefixes["onet"] == ONET_NS
    dev = g.roles[role_id("15-1252.00")]
    assert dev.id == "onet:15-1252.00" and dev.code == "15-1252.00" and dev.level == 4
    assert dev.alt_labels == ("Application Developer", "App Dev")
    assert dev.cluster == "onet:soc/15-1200"
    assert g.clusters["onet:soc/15-1200"].broader == "onet:soc/15-0000"
    assert g.clusters["onet:soc/15-0000"].label == "Computer and Mathematical Occupations"
    assert g.roles[role_id("15-2051.00")].cluster == "onet:soc/15-2000"
    assert g.roles[role_id("15-2051.00")].level is None
    prog = g.skills[element_id("2.A.2.b")]
    assert prog.kind is SkillKind.SKILL and prog.description == "Writing programs."
    assert g.skills[element_id("2.C.4.a")].kind is SkillKind.KNOWLEDGE
    req = {(r.role, r.skill): r for r in g.iter_requirements()}
    top = req[(dev.id, prog.id)]
    assert top.importance == 1.0 and top.essential and top.level == 6.0
    assert (top.source, top.scale) == ("Skills.txt", "IM")
    # Not Relevant: no requirement
    assert (role_id("43-9021.00"), prog.id) not in req
    # suppressed LV: requirement kept without level; IM 2.0 -> 0.25, not essential
    low = req[(role_id("15-2051.00"), prog.id)]
    assert low.level is None and low.importance == 0.25 and not low.essential
    math = req[(role_id("15-2051.00"), element_id("2.C.4.a"))]
    assert math.importance == 0.75 and math.essential == (ESSENTIAL_IM <= 4.0)
    assert math.source == "Knowledge.txt"
    # suppressed IM: no requirement
    assert (role_id("43-9021.00"), element_id("2.C.4.a")) not in req
    cpp = g.skills[technology_id("C++")]
    assert cpp.id == "onet:tech/C%2B%2B" and cpp.kind is SkillKind.TECHNOLOGY
    assert cpp.attributes["hot_technology"] is True and cpp.attributes["in_demand"] is True
    assert g.skills["onet:tech/Microsoft+Excel"].attributes["hot_technology"] is False
    in_demand = req[(dev.id, cpp.id)]
    assert in_demand.essential and in_demand.importance == TECH_IN_DEMAND
    listed = req[(role_id("15-2051.00"), cpp.id)]
    assert not listed.essential and listed.importance == TECH_LISTED
    assert listed.source == "Technology Skills.txt"


def test_regression_in_demand_scale_only_on_rows_flagged_in_demand(tmp_path: Path) -> None:
    # base: every Technology Skills row had scale "In Demand", In Demand = N ones too
    g = read_small(write_db(tmp_path / "db"))
    req = {(r.role, r.skill): r for r in g.iter_requirements()}
    cpp = technology_id("C++")
    in_demand = req[(role_id("15-1252.00"), cpp)]
    assert (in_demand.source, in_demand.scale) == ("Technology Skills.txt", "In Demand")
    for rid, sid in (
        (role_id("15-2051.00"), cpp),
        (role_id("15-2051.00"), "onet:tech/Microsoft+Excel"),
    ):
        listed = req[(rid, sid)]
        assert (listed.source, listed.scale) == ("Technology Skills.txt", None)


def test_missing_optional_files_warn(tmp_path: Path) -> None:
    folder = write_db(tmp_path / "db", {"Occupation Data.txt": SMALL["Occupation Data.txt"]})
    with pytest.warns(DataWarning, match="Skills.txt"):
        g = sg.read(folder, format="onet")
    assert len(g.roles) == 3 and not g.skills


def test_bad_header_names_file_and_column(tmp_path: Path) -> None:
    files = dict(SMALL)
    files["Skills.txt"] = files["Skills.txt"].replace("Data Value", "Value", 1)
    with pytest.raises(FormatError) as info:
        sg.read(write_db(tmp_path / "db", files), format="onet")
    assert info.value.column == "Data Value"
    assert "Skills.txt" in str(info.value) and "'Data Value'" in str(info.value)
    files["Skills.txt"] = SMALL["Skills.txt"].replace("\t", ",")  # comma-separated header
    with pytest.raises(FormatError, match=r"Skills\.txt, line 1, field 'O\*NET-SOC Code'"):
        sg.read(write_db(tmp_path / "db2", files), format="onet")


def test_bad_values_name_line_and_column(tmp_path: Path) -> None:
    files = dict(SMALL)
    files["Knowledge.txt"] += scale_row("15-2051.00", "2.C.1.a", "Admin", "IM", "high", "N", "")
    with pytest.raises(FormatError, match=r"Knowledge\.txt, line 6, field 'Data Value'"):
        sg.read(write_db(tmp_path / "a", files), format="onet")
    files = dict(SMALL)
    files["Job Zones.txt"] += "15-2051.00\tData Scientists\t9\t08/2023\tAnalyst\n"
    with pytest.raises(FormatError, match="Job Zone"):
        sg.read(write_db(tmp_path / "b", files), format="onet")
    files = dict(SMALL)
    files["Occupation Data.txt"] += "151252\tOdd\tx\n"
    with pytest.raises(FormatError, match="O\\*NET-SOC code '151252'"):
        sg.read(write_db(tmp_path / "c", files), format="onet")


def test_non_ascii_digits_and_non_numbers_are_refused_cleanly(tmp_path: Path) -> None:
    """Bug: a Job Zone of '\u00b2' passed ``str.isdigit()`` and ``int()`` raised a bare
    ValueError; a non-numeric ``min_importance`` raised a bare TypeError."""
    files = dict(SMALL)
    files["Job Zones.txt"] += "15-2051.00\tData Scientists\t\u00b2\t08/2023\tAnalyst\n"
    with pytest.raises(FormatError, match=r"Job Zones\.txt, line \d+, field 'Job Zone'"):
        sg.read(write_db(tmp_path / "a", files), format="onet")
    folder = write_db(tmp_path / "b")
    for bad in ("3", None, True):
        with pytest.raises(sg.InvalidValueError, match="min_importance must be a number"):
            sg.read(folder, min_importance=bad)


def test_empty_folder_and_sniffing(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert not sniff_onet(Source.of(empty), b"")
    with pytest.raises(FormatError, match=r"Occupation Data\.txt.*empty folder"):
        sg.read(empty, format="onet")
    assert sniff_onet(Source.of(write_db(tmp_path / "db")), b"")


def test_progress_is_reported_per_file(tmp_path: Path) -> None:
    calls: list[tuple[str, int, int | None]] = []
    with pytest.warns(IncompleteDataWarning):
        read_onet(
            Source.of(write_db(tmp_path / "db")), progress=lambda s, d, t: calls.append((s, d, t))
        )
    assert calls[0] == ("Occupation Data.txt", 0, 8) and calls[-1] == ("done", 8, 8)


# ----------------------------------------------------------------------------- real release
@pytest.fixture(scope="module")
def onet(data: Path) -> sg.SkillGraph:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        g = sg.read(data / "onet" / "29.3", format="onet")
    # the real release reads with one warning only: the occupations without ratings
    assert [w.category for w in caught] == [DataWarning], [str(w.message) for w in caught]
    assert "137 occupations have no Skills or Knowledge ratings" in str(caught[0].message)
    assert "44 with technology requirements only" in str(caught[0].message)
    return g


@pytest.mark.data
@pytest.mark.slow
def test_293_counts(onet: sg.SkillGraph) -> None:
    assert len(onet.roles) == 1016
    kinds: dict[SkillKind, int] = {}
    for s in onet.skills.values():
        kinds[s.kind] = kinds.get(s.kind, 0) + 1
    assert kinds[SkillKind.SKILL] == 35 and kinds[SkillKind.KNOWLEDGE] == 33
    assert kinds[SkillKind.TECHNOLOGY] == 8775  # distinct Example names
    assert sum(1 for r in onet.roles.values() if r.level is not None) == 923
    assert {r.level for r in onet.roles.values()} == {None, 1, 2, 3, 4, 5}


@pytest.mark.data
@pytest.mark.slow
def test_293_requirements_have_importance_and_provenance(onet: sg.SkillGraph) -> None:
    by_source: dict[str | None, int] = {}
    for r in onet.iter_requirements():
        assert 0.0 <= r.importance <= 1.0
        assert r.source in ("Skills.txt", "Knowledge.txt", "Technology Skills.txt")
        if r.source == "Technology Skills.txt":
            # the scale names the In Demand flag only where it is Y (which makes it essential)
            assert r.scale == ("In Demand" if r.essential else None)
            by_source["In Demand"] = by_source.get("In Demand", 0) + (r.scale is not None)
        else:
            assert r.scale == "IM"
        by_source[r.source] = by_source.get(r.source, 0) + 1
    # every Technology Skills row of a listed occupation is a requirement
    assert by_source["Technology Skills.txt"] == 32681
    assert by_source["In Demand"] == 2339  # the rows flagged In Demand = Y
    # 879 occupations x 35 skills, less 3,302 Not Relevant, less those rated below IM 2
    assert 0 < by_source["Skills.txt"] < 879 * 35 - 3302
    assert by_source["Knowledge.txt"] < 879 * 33


@pytest.mark.data
@pytest.mark.slow
def test_293_clusters_cover_every_role(onet: sg.SkillGraph) -> None:
    for role in onet.roles.values():
        assert role.cluster is not None and role.cluster in onet.clusters
        minor = onet.clusters[role.cluster]
        assert minor.broader is not None and onet.clusters[minor.broader].broader is None
        assert "minor group" in minor.label
    assert sum(1 for c in onet.clusters.values() if c.broader is None) == 23


def test_clusters_are_real_soc_minor_groups(tmp_path: Path) -> None:
    """Regression: the minor group of 29-1141 is 29-1000 (SOC 2018), not a made-up 29-1100;
    the three SOC minor groups ending in 100 / 200 keep their codes."""
    rows = ["29-1141.00\tRegistered Nurses", "53-7062.00\tLaborers", "53-7121.00\tLoaders"]
    rows += ["31-1131.00\tNursing Assistants", "51-5112.00\tPrinting Press Operators"]
    occ = "O*NET-SOC Code\tTitle\tDescription\n" + "".join(f"{r}\tD.\n" for r in rows)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = sg.read(write_db(tmp_path / "db", {"Occupation Data.txt": occ}), format="onet")
    got = {r.code: r.cluster for r in g.roles.values()}
    assert got == {
        "29-1141.00": "onet:soc/29-1000",
        "53-7062.00": "onet:soc/53-7000",
        "53-7121.00": "onet:soc/53-7000",
        "31-1131.00": "onet:soc/31-1100",
        "51-5112.00": "onet:soc/51-5100",
    }
    nurses = g.clusters["onet:soc/29-1000"]
    assert nurses.code == "29-1000" and nurses.label.endswith("minor group 29-1000")
    assert nurses.broader == "onet:soc/29-0000"


@pytest.mark.data
@pytest.mark.slow
def test_293_clusters_are_the_98_soc_minor_groups(onet: sg.SkillGraph) -> None:
    minors = {c for c in onet.clusters.values() if c.broader is not None}
    assert len(minors) == 98
    for c in minors:
        assert c.code is not None and (c.code.endswith("000") or c.code in _ODD_MINORS)
    nurse = onet.roles[role_id("29-1141.00")]
    assert nurse.cluster == "onet:soc/29-1000"


_ODD_MINORS = ("15-1200", "31-1100", "51-5100")


@pytest.mark.data
@pytest.mark.slow
def test_293_content(onet: sg.SkillGraph) -> None:
    dev = onet.roles[onet.resolve("Software Developers", "role")]
    assert dev.id == "onet:15-1252.00" and dev.level == 4
    assert "Full Stack Developer" in dev.alt_labels and "Software Developers" not in dev.alt_labels
    # 15-1252.00 has technology skills but no Skills/Knowledge ratings in 29.3
    assert {r.source for r in onet.requirements(dev.id)} == {"Technology Skills.txt"}
    programmers = onet.resolve("Computer Programmers", "role")
    req = {r.skill: r for r in onet.requirements(programmers)}
    programming = onet.resolve("Programming", "skill")
    assert req[programming].essential and req[programming].importance > 0.75
    assert req[programming].level is not None


@pytest.mark.data
@pytest.mark.slow
@pytest.mark.data
@pytest.mark.slow
def test_293_similar_roles(onet: sg.SkillGraph) -> None:
    labels = [m.label for m in onet.similar_roles("Software Developers", k=10)]
    assert any("Programmers" in label or "Web" in label for label in labels)


def test_regression_not_important_ratings_make_no_requirement(data: Path) -> None:
    """Every O*NET element is rated for every occupation: IM < 2 ("not important") used to
    become a requirement, so a biostatistician was told to learn Therapy and Counseling."""
    folder = data / "onet" / "29.3"
    default = sg.read(folder)
    everything = sg.read(folder, min_importance=1.0)
    im = [r for r in everything.iter_requirements() if r.scale == "IM"]
    kept = [r for r in default.iter_requirements() if r.scale == "IM"]
    assert len(kept) == sum(1 for r in im if r.importance >= 0.25)
    assert len(kept) < len(im)
    # with every rating kept: 879 occupations x 35 skills, less 3,302 Not Relevant
    assert sum(1 for r in im if r.source == "Skills.txt") == 879 * 35 - 3302
    assert all(r.importance >= 0.25 for r in kept)
    with pytest.raises(sg.InvalidValueError, match="min_importance"):
        sg.read(folder, min_importance=0.5)


def test_ratings_below_min_importance_are_kept_for_similarity(tmp_path: Path) -> None:
    g = read_small(write_db(tmp_path / "db"))
    keyers = g.roles[role_id("43-9021.00")]
    # IM 1.25 makes no requirement, but the rating profile keeps it (Not Relevant included);
    # the suppressed Mathematics IM is left out
    assert keyers.attributes[RATINGS] == "onet:element/2.A.2.b=0.062/0.100"
    assert (keyers.id, element_id("2.A.2.b")) not in {
        (r.role, r.skill) for r in g.iter_requirements()
    }
    scientists = g.roles[role_id("15-2051.00")].attributes[RATINGS]
    assert scientists == "onet:element/2.A.2.b=0.250 onet:element/2.C.4.a=0.750/5.500"


def test_the_warning_about_unrated_occupations_indexes_no_requirement(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The technology-only occupations of the warning are counted from the rows the reader
    added: asking the store for each one's requirements built the maps of every requirement
    (0.04 s of the O*NET 29.3 read, which no query then read)."""
    files = dict(SMALL)
    files["Occupation Data.txt"] += (
        "15-2099.00\tStatisticians, All Other\tCount.\n15-2098.00\tData Counters\tCount more.\n"
    )
    files["Technology Skills.txt"] += (
        "15-2099.00\tStatisticians, All Other\tMicrosoft Excel\t43232110\tSpreadsheets\tN\tN\n"
    )
    built: list[int] = []
    sync = RequirementTable._sync

    def counted(table: RequirementTable) -> None:
        built.append(len(table))
        sync(table)

    monkeypatch.setattr(RequirementTable, "_sync", counted)
    with pytest.warns(DataWarning) as caught:
        g = sg.read(write_db(tmp_path / "db", files), format="onet")
    assert built == []  # the read built no map
    msgs = [str(w.message) for w in caught if "ratings" in str(w.message)]
    assert len(msgs) == 1
    assert "2 occupations have no Skills or Knowledge ratings" in msgs[0]
    assert "1 with technology requirements only, 1 with no requirement" in msgs[0]
    assert [r.skill for r in g.requirements(role_id("15-2099.00"))]
    assert not list(g.requirements(role_id("15-2098.00")))


def test_occupations_without_ratings_warn_naming_how_many(tmp_path: Path) -> None:
    files = dict(SMALL)
    files["Occupation Data.txt"] += "15-2099.00\tStatisticians, All Other\tCount.\n"
    files["Technology Skills.txt"] += (
        "15-2099.00\tStatisticians, All Other\tMicrosoft Excel\t43232110\tSpreadsheets\tN\tN\n"
    )
    with pytest.warns(DataWarning) as caught:
        g = sg.read(write_db(tmp_path / "db", files), format="onet")
    msgs = [str(w.message) for w in caught if "ratings" in str(w.message)]
    assert len(msgs) == 1
    assert "1 occupations have no Skills or Knowledge ratings" in msgs[0]
    assert "1 with technology requirements only" in msgs[0]
    assert "Statisticians, All Other" in msgs[0]
    # similarity falls back on titles and tools: the technology-only role still has matches
    matches = g.similar_roles("onet:15-2099.00", k=3)
    assert matches and all("ratings" not in m.components for m in matches)
    assert any(m.components.get("tools", 0) > 0 for m in matches)


@pytest.mark.data
@pytest.mark.slow
def test_293_rating_profiles_are_whole(onet: sg.SkillGraph) -> None:
    rated = [r for r in onet.roles.values() if RATINGS in r.attributes]
    assert len(rated) == 879
    programmers = onet.roles[onet.resolve("Computer Programmers", "role")]
    items = str(programmers.attributes[RATINGS]).split()
    assert len(items) == 35 + 33  # every element, the unimportant ones included
    data_scientists = onet.roles[onet.resolve("Data Scientists", "role")]
    assert RATINGS not in data_scientists.attributes
    assert onet.similar_roles(data_scientists.id, k=5)
