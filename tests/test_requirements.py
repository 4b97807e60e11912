"""The requirement table (skillgraph._requirements): rows grouped by role without the maps."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from skillgraph._requirements import RequirementTable

_ops = st.lists(
    st.one_of(
        st.tuples(
            st.just("add"),
            st.sampled_from(["r1", "r2", "r3"]),
            st.sampled_from(["s1", "s2", "s3", "r1"]),
            st.booleans(),
            st.sampled_from([0.25, 0.5, 1.0]),
        ),
        st.tuples(st.just("drop"), st.sampled_from(["r1", "s2"])),
        st.tuples(st.just("reload")),
    ),
    max_size=30,
)


def _grouped(table: RequirementTable) -> dict[str, list[tuple[str, bool, float, object]]]:
    return {role: sorted(vals) for role, vals in table.values_by_role().items() if vals}


def _by_maps(table: RequirementTable) -> dict[str, list[tuple[str, bool, float, object]]]:
    return {r: sorted(table.values_of_role(r)) for r in table.roles() if table.values_of_role(r)}


@given(_ops)
def test_values_by_role_is_values_of_role_for_every_role(ops: list[tuple[object, ...]]) -> None:
    """Replaced rows, dropped nodes and freshly loaded tables (maps not built yet)."""
    table = RequirementTable()
    for op in ops:
        if op[0] == "add":
            _, role, skill, essential, importance = op
            table.add_rows([(str(role), str(skill), bool(essential), float(importance))])  # type: ignore[arg-type]
        elif op[0] == "drop":
            table.drop(str(op[1]))
        else:
            table = RequirementTable.load(table.columns())
    before = _grouped(table)  # before any read builds the maps of a loaded table
    assert before == _by_maps(table)
    assert _grouped(table) == before  # and the same once the maps are built


def test_loaded_table_is_grouped_without_building_the_maps() -> None:
    table = RequirementTable()
    table.add_rows([("r", "a", True, 1.0), ("r", "b", False, 0.5), ("q", "a", True, 0.75)])
    loaded = RequirementTable.load(table.columns())
    loaded.add_rows([("r", "a", False, 0.25)])  # replaces (r, a), still unindexed
    grouped = loaded.values_by_role()
    assert sorted(grouped["r"]) == [("a", False, 0.25, None), ("b", False, 0.5, None)]
    assert grouped["q"] == [("a", True, 0.75, None)]
    assert loaded._indexed == 0  # the maps were not built


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
