"""ESCO CSV releases: an unzipped folder, one official zip, or a folder holding the zips.

The mapping (ids, kinds, importances, clusters, levels, tags) is shared with the RDF reader
and lives in `skillgraph.io._esco_conventions`. What this reader adds:

- **Files.** ``occupations_<lang>.csv`` and ``skills_<lang>.csv`` are required (``lang`` is
  found from the file names, ``en`` preferred when several are present). The others
  (``ISCOGroups``, ``skillGroups``, the thematic collections and the four relation files
  of the ``classification -  - csv`` zip) are optional: each one missing is named in one
  `DataWarning`. So the ``en`` zip alone gives skills, roles,
  groups and clusters without requirements; the relations zip alone is refused.
- **Roles** from occupations: preferred, alt and hidden labels (newline-separated),
  description, ESCO ``code``, ``attributes["isco_code"]`` = the 4-digit ISCO unit group,
  ``cluster`` = the ISCO group at ``cluster_level`` digits (option, default 3: about 130
  minor groups of ~23 occupations; 1 gives 10 major groups, 4 the 436 unit groups), ``level``
  = ISCO-08 skill level of the major group. The ESCO ``definition``, ``scopeNote`` and
  ``regulatedProfessionNote`` columns are not kept.
- **Clusters** from ``ISCOGroups_<lang>.csv``: every group whose code has at most
  ``cluster_level`` digits, ``broader`` = the group one digit shorter.
- **Skills** from skills: kind from ``skillType`` (empty: the model default, skill), reuse
  from ``reuseLevel`` (empty: none), labels, description, tags from the collections.
- **Skill groups** from ``skillGroups_<lang>.csv`` are `SkillGroup`
  nodes (``g.groups``), not skills.
- **Edges:** ``broaderRelationsSkillPillar`` -> broader (skill or group under skill or
  group), ``occupationSkillRelations`` -> requires (essential 1.0, optional 0.5, no
  provenance: it is the whole release), ``skillSkillRelations`` -> related.
- **Rows naming concepts the release does not define are skipped**, with one
  `IncompleteDataWarning` per file naming each unknown URI and its
  row count. ESCO v1.1.1 has one: occupation ``.../a9e54177-...`` ("therapeutic
  radiographer") has 67 rows in ``occupationSkillRelations.csv`` but no line in
  ``occupations_en.csv``; its rows are skipped rather than inventing a role without label.

Nodes and edges are checked here (ids, labels, known ends) and built with the trusted
fast path of `skillgraph.io._build`: a full release reads in about a second.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence, Set
from typing import Any, TextIO

from ..errors import DataWarning, InvalidValueError, SkillGraphError
from ..graph import SkillGraph
from ..model import Broader, Cluster, Node, NodeType, Related, Role, Skill, SkillGroup
from . import _esco_cells as cells
from . import _esco_conventions as conv
from . import _esco_release as release
from ._build import construct, paused_gc, valid_id
from ._csv import Table
from ._esco_release import RELATION_FILES, Release, sniff_esco
from ._source import Progress, Source
from ._tabular import TabularImporter, reject_options

__all__ = ["read_esco", "sniff_esco"]


# ---------------------------------------------------------------------------- reader
def read_esco(
    source: Source,
    *,
    progress: Progress | None = None,
    cluster_level: int = conv.DEFAULT_CLUSTER_LEVEL,
    language: str | None = None,
    **options: Any,
) -> SkillGraph:
    """Read an ESCO CSV release (folder of CSVs, one official zip, or folder of zips).

    Options: ``cluster_level`` (1-4 ISCO digits, default 3), ``language`` (file suffix,
    default ``en`` or the only one present). ``progress(stage, done, total)`` is called
    once per file.

    Raises:
        FormatError: required files missing (naming what was found), a file lacks a
            column, a row is malformed, a URI or label is invalid, an id is used twice
            (each naming the file, line and column).
        UnsafeInputError: a zip member is unsafe (zip-slip name, symbolic link).
        ResourceLimitError: a zip exceeds the expansion limits.
        InvalidValueError: ``cluster_level`` is not 1-4, or an unknown option is given.
    Warns:
        DataWarning: optional files missing; collection entries for unknown skills.
        IncompleteDataWarning: relation rows naming undefined concepts were skipped.
    """
    reject_options("ESCO", options)
    if (
        isinstance(cluster_level, bool)
        or not isinstance(cluster_level, int)
        or not 1 <= cluster_level <= 4
    ):
        raise InvalidValueError(
            f"cluster_level must be 1, 2, 3 or 4 ISCO digits (got {cluster_level!r})",
            field="cluster_level",
        )
    rel = release.locate(source)
    try:
        with paused_gc():
            return _Importer(rel, release.language(rel, language), cluster_level, progress).run()
    finally:
        rel.close()


class _Importer(TabularImporter):
    """One read of an ESCO CSV release into a new graph."""

    def __init__(self, rel: Release, lang: str, cluster_level: int, progress: Progress | None):
        self.collections = conv.COLLECTION_TAGS
        steps = [
            f"ISCOGroups_{lang}.csv",
            f"skillGroups_{lang}.csv",
            *(f"{stem}_{lang}.csv" for stem in self.collections),
            f"skills_{lang}.csv",
            f"occupations_{lang}.csv",
            *RELATION_FILES,
        ]
        super().__init__(SkillGraph(language=lang, prefixes={"esco": conv.ESCO}), steps, progress)
        self.rel = rel
        self.lang = lang
        self.level = cluster_level

    def open_file(self, name: str) -> tuple[TextIO, str] | None:
        entry = self.rel.files.get(name)
        return None if entry is None else (entry.open(), entry.name)

    def run(self) -> SkillGraph:
        """Read every file of the release in order; the graph.

        Raises:
            FormatError: see `read_esco`.
        """
        what = ("requirements", "skill hierarchy", "related skills")
        holds = dict(zip(RELATION_FILES, what, strict=True))
        holds[f"ISCOGroups_{self.lang}.csv"] = "clusters"
        holds[f"skillGroups_{self.lang}.csv"] = "skill groups"
        missing = [base for base in holds if base not in self.rel.files]
        if missing:
            lacks = ", ".join(holds[base] for base in missing)
            warnings.warn(  # what the graph lacks and the fix first: a summary keeps them
                f"{self.rel.source}: a partial ESCO release, without {lacks} (give the "
                f"folder or both official zips for a full release): missing "
                f"{', '.join(missing)}",
                DataWarning,
                stacklevel=4,
            )
        self._clusters()
        self._groups()
        tags = self._collections()
        self._skills(tags)
        self._roles()
        self._broader()
        self._requirements()
        self._related()
        return self.finish()

    def _add_node(self, table: Table, node: Any, line: int | None = None) -> None:
        self.add_node(table, node, "conceptUri", line)

    def _add_all(self, t: Table, made: Iterator[Node]) -> None:
        """Add the nodes ``made`` from the rows of ``t`` at once (`Store.add_new_nodes`);
        when that declines (a taken id, a placeholder), or a row is refused, they are added
        one at a time with their lines first, so the error is the one `_add_node` of each
        row as it is read gives.

        Raises:
            FormatError: see `read_esco`.
        """
        nodes: list[Node] = []
        lines: list[int] = []
        try:
            for node in made:
                nodes.append(node)
                lines.append(t.line)
        except Exception:
            self._add_each(t, nodes, lines)  # an earlier row's error comes first
            raise
        if not self.store.add_new_nodes(nodes):
            self._add_each(t, nodes, lines)

    def _add_each(self, t: Table, nodes: list[Node], lines: list[int]) -> None:
        for node, line in zip(nodes, lines, strict=True):
            self._add_node(t, node, line)

    # -------------------------------------------------------------- nodes
    def _clusters(self) -> None:
        req = ("conceptUri", "code", "preferredLabel", "altLabels", "description")
        for t in self.tables(f"ISCOGroups_{self.lang}.csv", req):
            i_uri, i_code, i_label = t.col("conceptUri"), t.col("code"), t.col("preferredLabel")
            i_alt, i_desc = t.col("altLabels"), t.col("description")
            rows: list[tuple[str, list[str], int]] = []
            for row in t:
                code = row[i_code].strip()
                if not (code.isascii() and code.isdigit()) or len(code) > 4:
                    raise t.error(f"invalid ISCO-08 code {code!r}", "code")
                if len(code) <= self.level:
                    rows.append((code, row, t.line))
            rows.sort(key=lambda r: len(r[0]))  # coarser first: broader exists when added
            for code, row, line in rows:  # re-ordered: errors name each row's own line
                uri = cells.need_id(t, row[i_uri], "conceptUri", line)
                if uri != conv.isco_iri(code):
                    raise t.error(
                        f"URI {uri!r} does not match ISCO code {code!r}", "conceptUri", line=line
                    )
                fields: dict[str, Any] = {
                    "id": uri,
                    "label": cells.need_label(t, row[i_label], "preferredLabel", line),
                    "code": code,
                }
                alt = cells.labels(row[i_alt])
                if alt:
                    fields["alt_labels"] = alt
                if row[i_desc]:
                    fields["description"] = row[i_desc]
                if len(code) > 1:
                    fields["broader"] = conv.isco_iri(code[:-1])
                self._add_node(t, construct(Cluster, fields), line)

    def _concept(self, t: Table, row: list[str], cols: Sequence[int]) -> dict[str, Any]:
        """The common fields of a concept row (``cols``: the indices of `_CONCEPT`)."""
        i_uri, i_label, i_alt, i_hidden, i_desc = cols[:5]
        uri = row[i_uri]
        if not valid_id(uri):
            raise t.error(f"invalid URI {uri!r} (empty or with white space)", "conceptUri")
        label = row[i_label].strip()
        if not label:
            raise t.error("empty label", "preferredLabel")
        fields: dict[str, Any] = {"id": uri, "label": label}
        text = row[i_alt]
        if text:
            alt = cells.labels(text)
            if alt:
                fields["alt_labels"] = alt
        text = row[i_hidden]
        if text:
            hidden = cells.labels(text)
            if hidden:
                fields["hidden_labels"] = hidden
        desc = row[i_desc]
        if desc:
            fields["description"] = desc
        return fields

    _CONCEPT = ("conceptUri", "preferredLabel", "altLabels", "hiddenLabels", "description")

    def _groups(self) -> None:
        req = (*self._CONCEPT, "code")
        for t in self.tables(f"skillGroups_{self.lang}.csv", req):
            cols = [t.col(c) for c in req]
            self._add_all(t, self._group_nodes(t, cols))

    def _group_nodes(self, t: Table, cols: list[int]) -> Iterator[Node]:
        i_code = cols[5]
        for row in t:
            fields = self._concept(t, row, cols)
            code = row[i_code].strip()
            if code:
                fields["code"] = code
            yield construct(SkillGroup, fields)

    def _collections(self) -> dict[str, set[str]]:
        tags: dict[str, set[str]] = {}
        for stem, tag in self.collections.items():
            for t in self.tables(f"{stem}_{self.lang}.csv", ("conceptUri",)):
                i_uri = t.col("conceptUri")
                for row in t:
                    tags.setdefault(row[i_uri], set()).add(tag)
        return tags

    def _skills(self, tags: dict[str, set[str]]) -> None:
        base = f"skills_{self.lang}.csv"
        req = (*self._CONCEPT, "skillType", "reuseLevel")
        for t in self.tables(base, req):
            self._add_all(t, self._skill_nodes(t, [t.col(c) for c in req], tags))
        unknown = Counter({u: 1 for u in tags if u not in self.g.skills})
        if unknown:
            cells.warn_unknown("skill collections", "skill", unknown, "ignored")

    def _skill_nodes(self, t: Table, cols: list[int], tags: dict[str, set[str]]) -> Iterator[Node]:
        # (field, column, cell -> its value once mapped, mapping, what it is)
        mapped_cells: tuple[tuple[str, int, dict[str, Any], Callable[[str], Any], str], ...] = (
            ("kind", cols[5], {}, conv.skill_kind, "skill type"),
            ("reuse", cols[6], {}, conv.reuse_level, "reuse level"),
        )
        for row in t:
            fields = self._concept(t, row, cols)
            for key, i, cache, convert, what in mapped_cells:
                value = row[i]
                if value:
                    mapped = cache.get(value)
                    if mapped is None:
                        mapped = cache[value] = self._mapped(t, value, convert, what)
                    fields[key] = mapped
            found = tags.get(fields["id"])
            if found:
                fields["tags"] = tuple(sorted(found))
            yield construct(Skill, fields)

    @staticmethod
    def _mapped(t: Table, value: str, convert: Callable[[str], Any], what: str) -> Any:
        """``convert(value)``.

        Raises:
            FormatError: the value is unknown (naming the file, line and column).
        """
        mapped = convert(value)
        if mapped is None:
            column = "skillType" if what == "skill type" else "reuseLevel"
            raise t.error(f"unknown {what} {value!r}", column)
        return mapped

    def _roles(self) -> None:
        req = (*self._CONCEPT, "iscoGroup", "code")
        for t in self.tables(f"occupations_{self.lang}.csv", req):
            self._add_all(t, self._role_nodes(t, [t.col(c) for c in req]))

    def _role_nodes(self, t: Table, cols: list[int]) -> Iterator[Node]:
        i_isco, i_code = cols[5], cols[6]
        clusters = self.store.of_type(NodeType.CLUSTER)
        # without the groups file (warned about), a role's group makes a placeholder
        groups = f"ISCOGroups_{self.lang}.csv" in self.rel.files
        for row in t:
            fields = self._concept(t, row, cols)
            isco = row[i_isco].strip()
            if not (isco.isascii() and isco.isdigit()) or len(isco) != 4:
                raise t.error(f"invalid ISCO-08 unit group {isco!r}", "iscoGroup")
            fields["attributes"] = {"isco_code": isco}
            cluster = conv.cluster_id(isco, self.level)
            if groups and cluster not in clusters:
                raise t.error(
                    f"ISCO group {isco!r} is not in ISCOGroups_{self.lang}.csv", "iscoGroup"
                )
            fields["cluster"] = cluster
            level = conv.isco_skill_level(isco)
            if level is not None:
                fields["level"] = level
            code = row[i_code].strip()
            if code:
                fields["code"] = code
            yield construct(Role, fields)

    # -------------------------------------------------------------- edges
    @staticmethod
    def _pairs(
        t: Table,
        ends: tuple[str, str, str],
        known: tuple[Set[str], Set[str]],
        unknown: tuple[Counter[str], Counter[str]],
    ) -> Iterator[tuple[str, str, str]]:
        """(first end, middle cell, second end) of each row of ``t`` whose two ends (columns
        ``ends[0]`` and ``ends[2]``) are in the ``known`` id sets; the others are counted in
        ``unknown``."""
        i_a, i_m, i_b = (t.col(c) for c in ends)
        known_a, known_b = known
        unknown_a, unknown_b = unknown
        for row in t:
            a, b = row[i_a], row[i_b]
            if a not in known_a:
                unknown_a[a] += 1
            elif b not in known_b:
                unknown_b[b] += 1
            else:
                yield a, row[i_m], b

    def _broader(self) -> None:
        """The skill hierarchy: each file's links inserted at once, checked for a cycle once
        (`Store.add_broader_many`); a link that closes one is named with its line."""
        store = self.store
        known = self._ids(NodeType.SKILL, NodeType.GROUP)
        made = [-1]  # the link being added when add_broader_many retries one at a time

        def make(n: str, b: str) -> Broader:
            made[0] += 1
            return construct(Broader, {"narrower": n, "broader": b})

        for t in self.tables("broaderRelationsSkillPillar.csv", ("conceptUri", "broaderUri")):
            unknown: Counter[str] = Counter()
            loops: list[str] = []
            pairs: list[tuple[str, str]] = []
            lines: list[int] = []
            for n, _, b in self._pairs(
                t, ("conceptUri", "conceptUri", "broaderUri"), (known, known), (unknown, unknown)
            ):
                if n == b:
                    loops.append(f"{n} (line {t.line})")
                    continue
                pairs.append((n, b))
                lines.append(t.line)
            made[0] = -1
            try:
                store.add_broader_many(pairs, make)
            except SkillGraphError as exc:
                raise t.error(str(exc), "broaderUri", line=lines[made[0]]) from None
            cells.warn_unknown(t.name, "skill or skill-group", unknown, "skipped")
            cells.warn_loops(t.name, "its own broader concept", loops)

    def _ids(self, *kinds: NodeType) -> frozenset[str]:
        """The ids of the nodes of ``kinds``, as a set: an end check costs one lookup."""
        return frozenset().union(*(self.store.of_type(kind) for kind in kinds))

    def _requirements(self) -> None:
        ends = ("occupationUri", "relationType", "skillUri")
        known = (self._ids(NodeType.ROLE), self._ids(NodeType.SKILL))
        importance = {True: conv.ESSENTIAL_IMPORTANCE, False: conv.OPTIONAL_IMPORTANCE}
        kinds = {"essential": True, "optional": False}
        for t in self.tables("occupationSkillRelations.csv", ends):
            bad_roles: Counter[str] = Counter()
            bad_skills: Counter[str] = Counter()
            # consecutive rows of one role and relation type as one list (the release lists
            # an occupation's relations together): the store takes a list at a time
            lists: list[tuple[str, list[str], bool, float]] = []
            last_role, last_essential, skills = "", False, list[str]()
            i_role, i_kind, i_skill = (t.col(c) for c in ends)
            roles, known_skills = known
            for row in t:  # `_pairs` written out: the release's largest file
                role, skill = row[i_role], row[i_skill]
                if role not in roles:
                    bad_roles[role] += 1
                    continue
                if skill not in known_skills:
                    bad_skills[skill] += 1
                    continue
                kind = row[i_kind]
                essential = kinds.get(kind)
                if essential is None:
                    essential = cells.essential(t, kind)  # raises for any other relation type
                if role != last_role or essential != last_essential or not lists:
                    skills = []
                    lists.append((role, skills, essential, importance[essential]))
                    last_role, last_essential = role, essential
                skills.append(skill)
            self.store.add_requirement_lists(lists)
            cells.warn_unknown(t.name, "occupation", bad_roles, "skipped")
            cells.warn_unknown(t.name, "skill", bad_skills, "skipped")

    def _related(self) -> None:
        ends = ("originalSkillUri", "relationType", "relatedSkillUri")
        known = self._ids(NodeType.SKILL)
        for t in self.tables("skillSkillRelations.csv", ends):
            unknown: Counter[str] = Counter()
            loops: list[str] = []
            for a, kind, b in self._pairs(t, ends, (known, known), (unknown, unknown)):
                essential = cells.essential(t, kind)
                if a == b:
                    loops.append(f"{a} (line {t.line})")
                    continue
                self.store.add_related(
                    construct(Related, {"skill": a, "related": b, "essential": essential})
                )
            cells.warn_unknown(t.name, "skill", unknown, "skipped")
            cells.warn_loops(t.name, "related to itself", loops)
