"""The query verbs on the bundled demo: tables, --json equal to the library's models, lookups."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import Result

import skillgraph as sg

from .conftest import ok, one_error

ROLE = "software engineer"
RETAIL = "retail sales assistant"
DIGITAL = "digital marketing specialist"


def required(demo: sg.SkillGraph, role: str) -> list[str]:
    """Skill ids ``role`` requires, most important first."""
    reqs = demo.requirements(demo.resolve(role, "role"))
    return [r.skill for r in sorted(reqs, key=lambda r: (-r.importance, r.skill))]


Invoke = Callable[..., Result]


class TestGap:
    def test_json_is_the_library_result(self, invoke: Invoke, demo: sg.SkillGraph) -> None:
        have = required(demo, ROLE)[:2]
        out = ok(
            invoke(
                "gap", "--role", ROLE, "--have", have[0], "--have", demo.label(have[1]), "--json"
            )
        )
        got = sg.Gap.model_validate_json(out)
        assert got.inputs is not None  # what each --have resolved to
        assert [m.id for m in got.inputs.matched] == have
        assert got.model_copy(update={"inputs": None}) == demo.gap(demo.resolve(ROLE, "role"), have)
        assert set(have) <= set(got.matched)
        assert 0 < got.coverage < 1

    def test_table_explains_coverage_and_what_to_learn(
        self, invoke: Invoke, demo: sg.SkillGraph
    ) -> None:
        have = required(demo, ROLE)[:1]
        text = ok(invoke("gap", "-r", ROLE, "--have", have[0]))
        gap = demo.gap(demo.resolve(ROLE, "role"), have)
        assert f"Coverage: {gap.coverage * 100:.0f}%" in text
        assert demo.label(gap.missing[0]) in text
        assert "have" in text and "missing" in text and "To learn" in text

    def test_regression_a_role_without_requirements_says_so(
        self, invoke: Invoke, tmp_path: Any
    ) -> None:
        # red team s25 (11): a graph read without its requirements said "Coverage: 100% of
        # the role's weighted requirements ...; 0 of 0 skills held" for anyone
        g = sg.SkillGraph()
        g.add(sg.Role(id="r:a", label="Shop assistant"))
        path = tmp_path / "bare.json"
        sg.write(g, path)
        text = ok(invoke("gap", "-O", str(path), "-r", "shop assistant"))
        assert "The role lists no requirements in this graph" in text
        assert "Coverage: 100%" not in text

    def test_a_title_covering_its_tool_class_is_shown_with_its_reason(
        self, invoke: Invoke, tmp_path: Any
    ) -> None:
        # base: holding one spreadsheet program left the role's other two missing, and the
        # output said nothing of tool classes
        g = sg.SkillGraph()
        for i, name in enumerate(("Microsoft Excel", "LibreOffice Calc", "Google Sheets")):
            attrs = {"commodity_title": "Spreadsheet software"}
            g.add(
                sg.Skill(id=f"s:t{i}", label=name, kind=sg.SkillKind.TECHNOLOGY, attributes=attrs)
            )
        g.add(sg.Skill(id="s:care", label="Patient care"))
        g.add(sg.Role(id="r:nurse", label="Nurse"))
        for s in ("s:t0", "s:t1", "s:t2", "s:care"):
            g.require("r:nurse", s)
        path = tmp_path / "g.json"
        sg.write(g, path)
        args = ("gap", "-r", "Nurse", "--have", "Google Sheets", "--ontology", str(path))
        text = ok(invoke(*args))
        assert "3 of 4 skills held" in text and "tool class" in text
        row = next(line for line in text.splitlines() if "Microsoft Excel" in line)
        assert row.split()[0] == "have" and "covered by Google Sheets (same tool class)" in row
        got = json.loads(ok(invoke(*args, "--json")))
        (item,) = [d for d in got["details"] if d["skill"] == "s:t0"]
        assert item["covered_by"] == "s:t2"
        assert item["note"] == "covered by Google Sheets (same tool class)"
        assert got["missing"] == ["s:care"]

    def test_no_skills_means_zero_coverage(self, invoke: Invoke) -> None:
        got = json.loads(ok(invoke("gap", "--role", ROLE, "--json")))
        assert got["coverage"] == 0 and got["matched"] == []


class TestReskill:
    def test_readme_example(self, invoke: Invoke, demo: sg.SkillGraph) -> None:
        text = ok(invoke("reskill", "--from", RETAIL, "--to", DIGITAL))
        plan = demo.reskill(demo.resolve(RETAIL, "role"), demo.resolve(DIGITAL, "role"))
        for step in plan.steps:
            assert step.label in text
        assert "transferable" in text and "to learn" in text and "Why:" in text
        assert f"Total cost {plan.cost:.2f}" in text

    def test_json_is_the_library_plan(self, invoke: Invoke, demo: sg.SkillGraph) -> None:
        plan = sg.Plan.model_validate_json(
            ok(invoke("reskill", "-f", RETAIL, "-t", DIGITAL, "--json"))
        )
        assert plan == demo.reskill(demo.resolve(RETAIL, "role"), demo.resolve(DIGITAL, "role"))
        assert plan.kind is sg.MoveKind.RESKILLING
        assert plan.steps[-1].role == demo.resolve(DIGITAL, "role")

    def test_to_a_cluster(self, invoke: Invoke, demo: sg.SkillGraph) -> None:
        target = demo.roles[demo.resolve(DIGITAL, "role")].cluster
        assert target is not None
        plan = sg.Plan.model_validate_json(
            ok(invoke("reskill", "-f", RETAIL, "-t", demo.label(target), "--json"))
        )
        assert demo.roles[plan.steps[-1].role].cluster == target

    def test_mermaid(self, invoke: Invoke, demo: sg.SkillGraph) -> None:
        text = ok(invoke("reskill", "-f", RETAIL, "-t", DIGITAL, "--mermaid"))
        plan = demo.reskill(demo.resolve(RETAIL, "role"), demo.resolve(DIGITAL, "role"))
        assert text == plan.to_mermaid(demo.label)

    def test_skill_target_is_refused(self, invoke: Invoke, demo: sg.SkillGraph) -> None:
        skill = required(demo, DIGITAL)[0]
        result = invoke("reskill", "-f", RETAIL, "-t", skill)
        assert result.exit_code == 1
        assert "takes a role, cluster or industry" in one_error(result.stderr)

    def test_ambiguous_role_target_is_not_a_cluster(self, invoke: Invoke, tmp_path: Any) -> None:
        """Bug: --to skipped an ambiguous role label and planned to a cluster of that label,
        where the library (``g.reskill``) raises AmbiguousError."""
        g = sg.SkillGraph()
        g.add(sg.Skill(id="s:a", label="A"))
        g.add(sg.Cluster(id="c:one", label="One"))
        g.add(sg.Cluster(id="c:two", label="Analyst"))
        g.add(sg.Role(id="r:start", label="Start", cluster="c:one"))
        g.add(sg.Role(id="r:x", label="Analyst", cluster="c:two"))
        g.add(sg.Role(id="r:y", label="Analyst", cluster="c:two"))
        for r in ("r:start", "r:x", "r:y"):
            g.require(r, "s:a")
        path = tmp_path / "g.json"
        sg.write(g, path)
        with pytest.raises(sg.AmbiguousError):
            g.reskill("r:start", "Analyst")
        result = invoke("reskill", "-f", "Start", "-t", "Analyst", "--ontology", str(path))
        assert result.exit_code == 1
        assert "matches 2 roles" in one_error(result.stderr)


class TestUpskill:
    def test_json_plans_stay_in_the_cluster(self, invoke: Invoke, demo: sg.SkillGraph) -> None:
        rid = demo.resolve(ROLE, "role")
        raw = json.loads(ok(invoke("upskill", "--role", ROLE, "-k", "3", "--json")))
        plans = [sg.Plan.model_validate(p) for p in raw]
        assert plans == demo.upskill(rid, None, 3)
        assert len(plans) <= 3
        for plan in plans:
            assert plan.kind is sg.MoveKind.UPSKILLING
            assert all(step.cluster == demo.roles[rid].cluster for step in plan.steps)

    def test_table(self, invoke: Invoke, demo: sg.SkillGraph) -> None:
        text = ok(invoke("upskill", "--role", ROLE))
        assert "inside the role's job family" in text
        for plan in demo.upskill(demo.resolve(ROLE, "role")):
            assert plan.steps[-1].label in text


class TestSimilarAdjacentPath:
    def test_adjacent_names_a_repeated_skill_once(self, invoke: Invoke) -> None:
        """Bug: ``--skill python --skill Python`` titled the table "adjacent to Python, Python"."""
        text = ok(invoke("adjacent", "--skill", "python", "--skill", "Python", "-k", "2"))
        assert text.splitlines()[0] == "Skills adjacent to Python"

    def test_regression_adjacent_takes_have_like_the_other_verbs(self, invoke: Invoke) -> None:
        """Red team s21 #16: cli.md gives skills with --have/-s; adjacent refused --have."""
        by_have = ok(invoke("adjacent", "--have", "python", "--have", "sql", "--json"))
        assert by_have == ok(invoke("adjacent", "--skill", "python", "-s", "sql", "--json"))

    @pytest.mark.parametrize(
        "args",
        [
            ("adjacent", "--skill", "split testing", "-k", "2"),
            ("path", "--from", "split testing", "--to", "python"),
        ],
    )
    def test_regression_a_skill_named_by_its_alt_label_gets_a_notice(
        self, invoke: Invoke, args: tuple[str, ...]
    ) -> None:
        """Red team s25 (18.1): adjacent (and path) took 'split testing' as A/B testing
        silently; the query verbs say so."""
        res = invoke(*args)
        assert res.exit_code == 0, res.output
        assert "'split testing' is an alternative label of A/B testing" in res.stderr
        assert "using that skill" in res.stderr

    def test_similar(self, invoke: Invoke, demo: sg.SkillGraph) -> None:
        raw = json.loads(ok(invoke("similar", "--role", ROLE, "-k", "3", "--json")))
        got = [sg.Match.model_validate(m) for m in raw]
        assert got == demo.similar_roles(demo.resolve(ROLE, "role"), 3)
        assert 0 < len(got) <= 3
        assert [m.score for m in got] == sorted((m.score for m in got), reverse=True)
        text = ok(invoke("similar", "--role", ROLE, "-k", "3"))
        assert all(m.label in text for m in got)

    def test_adjacent(self, invoke: Invoke, demo: sg.SkillGraph) -> None:
        skills = required(demo, ROLE)[:2]
        raw = json.loads(
            ok(invoke("adjacent", "--skill", skills[0], "--skill", skills[1], "-k", "4", "--json"))
        )
        got = [sg.Match.model_validate(m) for m in raw]
        assert got == demo.adjacent_skills(skills, 4)
        assert got and not {m.id for m in got} & set(skills)
        text = ok(invoke("adjacent", "-s", skills[0], "-k", "4"))
        assert demo.adjacent_skills([skills[0]], 4)[0].label in text

    def test_path(self, invoke: Invoke, demo: sg.SkillGraph) -> None:
        a, b = required(demo, ROLE)[:2]
        got = json.loads(ok(invoke("path", "--from", a, "--to", demo.label(b), "--json")))
        assert got == demo.skill_path(a, b)
        assert got[0] == a and got[-1] == b
        text = ok(invoke("path", "-f", a, "-t", b))
        assert demo.label(a) in text and demo.label(b) in text
        # base: one skill a line, no reason per hop (round 16's red team)
        hops = demo.explain_skill_path(a, b)
        lines = [x for x in text.splitlines() if x.lstrip().startswith("->")]
        assert len(lines) == len(hops) >= 1
        words = {
            "related": "declared related to",
            "broader": "broader than",
            "narrower": "narrower than",
            "sibling": "both under",
            "co-required": "co-required with",
        }
        for line, hop in zip(lines, hops, strict=True):
            assert words[hop.relation] in line and f"cost {hop.cost:.2f}" in line

    def test_classify(self, invoke: Invoke, demo: sg.SkillGraph) -> None:
        move = sg.Move.model_validate_json(
            ok(invoke("classify", "--from", RETAIL, "--to", DIGITAL, "--json"))
        )
        assert move == demo.classify(demo.resolve(RETAIL, "role"), demo.resolve(DIGITAL, "role"))
        assert move.kind is sg.MoveKind.RESKILLING
        assert "reskilling" in ok(invoke("classify", "-f", RETAIL, "-t", DIGITAL))

    def test_regression_classify_names_the_families_it_decided_by(
        self, invoke: Invoke, demo: sg.SkillGraph
    ) -> None:
        # the header named the clusters while the kind was decided by job families
        move = demo.classify(demo.resolve(RETAIL, "role"), demo.resolve(DIGITAL, "role"))
        text = ok(invoke("classify", "-f", RETAIL, "-t", DIGITAL))
        assert f"  from family {move.source_family_label}\n" in text
        assert f"  to family   {move.target_family_label}\n" in text
        assert move.source_family_label in move.explanation
        assert move.target_family_label in move.explanation
        assert "from cluster" not in text


class TestLookups:
    def test_unknown_role_suggests(self, invoke: Invoke, demo: sg.SkillGraph) -> None:
        result = invoke("gap", "--role", "sofware enginer")
        assert result.exit_code == 1
        line = one_error(result.stderr)
        assert "Did you mean" in line
        assert demo.label(demo.resolve(ROLE, "role")) in line

    def test_unknown_skill(self, invoke: Invoke) -> None:
        result = invoke("gap", "--role", ROLE, "--have", "underwater basket weaving xyz")
        assert result.exit_code == 1
        assert "no skill matches" in one_error(result.stderr)

    def test_a_skill_is_not_a_role(self, invoke: Invoke, demo: sg.SkillGraph) -> None:
        result = invoke("similar", "--role", required(demo, ROLE)[0])
        assert result.exit_code == 1
        one_error(result.stderr)

    def test_unknown_ontology(self, invoke: Invoke) -> None:
        result = invoke("gap", "--role", ROLE, "--ontology", "no-such-ontology")
        assert result.exit_code == 1
        assert "no-such-ontology" in one_error(result.stderr)

    def test_ontology_by_path(self, invoke: Invoke, demo_path: Any) -> None:
        got = json.loads(
            ok(invoke("similar", "-r", ROLE, "-k", "2", "--json", "--ontology", str(demo_path)))
        )
        assert len(got) == 2

    def test_debug_reraises(self, invoke: Invoke) -> None:
        result = invoke("--debug", "gap", "--role", "sofware enginer")
        assert isinstance(result.exception, sg.NotFoundError)

    @pytest.mark.parametrize(
        "args", [["gap"], ["similar", "--role", ROLE, "-k", "0"], ["reskill", "--from", RETAIL]]
    )
    def test_usage_errors_exit_2(self, invoke: Invoke, args: list[str]) -> None:
        result = invoke(*args)
        assert result.exit_code == 2
        assert "Traceback" not in result.output


def _help_examples() -> list[list[str]]:
    """The ``skillgraph ...`` example lines of every query verb's --help."""
    import shlex

    from click.testing import CliRunner

    from skillgraph.cli import cli

    out: list[list[str]] = []
    for name in ("gap", "upskill", "reskill", "classify", "similar", "adjacent", "path"):
        text = CliRunner().invoke(cli, [name, "--help"]).output
        for line in text.splitlines():
            if line.strip().startswith("skillgraph "):
                out.append(shlex.split(line.strip())[1:])
    return out


@pytest.mark.parametrize("args", _help_examples(), ids=" ".join)
def test_help_examples_run(invoke: Invoke, args: list[str]) -> None:
    """Bug: the upskill --help example named a role the demo lacks and exited 1."""
    ok(invoke(*args))


class TestIndexParts:
    """Verbs comparing no roles build (and store) the core of the analysis index only."""

    @pytest.mark.parametrize(
        "args",
        [
            ("gap", "--role", ROLE),
            ("adjacent", "--skill", "python"),
            ("path", "--from", "python", "--to", "sql"),
        ],
    )
    def test_a_verb_comparing_no_roles_stores_no_profiles(
        self,
        invoke: Invoke,
        demo: sg.SkillGraph,
        tmp_path: Any,
        monkeypatch: pytest.MonkeyPatch,
        args: tuple[str, ...],
    ) -> None:
        from skillgraph.analysis._index import INDEX_FORMAT_VERSION

        monkeypatch.setenv("SKILLGRAPH_CACHE", str(tmp_path / "cache"))
        monkeypatch.setenv("SKILLGRAPH_CACHE_MIN_BYTES", "0")
        path = tmp_path / "demo.json"
        sg.write(demo, path)
        ok(invoke(*args, "-O", str(path)))
        parts = {p.name.split(".")[1] for p in (tmp_path / "cache").glob("snapshots/*.sgsnap")}
        assert f"index-v{INDEX_FORMAT_VERSION}" in parts
        assert not any(p.startswith("profiles-") for p in parts)
        ok(invoke("similar", "--role", ROLE, "-O", str(path)))  # then completed and stored
        parts = {p.name.split(".")[1] for p in (tmp_path / "cache").glob("snapshots/*.sgsnap")}
        assert any(p.startswith("profiles-") for p in parts)
