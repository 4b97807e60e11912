"""The requirement table (skillgraph._requirements): rows split by role without the maps."""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import example, given
from hypothesis import strategies as st

from skillgraph._requirements import RequirementTable, requirement
from skillgraph.model import Requirement

_PLAIN = (1.0, 0.5)  # ESCO's: essential, optional
_ops = st.lists(
    st.one_of(
        st.tuples(
            st.just("add"),
            st.sampled_from(["r1", "r2", "r3"]),
            st.sampled_from(["s1", "s2", "s3", "r1"]),
            st.booleans(),
            st.sampled_from([0.25, 0.5, 1.0]),
        ),
        st.tuples(
            st.just("extra"),
            st.sampled_from(["r1", "r2"]),
            st.sampled_from(["s1", "s2"]),
            st.sampled_from([(0.5, None, None), (None, "onet", "IM"), (None, None, None)]),
        ),
        st.tuples(st.just("drop"), st.sampled_from(["r1", "s2"])),
        st.tuples(st.just("reload")),
    ),
    max_size=30,
)

Grouped = dict[str, tuple[list[str], list[str], list[tuple[str, bool, float, object]]]]


def _grouped(table: RequirementTable) -> Grouped:
    return {
        role: (sorted(ess), sorted(opt), sorted(special))
        for role, (ess, opt, special) in table.split_by_role(_PLAIN).items()
    }


def _by_maps(table: RequirementTable) -> Grouped:
    """What `split_by_role` gives, from the maps one requirement at a time."""
    out: Grouped = {}
    for r in table.roles():
        vals = table.values_of_role(r)
        if not vals:
            continue
        special = [
            v
            for v in vals
            if (v[3] is not None and v[3] != (None, None, None))
            or v[2] != (_PLAIN[0] if v[1] else _PLAIN[1])
        ]
        out[r] = (
            sorted(s for s, e, _, _ in vals if e),
            sorted(s for s, e, _, _ in vals if not e),
            sorted(special, key=lambda v: v[0]),
        )
    return out


@given(_ops)
def test_split_by_role_is_values_of_role_for_every_role(ops: list[tuple[object, ...]]) -> None:
    """Replaced rows, rows with a level, source or scale, dropped nodes and freshly loaded
    tables (maps not built yet)."""
    table = RequirementTable()
    for op in ops:
        if op[0] == "add":
            _, role, skill, essential, importance = op
            table.add_rows([(str(role), str(skill), bool(essential), float(importance))])  # type: ignore[arg-type]
        elif op[0] == "extra":
            _, role, skill, extra = op
            table.add_many([requirement(str(role), str(skill), True, 1.0, extra)])  # type: ignore[arg-type]
        elif op[0] == "drop":
            table.drop(str(op[1]))
        else:
            table = RequirementTable.load(table.columns())
    before = _grouped(table)  # before any read builds the maps of a loaded table
    counted = len(table)  # counted without the maps, when none were built
    assert before == _by_maps(table)
    assert counted == len(table) == sum(len(table.values_of_role(r)) for r in table.roles())
    assert _grouped(table) == before  # and the same once the maps are built


def test_loaded_table_is_split_without_building_the_maps() -> None:
    table = RequirementTable()
    table.add_rows([("r", "a", True, 1.0), ("r", "b", False, 0.5), ("q", "a", True, 0.75)])
    loaded = RequirementTable.load(table.columns())
    loaded.add_rows([("r", "a", False, 0.25)])  # replaces (r, a), still unindexed
    split = loaded.split_by_role(_PLAIN)
    assert sorted(split["r"][1]) == ["a", "b"] and split["r"][0] == []
    assert split["r"][2] == [("a", False, 0.25, None)]  # not the plain 0.5
    assert split["q"] == (["a"], [], [("a", True, 0.75, None)])
    assert len(loaded) == 3
    assert loaded._indexed == 0  # the maps were not built, nor counted with


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["r1", "r2", "s1"]),
            st.lists(st.sampled_from(["s1", "s2", "s3", "s4", "r1"]), max_size=6),
            st.booleans(),
        ),
        max_size=8,
    )
)
def test_add_lists_is_add_rows_one_skill_at_a_time(
    lists: list[tuple[str, list[str], bool]],
) -> None:
    """Lists mixing known and new skills: the same rows, and names given in first-seen
    order (each list's skills, then its role)."""
    by_lists, by_rows = RequirementTable(), RequirementTable()
    by_lists.add_lists([(r, skills, e, 0.5) for r, skills, e in lists])
    by_rows.add_rows([(r, s, e, 0.5) for r, skills, e in lists for s in skills])
    cols, ref = by_lists.columns(), by_rows.columns()
    rows = [(cols.names[r], cols.names[s]) for r, s in zip(cols.role, cols.skill, strict=True)]
    assert rows == [(ref.names[r], ref.names[s]) for r, s in zip(ref.role, ref.skill, strict=True)]
    assert (cols.essential, cols.importance) == (ref.essential, ref.importance)
    order = [n for r, skills, _ in lists for n in (*skills, r)]
    assert cols.names == list(dict.fromkeys(order))
    assert _grouped(by_lists) == _grouped(by_rows)


def _columns(table: RequirementTable) -> tuple[object, ...]:
    cols = table.columns()
    names = cols.names
    return (
        [(names[r], names[s]) for r, s in zip(cols.role, cols.skill, strict=True)],
        list(cols.essential),
        list(cols.importance),
        cols.extra,
    )


@given(_ops, st.lists(st.integers(0, 29), max_size=5))
@example([("add", "r1", "s1", True, 1.0), ("add", "r1", "s1", False, 0.5)], [])
@example([("add", "r1", "s1", True, 1.0), ("reload",), ("add", "r1", "s1", False, 0.5)], [0])
@example([("add", "r1", "s2", True, 1.0), ("drop", "s2"), ("add", "r2", "s1", True, 0.5)], [1])
def test_columns_of_an_unindexed_table_are_those_after_sync(
    ops: list[tuple[object, ...]], levels: list[int]
) -> None:
    """`columns` finds the live rows without building the maps, as `sync` would leave them
    (a later row of a pair replaces the earlier one, dropped rows are left out)."""
    from skillgraph.model import Requirement

    table = RequirementTable()
    for op in ops:
        if op[0] == "add":
            _, role, skill, essential, importance = op
            if len(table.role) in levels:  # a row with extra values
                table.add_many(
                    [Requirement(role=role, skill=skill, essential=essential, level=2.0)]  # type: ignore[arg-type]
                )
            else:
                table.add_rows([(str(role), str(skill), bool(essential), float(importance))])  # type: ignore[arg-type]
        elif op[0] == "drop":
            table.drop(str(op[1]))
        else:
            table = RequirementTable.load(table.columns())
    indexed = table._indexed
    found = _columns(table)
    assert table._indexed == indexed  # the maps were not built
    table.sync()
    assert found == _columns(table)


_row = st.tuples(
    st.sampled_from(["r1", "r2", "s1"]),
    st.sampled_from(["s1", "s2", "s3", "r1"]),
    st.booleans(),
    st.sampled_from([0.0, 0.5, 1.0]),
)


def _twins(
    before: list[tuple[str, str, bool, float]], read: bool
) -> tuple[tuple[RequirementTable, RequirementTable], list[Mapping[str, Requirement]]]:
    """Two tables holding the requirements ``before``, and (with ``read``) a live view of
    role r1 handed out by each: what two ways of adding the same rows must both keep."""
    tables = RequirementTable(), RequirementTable()
    views = []
    for table in tables:
        table.add_many([requirement(*row) for row in before])
        if read:
            views.append(table.of_role("r1"))
    return tables, views


@given(st.lists(_row, max_size=6), st.lists(_row, max_size=12), st.booleans())
def test_add_columns_is_one_row_at_a_time(
    before: list[tuple[str, str, bool, float]],
    rows: list[tuple[str, str, bool, float]],
    read: bool,
) -> None:
    """Columns (after rows added earlier, and a live view handed out or not): the same
    columns, names in first-seen order (each row's role, then its skill) and later rows
    replacing earlier ones, as rows added one by one give."""
    (by_columns, one_by_one), views = _twins(before, read)
    roles, skills, essential, importance = [list(c) for c in zip(*rows, strict=True)] or [
        [],
        [],
        [],
        [],
    ]
    by_columns.add_columns((roles, skills, essential, importance))
    one_by_one.add_many([requirement(*row) for row in rows])
    assert by_columns.columns() == one_by_one.columns()
    assert _grouped(by_columns) == _grouped(one_by_one)
    if read:  # the views handed out before see the new rows
        assert dict(views[0]) == dict(views[1])


_extra = st.one_of(
    st.none(),
    st.tuples(
        st.sampled_from([None, 2.5]),
        st.sampled_from([None, "Skills.txt"]),
        st.sampled_from([None, "IM"]),
    ),
)


@given(st.lists(_row, max_size=6), st.lists(st.tuples(_row, _extra), max_size=12), st.booleans())
def test_add_values_is_add_many_of_the_models(
    before: list[tuple[str, str, bool, float]],
    rows: list[tuple[tuple[str, str, bool, float], object]],
    read: bool,
) -> None:
    """Value rows with and without (level, source, scale), after rows added earlier and a
    live view handed out or not: the same columns, extras, names and models as
    `add_many` of the requirements they describe."""
    (by_values, by_models), views = _twins(before, read)
    by_values.add_values([(*row, extra) for row, extra in rows])  # type: ignore[misc]
    by_models.add_many([requirement(*row, extra) for row, extra in rows])  # type: ignore[arg-type]
    assert by_values.columns() == by_models.columns()
    assert _grouped(by_values) == _grouped(by_models)
    if read:
        assert dict(views[0]) == dict(views[1])
