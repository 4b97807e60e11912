"""Tests for skillgraph.learning.resources: the model, catalogues from CSV and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import skillgraph as sg
from skillgraph.learning.resources import Teaches

from ..conftest import fed_fifo

IDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-:/", min_size=1, max_size=12)
TEXT = st.text(min_size=1, max_size=30).filter(lambda s: s.strip() == s and s)


@st.composite
def resources(draw: st.DrawFn) -> sg.LearningResource:
    taught = draw(st.lists(IDS, min_size=1, max_size=4, unique=True))
    required = draw(st.lists(IDS.filter(lambda s: s not in taught), max_size=3, unique=True))
    return sg.LearningResource(
        id=draw(IDS),
        label=draw(TEXT),
        provider=draw(st.text(max_size=20)),
        url=draw(st.none() | st.just("https://learn.example.org/x")),
        kind=draw(st.sampled_from(sg.ResourceKind)),
        duration_hours=draw(st.floats(min_value=0.1, max_value=500, allow_nan=False)),
        cost=draw(st.floats(min_value=0, max_value=1e5, allow_nan=False)),
        level=draw(st.none() | st.sampled_from(sg.Proficiency)),
        language=draw(st.sampled_from(["en", "fr", "de", "pt-BR"])),
        delivery=draw(st.sampled_from(sg.Delivery)),
        teaches=[
            Teaches(skill=s, proficiency=draw(st.none() | st.sampled_from(sg.Proficiency)))
            for s in taught
        ],
        requires=required,
    )


@st.composite
def catalogues(draw: st.DrawFn) -> sg.Catalogue:
    items = draw(st.lists(resources(), max_size=6, unique_by=lambda r: r.id))
    return sg.Catalogue(currency=draw(st.sampled_from(["EUR", "USD"])), resources=items)


@given(catalogues())
def test_catalogue_json_round_trip(cat: sg.Catalogue) -> None:
    back = sg.Catalogue.from_json(cat.to_json())
    assert back == cat
    assert back.to_json() == cat.to_json()


@given(catalogues())
def test_catalogue_json_fits_its_schema(cat: sg.Catalogue) -> None:
    jsonschema.validate(json.loads(cat.to_json()), sg.Catalogue.json_schema())


def test_demo_catalogue_covers_every_required_skill(
    demo: sg.SkillGraph, catalogue: sg.Catalogue
) -> None:
    assert len(catalogue) >= 80
    required = {r.skill for r in demo.iter_requirements()}
    assert required <= set(catalogue.teaching)
    assert {r.kind for r in catalogue} == set(sg.ResourceKind)
    assert {r.delivery for r in catalogue} == set(sg.Delivery)
    assert len({r.provider for r in catalogue}) >= 8


def test_demo_catalogue_ships_in_the_package() -> None:
    text = Path(__file__).resolve().parents[2] / "pyproject.toml"
    assert '"ontologies" = "skillgraph/ontologies"' in text.read_text(encoding="utf-8")
    assert sg.bundled_catalogue() == sg.bundled_catalogue()  # reads without a graph too
    assert "demo" in sg.bundled() and "catalogues" not in sg.bundled()


def _csv(tmp_path: Path, body: str, head: str = "id,label,kind,hours,teaches,requires\n") -> Path:
    path = tmp_path / "cat.csv"
    path.write_text(head + body, encoding="utf-8")
    return path


def test_csv_resolves_labels_and_levels(tmp_path: Path, demo: sg.SkillGraph) -> None:
    path = _csv(tmp_path, "py,Python 1,course,10,Python@advanced; git,Shell scripting\n")
    cat = sg.read_catalogue(path, demo)
    (r,) = cat.resources
    assert r.teaches[0].skill == "demo:skill/python"
    assert r.teaches[0].proficiency is sg.Proficiency.ADVANCED
    assert r.requires == ["demo:skill/shell-scripting"]


@pytest.mark.parametrize(
    ("body", "line", "field", "words"),
    [
        ("a,A,course,-2,Python,\n", 2, "hours", "greater than 0"),
        ("a,A,course,two,Python,\n", 2, "hours", "number"),
        # regression, red team s25 (18.2): 1e308 hours printed a 300-digit week count
        ("a,A,course,1e308,Python,\n", 2, "hours", "less than or equal to 100000"),
        ("a,A,course,2,Pythn,\n", 2, "teaches", "Did you mean"),
        ("a,A,course,2,Python,Gitt\n", 2, "requires", "unknown skill"),
        ("a,A,lecture,2,Python,\n", 2, "kind", "course"),
        ("a,A,course,2,Python,\n\n# note\na,B,course,2,Git,\n", 5, "id", "duplicate"),
        ("a,A,course,2,,\n", 2, "teaches", "at least 1"),
    ],
)
def test_bad_csv_names_file_line_and_field(
    tmp_path: Path, demo: sg.SkillGraph, body: str, line: int, field: str, words: str
) -> None:
    path = _csv(tmp_path, body)
    with pytest.raises(sg.FormatError) as info:
        sg.read_catalogue(path, demo)
    err = info.value
    assert err.source == str(path)
    assert err.line == line
    assert err.column == field
    assert words in str(err)


def test_regression_a_catalogue_without_a_size_is_read_within_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Red team: `plan -c /dev/zero` read until memory ran out (MemoryError traceback):
    the size limit was checked on the file's size, which a device or FIFO does not have."""
    from skillgraph.learning import _json

    monkeypatch.setattr(_json, "MAX_BYTES", 10_000)
    fifo = fed_fifo(tmp_path / "c.csv", b"id,label,kind,hours,teaches\n" + b"x" * 20_000)
    with pytest.raises(sg.FormatError, match=r"c\.csv: more than 10000 bytes"):
        sg.read_catalogue(fifo)


def test_bad_csv_header(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("id,label,kind,hours,teaches,colour\n", encoding="utf-8")
    with pytest.raises(sg.FormatError, match="unknown column 'colour'"):
        sg.read_catalogue(path)
    path.write_text("id,label,kind,teaches\n", encoding="utf-8")
    with pytest.raises(sg.FormatError, match="missing column 'duration_hours'"):
        sg.read_catalogue(path)


def test_bad_json_catalogue_names_line_and_field(tmp_path: Path, demo: sg.SkillGraph) -> None:
    good = {"kind": "course", "duration_hours": 2, "teaches": [{"skill": "demo:skill/python"}]}
    doc = {"resources": [{"id": "a", "label": "A", **good}, {"id": "a", "label": "B", **good}]}
    path = tmp_path / "c.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    with pytest.raises(sg.FormatError) as info:
        sg.read_catalogue(path, demo)
    assert info.value.column == "resources[1].id"
    assert info.value.line is not None and info.value.line > 8
    doc["resources"][1].update(id="b", duration_hours=-1)
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    with pytest.raises(sg.FormatError) as info:
        sg.read_catalogue(path, demo)
    assert info.value.column == "resources[1].duration_hours"
    assert "greater than 0" in str(info.value)
    doc["resources"][1].update(duration_hours=1, teaches=[{"skill": "demo:skill/nope"}])
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    with pytest.raises(sg.FormatError, match="not a skill of the graph") as info:
        sg.read_catalogue(path, demo)
    assert info.value.column == "resources[1].teaches"


def test_resource_rules() -> None:
    base = {"id": "r", "label": "R", "kind": "course", "duration_hours": 1}
    with pytest.raises(ValueError, match="both teaches and requires"):
        sg.LearningResource(**base, teaches=[{"skill": "a"}], requires=["a"])
    with pytest.raises(ValueError, match="teaches a skill twice"):
        sg.LearningResource(**base, teaches=[{"skill": "a"}, {"skill": "a"}])
    with pytest.raises(ValueError, match="http"):
        sg.LearningResource(**base, teaches=[{"skill": "a"}], url="file:///etc/passwd")
    r = sg.LearningResource(
        **{**base, "kind": "On the job", "delivery": "In person"}, teaches=[{"skill": "a"}]
    )
    assert r.kind is sg.ResourceKind.ON_THE_JOB and r.delivery is sg.Delivery.IN_PERSON


def test_catalogue_check_and_lookup(demo: sg.SkillGraph) -> None:
    cat = sg.Catalogue(
        resources=[
            sg.LearningResource(
                id="r", label="R", kind="course", duration_hours=1, teaches=[{"skill": "x:y"}]
            )
        ]
    )
    with pytest.raises(sg.DanglingReferenceError, match="x:y"):
        cat.check(demo)
    assert cat["r"].label == "R"
    with pytest.raises(sg.NotFoundError):
        cat["nope"]


def test_catalogue_write_reads_back(tmp_path: Path, catalogue: sg.Catalogue) -> None:
    out = tmp_path / "demo.json"
    catalogue.write(out)
    assert sg.read_catalogue(out) == catalogue


def test_copy_with_other_resources_rebuilds_its_lookups(catalogue: sg.Catalogue) -> None:
    # regression: the cached lookups were carried over by model_copy(update=...)
    assert len(catalogue.by_id) == len(catalogue.lookup.ids) == len(catalogue)
    small = catalogue.model_copy(update={"resources": catalogue.resources[:3]})
    assert len(small.by_id) == len(small.lookup.ids) == 3
    assert set(small.teaching) == {s for r in small for s in r.skills}


def test_regression_a_csv_catalogue_names_its_currency(tmp_path: Path, demo: sg.SkillGraph) -> None:
    # red team s25 (18.9): a CSV catalogue could not say its currency, so every CLI plan
    # printed EUR (a US provider's dollars shown as euros)
    head = "id,label,kind,hours,cost,currency,teaches\n"
    path = _csv(tmp_path, "a,A,course,2,10,usd,Python\nb,B,course,2,10,,Git\n", head)
    assert sg.read_catalogue(path, demo).currency == "USD"
    assert sg.read_catalogue(_csv(tmp_path, "a,A,course,2,10,,Python\n", head), demo).currency == (
        "EUR"
    )
    mixed = _csv(tmp_path, "a,A,course,2,10,USD,Python\nb,B,course,2,10,EUR,Git\n", head)
    with pytest.raises(sg.FormatError, match="line 2 says 'USD'") as info:
        sg.read_catalogue(mixed, demo)
    assert (info.value.line, info.value.column) == (3, "currency")


@pytest.mark.parametrize(
    ("head", "body", "line", "column", "words"),
    [
        (
            "id,label,kind,hours,teaches,currency\n",
            "a,A,course,3,Python,EUROPEANDOLLAR\n",
            2,
            "currency",
            "currency code",
        ),
        (
            "id,label,kind,hours,duration_hours,teaches\n",
            "a,A,course,3,4,Python\n",
            1,
            "duration_hours",
            "repeated column",
        ),
        (
            "id,label,kind,hours,teaches,teaches\n",
            "a,A,course,3,Python,Git\n",
            1,
            "teaches",
            "repeated column",
        ),
    ],
)
def test_regression_a_bad_currency_or_a_repeated_column_names_its_place(
    tmp_path: Path, demo: sg.SkillGraph, head: str, body: str, line: int, column: str, words: str
) -> None:
    # review s25 (7): a long currency cell raised pydantic's ValidationError, and repeated
    # columns were merged, the last winning
    with pytest.raises(sg.FormatError, match=words) as info:
        sg.read_catalogue(_csv(tmp_path, body, head), demo)
    assert (info.value.line, info.value.column) == (line, column)
