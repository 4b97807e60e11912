"""The private store of a `SkillGraph`: nodes and per-relation maps, both directions.

The project's own adjacency store (``networkx`` is the interop type, not the store): one
`Store` per graph holds the nodes by id and by type, the undeclared placeholders, and for
every relation a forward and a backward map. It is the one way in for everything below the
public API:

- readers (``io/``) and `SkillGraph` write through its builder methods (``add_node``,
  ``add_requirement``, ``add_requirements``, ``add_broader_many``...), which check ends,
  types and cycles the same way for everyone;
- analyses read through its documented read methods (``requires_of``,
  ``prerequisites_of``, ``progressions_from``...) or the public graph API;
- the snapshot cache saves and restores it with ``to_state`` / ``from_state``;
- ``copy``, ``==`` and ``content`` compare or duplicate it whole.

Reach and cycle checks over any of its maps are written once here (`reach`, `find_path`,
`has_cycle`). `store_of` gives the store of a graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from typing import TYPE_CHECKING, Any, TypeVar

from . import model
from ._access import at_hand, cached, restore, store_of
from ._derived import Derived
from ._nodes import LazyNodes, NodeTable
from ._relations import Keyed, Links, cycle_error, find_path, has_cycle, reach
from ._requirements import RequirementColumns, RequirementList, RequirementTable, requirement
from ._requirements import Split as RequirementSplit
from ._requirements import Values as RequirementValues
from ._store_state import StoreState, Triple
from .errors import CycleError
from .model import EMPTY_MAP, Node, NodeType

if TYPE_CHECKING:
    from ._requirements import RowColumns, ValueRow
    from .graph import SkillGraph

__all__ = [
    "LazyNodes",
    "RequirementColumns",
    "RequirementValues",
    "Store",
    "StoreState",
    "at_hand",
    "cached",
    "find_path",
    "has_cycle",
    "reach",
    "requirement",
    "restore",
    "store_of",
]

T = TypeVar("T")
_NONE: frozenset[str] = frozenset()
_ROLE, _SKILL, _RESOURCE = (NodeType.ROLE,), (NodeType.SKILL,), (NodeType.RESOURCE,)


# ---------------------------------------------------------------------- the store
class Store:
    """Nodes by id and type, placeholders, relations both ways, extra triples, version.

    Write methods check what the public API promises (ends exist and have the right type,
    ids are unique, hierarchies and prerequisites stay acyclic) and raise the library's
    errors naming the id and the field; ``add_requirements`` is the trusted bulk insert
    for readers that checked the ends themselves.
    """

    def __init__(self) -> None:
        self._table = NodeTable()
        self._requires = RequirementTable()  # role -> skill, as columns
        self._related: Keyed[model.Related] = Keyed()  # skill -> related skill
        self._broader: Links = Links()  # narrower -> broader
        self._prereqs: Links = Links()  # skill -> its prerequisites
        self._progress: Links = Links()  # source role -> target role
        self._teaches: Keyed[model.Teaching] = Keyed()  # resource -> skill it teaches
        self._resource_needs: Links = Links()  # resource -> skill it requires first
        self._extra: set[Triple] = set()
        self._version = 0
        self._derived = Derived()
        #: the re-entrant lock of the graph (its public methods and derived values)
        self.lock = self._derived.lock
        #: the snapshot it was read from (skillgraph.cache), keeping this version's indices
        self.snapshot: Any = None

    # ------------------------------------------------------------------ nodes (read)
    @property
    def version(self) -> int:
        """Modification counter: changes whenever the content changes."""
        return self._version

    def node(self, node_id: str) -> Node | None:
        """The node ``node_id``, or None."""
        return self._table.get(node_id)

    def labels(self, ids: Iterable[str]) -> list[str]:
        """The label of each of ``ids`` (the id itself for an unknown node), in order."""
        return self._table.labels(ids)

    def kind(self, node_id: str) -> NodeType | None:
        """The type of node ``node_id``, or None (cheaper than ``node(node_id).node_type``)."""
        return self._table.kind(node_id)

    def nodes(self) -> Mapping[str, Node]:
        """Read-only live view of every node by id."""
        return self._table.view()

    def of_type(self, kind: NodeType) -> Mapping[str, Any]:
        """Read-only live view of the nodes of one type by id."""
        return self._table.view(kind)

    def __len__(self) -> int:
        return len(self._table.by_id)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._table.by_id

    def placeholders(self) -> frozenset[str]:
        """Ids of the undeclared placeholder nodes."""
        return frozenset(self._table.placeholders)

    # ------------------------------------------------------------------ edges (read)
    def requires_of(self, role: str) -> Mapping[str, model.Requirement]:
        """Skill id -> requirement of ``role`` (live, unsorted; empty when none), its models
        made when read (equal, not identical, from one call to the next)."""
        return self._requires.of_role(role)

    def required_by(self, skill: str) -> Mapping[str, model.Requirement]:
        """Role id -> requirement naming ``skill`` (live, unsorted; empty when none)."""
        return self._requires.of_skill(skill)

    def roles_with_requirements(self) -> Iterable[str]:
        """Role ids that have (or had) requirements, in insertion order."""
        return self._requires.roles()

    def count_requirements(self) -> int:
        """How many role-requires-skill edges the store holds."""
        return len(self._requires)

    def requirement_values_of(self, role: str) -> list[RequirementValues]:
        """(skill, essential, importance, extra or None) of each requirement, no models."""
        return self._requires.values_of_role(role)

    def requirements_split(self, plain: tuple[float, float]) -> dict[str, RequirementSplit]:
        """Every role's requirements as lists for writers (see `RequirementTable.split_by_role`)."""
        return self._requires.split_by_role(plain)

    def requirement_columns(self) -> RequirementColumns:
        """Every requirement as columns, without a model per edge (read-only: do not change)."""
        return self._requires.columns()

    def related_of(self, skill: str) -> Mapping[str, model.Related]:
        """Related skill id -> edge declared from ``skill`` (live; empty when none)."""
        return self._related.out.get(skill, EMPTY_MAP)

    def related_into(self, skill: str) -> Set[str]:
        """Skills that declare ``skill`` related."""
        return self._related.into.get(skill, EMPTY_MAP).keys()

    def skills_with_related(self) -> Iterable[str]:
        """Skill ids that declare related skills, in insertion order."""
        return self._related.out.keys()

    def broader_of(self, node_id: str) -> Set[str]:
        """Direct broader concepts of ``node_id`` (live set; empty when none)."""
        return self._broader.out.get(node_id, _NONE)

    def narrower_of(self, node_id: str) -> Set[str]:
        """Direct narrower concepts of ``node_id``."""
        return self._broader.into.get(node_id, _NONE)

    def with_broader(self) -> Iterable[str]:
        """Ids with broader concepts, in insertion order."""
        return self._broader.out.keys()

    def prerequisites_of(self, skill: str) -> Set[str]:
        """Direct prerequisites of ``skill``."""
        return self._prereqs.out.get(skill, _NONE)

    def enabled_by(self, skill: str) -> Set[str]:
        """Skills having ``skill`` as a direct prerequisite."""
        return self._prereqs.into.get(skill, _NONE)

    def with_enabled(self) -> Iterable[str]:
        """Skills that are a prerequisite of some skill, in insertion order."""
        return self._prereqs.into.keys()

    def progressions_from(self, role: str) -> Set[str]:
        """Roles ``role`` declares as next ladder steps."""
        return self._progress.out.get(role, _NONE)

    def progressions_to(self, role: str) -> Set[str]:
        """Roles declaring ``role`` as their next ladder step."""
        return self._progress.into.get(role, _NONE)

    def with_progressions(self) -> Iterable[str]:
        """Roles with progressions, in insertion order."""
        return self._progress.out.keys()

    def teaching_of(self, resource: str) -> Mapping[str, model.Teaching]:
        """Skill id -> what ``resource`` teaches of it (live, in insertion order)."""
        return self._teaches.out.get(resource, EMPTY_MAP)

    def taught_by(self, skill: str) -> Mapping[str, model.Teaching]:
        """Resource id -> what it teaches of ``skill`` (live; empty when none)."""
        return self._teaches.into.get(skill, EMPTY_MAP)

    def resource_prerequisites_of(self, resource: str) -> Set[str]:
        """Skills ``resource`` requires before it is taken."""
        return self._resource_needs.out.get(resource, _NONE)

    def resources_requiring(self, skill: str) -> Set[str]:
        """Resources that require ``skill`` first."""
        return self._resource_needs.into.get(skill, _NONE)

    def ancestors(self, node_id: str) -> set[str]:
        """Every broader concept of ``node_id``, transitively."""
        return reach(self._broader.out, node_id)

    def descendants(self, node_id: str) -> set[str]:
        """Every narrower concept of ``node_id``, transitively."""
        return reach(self._broader.into, node_id)

    def all_prerequisites(self, skill: str) -> set[str]:
        """Every prerequisite of ``skill``, transitively."""
        return reach(self._prereqs.out, skill)

    def extra(self) -> Set[Triple]:
        """The extra RDF triples (live view)."""
        return self._extra

    # ------------------------------------------------------------------ builder
    def touch(self) -> None:
        """Mark the content changed (derived indices are rebuilt on next use)."""
        self._version += 1

    def add_node(self, node: Node, *, replace: bool = False) -> None:
        """Add ``node``; a placeholder of its id is replaced silently.

        Raises:
            DuplicateIdError: the id is taken (and not ``replace``, or by another type).
            DanglingReferenceError: a role's cluster/industry or a cluster's broader names a
                node of another type.
            CycleError: a cluster's broader chain comes back to it.
        """
        self._table.add(node, replace=replace)
        self._version += 1

    def add_new_nodes(self, nodes: Sequence[Node]) -> bool:
        """`add_node` of each of ``nodes`` at once, or False, none added (`NodeTable.add_new`)."""
        added = self._table.add_new(nodes)
        if added:  # nothing changed otherwise
            self._version += 1
        return added

    def add_requirement(self, req: model.Requirement) -> None:
        """Add (or replace) one requirement.

        Raises:
            DanglingReferenceError: the role or skill is missing or of another type.
        """
        self._table.need_ends(req, "role", _ROLE, "skill", _SKILL)
        self._requires.add(req)
        self._version += 1

    def add_requirements(self, reqs: Iterable[model.Requirement]) -> None:
        """Bulk insert for readers that have checked every role and skill end exists (a later
        requirement of the same role and skill replaces an earlier one)."""
        self._requires.add_many(reqs)
        self._version += 1

    def add_requirement_values(self, rows: Sequence[ValueRow]) -> None:
        """`add_requirements` of checked value rows: (role, skill, essential, importance, extra)."""
        self._requires.add_values(rows)
        self._version += 1

    def add_requirement_columns(self, columns: RowColumns) -> None:
        """Bulk insert of plain requirements (no level, source or scale) as columns of one
        length: (roles, skills, essential flags, importances), no model per edge. For readers
        that have checked every end exists and every importance is a float in [0, 1]."""
        self._requires.add_columns(columns)
        self._version += 1

    def add_requirement_lists(self, lists: Iterable[RequirementList]) -> None:
        """`add_requirement_columns` given (role, skills, essential, importance): a row a skill."""
        self._requires.add_lists(lists)
        self._version += 1

    def first_bad_end(
        self,
        rows: Sequence[tuple[Any, ...]],
        first: tuple[NodeType, ...] = (NodeType.ROLE,),
        second: tuple[NodeType, ...] = (NodeType.SKILL,),
    ) -> int:
        """Position of the first row whose ends (its first two items) are not nodes of the
        types ``first`` and ``second``, or -1: the end check of the one-edge builders, for
        rows given to a bulk one (`add_requirement_columns`, `add_broader_many`)."""
        return self._table.first_bad_end(rows, first, second)

    def add_broader(self, edge: model.Broader) -> None:
        """Place ``edge.narrower`` under ``edge.broader``.

        Raises:
            DanglingReferenceError: an end is missing or not a skill or group.
            CycleError: the edge closes a cycle.
        """
        both = (NodeType.SKILL, NodeType.GROUP)
        owner = self._table.need_ends(edge, "narrower", both, "broader", both)
        path = find_path(self._broader.out, edge.broader, edge.narrower)
        if path is not None:
            cycle = [edge.narrower, *path]
            raise cycle_error(owner, "broader", cycle, edge.narrower)
        self._broader.add(edge.narrower, edge.broader)
        self._version += 1

    def add_broader_many(
        self, pairs: Iterable[tuple[str, str]], make: Callable[[str, str], model.Broader]
    ) -> None:
        """Bulk insert of (narrower, broader) links between known skills or groups.

        Checked for a cycle once; when anything is wrong the links are undone and added one
        at a time through ``make`` and `add_broader`, which raises the exact error for
        the exact edge.

        Raises:
            SkillGraphError: an edge is a self-loop, or the links close a cycle.
        """
        todo = list(pairs)
        if not todo:
            return
        saved = self._broader.copy()
        links = self._broader
        for a, b in todo:
            links.add(a, b)
        if not any(a == b for a, b in todo) and not has_cycle(links.out):
            self._version += 1
            return
        self._broader = saved
        for a, b in todo:
            self.add_broader(make(a, b))
        raise CycleError("the broader links have a cycle")  # pragma: no cover

    def add_related(self, edge: model.Related) -> None:
        """Declare ``edge.related`` adjacent to ``edge.skill``.

        Raises:
            DanglingReferenceError: a skill is missing.
        """
        self._table.need_ends(edge, "skill", _SKILL, "related", _SKILL)
        self._related.add(edge.skill, edge.related, edge)
        self._version += 1

    def add_prerequisite(self, edge: model.Prerequisite) -> None:
        """Declare ``edge.prerequisite`` before ``edge.skill``.

        Raises:
            DanglingReferenceError: a skill is missing.
            CycleError: the edge closes a prerequisite cycle.
        """
        owner = self._table.need_ends(edge, "prerequisite", _SKILL, "skill", _SKILL)
        path = find_path(self._prereqs.into, edge.skill, edge.prerequisite)
        if path is not None:
            cycle = [edge.prerequisite, *path]
            raise cycle_error(owner, "prerequisite", cycle, edge.skill)
        self._prereqs.add(edge.skill, edge.prerequisite)
        self._version += 1

    def add_progression(self, edge: model.Progression) -> None:
        """Declare the ladder step ``edge.source`` -> ``edge.target``.

        Raises:
            DanglingReferenceError: a role is missing.
        """
        self._table.need_ends(edge, "source", _ROLE, "target", _ROLE)
        self._progress.add(edge.source, edge.target)
        self._version += 1

    def add_teaching(self, edge: model.Teaching) -> None:
        """Declare (or replace) that ``edge.resource`` teaches ``edge.skill``.

        Raises:
            DanglingReferenceError: the resource or skill is missing or of another type.
        """
        self._table.need_ends(edge, "resource", _RESOURCE, "skill", _SKILL)
        self._teaches.add(edge.resource, edge.skill, edge)
        self._version += 1

    def add_resource_prerequisite(self, edge: model.ResourcePrerequisite) -> None:
        """Declare that ``edge.resource`` requires ``edge.skill`` first.

        Raises:
            DanglingReferenceError: the resource or skill is missing or of another type.
        """
        self._table.need_ends(edge, "resource", _RESOURCE, "skill", _SKILL)
        self._resource_needs.add(edge.resource, edge.skill)
        self._version += 1

    def add_extra(self, triples: Iterable[Triple]) -> None:
        """Keep RDF triples (checked N-Triples terms) the model does not interpret."""
        self._extra.update(triples)
        self._version += 1

    def replace_extra(self, triples: Iterable[Triple]) -> None:
        """Keep exactly ``triples`` (checked N-Triples terms) as the extra triples."""
        self._extra = set(triples)
        self._version += 1

    def remove(self, node_id: str) -> Node:
        """Remove a node (which must exist) and every edge touching it."""
        node = self._table.pop(node_id)
        for rel in (self._requires, self._related, self._broader, self._prereqs, self._progress):
            rel.drop(node_id)
        self._teaches.drop(node_id)
        self._resource_needs.drop(node_id)
        self._version += 1
        return node

    # ------------------------------------------------------------------ derived values
    def derived(self, g: SkillGraph, key: str, build: Callable[[SkillGraph], T]) -> T:
        """See `cached`."""
        return self._derived.get(g, self, key, build)

    def built(self, key: str) -> Any | None:
        """The derived value ``key`` of this version if it is built already, else None."""
        return self._derived.built(key, self._version)

    def derived_keys(self) -> list[str]:
        """Keys of the derived values built so far (of any version), sorted."""
        return self._derived.keys()

    # ------------------------------------------------------------------ whole store
    def copy(self) -> Store:
        """An independent store sharing the (immutable) node and edge models."""
        new = Store()
        new._table = self._table.copy()
        new._requires = self._requires.copy()
        new._related = self._related.copy()
        new._broader = self._broader.copy()
        new._prereqs = self._prereqs.copy()
        new._progress = self._progress.copy()
        new._teaches = self._teaches.copy()
        new._resource_needs = self._resource_needs.copy()
        new._extra = set(self._extra)
        return new

    def content(self) -> tuple[Any, ...]:
        """What equality compares: nodes, non-empty relations, extra triples."""
        return (
            self._table.view(),
            self._requires.content(),
            self._broader.nonempty(),
            self._related.nonempty(),
            self._prereqs.nonempty(),
            self._progress.nonempty(),
            self._extra,
            self._teaches.nonempty(),
            self._resource_needs.nonempty(),
        )

    def to_state(self) -> StoreState:
        """The store as plain lists (see `StoreState`)."""
        return StoreState(
            nodes=list(self._table.view().values()),
            placeholders=sorted(self._table.placeholders),
            requirements=self._requires.columns(),
            broader=list(self._broader.pairs()),
            related=[e for es in self._related.out.values() for e in es.values()],
            prerequisites=list(self._prereqs.pairs()),
            progressions=list(self._progress.pairs()),
            extra=sorted(self._extra),
            teaching=[e for es in self._teaches.out.values() for e in es.values()],
            resource_prerequisites=list(self._resource_needs.pairs()),
        )

    @classmethod
    def from_state(cls, state: StoreState) -> Store:
        """The store `to_state` described (trusted: no checks beyond unique ids).

        Raises:
            ValueError: two nodes share an id.
        """
        new = cls()
        new._table.load(state.nodes, state.placeholders)
        new._requires = RequirementTable.load(state.requirements)
        for rel, pairs in (
            (new._broader, state.broader),
            (new._prereqs, state.prerequisites),
            (new._progress, state.progressions),
            (new._resource_needs, state.resource_prerequisites),
        ):
            rel.defer(pairs)  # filled when first read: most queries never read them
        related = state.related
        new._related.defer(lambda: ((e.skill, e.related, e) for e in related))
        for taught in state.teaching:
            new._teaches.add(taught.resource, taught.skill, taught)
        new._extra = set(state.extra)
        return new
