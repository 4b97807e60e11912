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
from collections.abc import Iterator, Set
from typing import Any, TextIO

from ..errors import DataWarning, IncompleteDataWarning, InvalidValueError, SkillGraphError
from ..graph import SkillGraph
from ..model import Broader, Cluster, NodeType, Related, Role, Skill, SkillGroup
from . import _esco_conventions as conv
from . import _esco_release as release
from ._build import construct, paused_gc, valid_id
from ._csv import Table
from ._esco_release import RELATION_FILES, Release, sniff_esco
from ._source import Progress, Source
from ._tabular import TabularImporter, counted, reject_options, rows

__all__ = ["read_esco", "sniff_esco"]


# ---------------------------------------------------------------------------- helpers
def _labels(text: str) -> tuple[str, ...]:
    """Newline-separated labels, stripped, empty ones and repeats dropped, order kept."""
    if not text:
        return ()
    out: dict[str, None] = {}
    for part in text.split("\n"):
        part = part.strip()
        if part:
            out[part] = None
    return tuple(out)


def _need_id(table: Table, value: str, column: str, line: int | None = None) -> str:
    if not valid_id(value):
        raise table.error(f"invalid URI {value!r} (empty or with white space)", column, line=line)
    return value


def _need_label(table: Table, value: str, column: str, line: int | None = None) -> str:
    value = value.strip()
    if not value:
        raise table.error("empty label", column, line=line)
    return value


def _essential(table: Table, kind: str) -> bool:
    """True for an ``essential`` relation type, False for ``optional``.

    Raises:
        FormatError: any other relation type (naming the file, line and column).
    """
    if kind == "essential":
        return True
    if kind == "optional":
        return False
    raise table.error(f"relation type {kind!r}: expected 'essential' or 'optional'", "relationType")


def _warn_unknown(file: str, what: str, counts: Counter[str], skipped: str) -> None:
    if not counts:
        return
    total = sum(counts.values())
    warnings.warn(
        f"{file}: {len(counts)} {what} URI{'s' if len(counts) != 1 else ''} not defined in "
        f"the release, {rows(total)} {skipped}: {counted(counts)}",
        IncompleteDataWarning,
        stacklevel=4,
    )


def _warn_loops(file: str, what: str, loops: list[str]) -> None:
    if loops:
        warnings.warn(
            f"{file}: {rows(len(loops))} skipped, a concept {what}: {'; '.join(loops[:10])}",
            DataWarning,
            stacklevel=4,
        )


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
                uri = _need_id(t, row[i_uri], "conceptUri", line)
                if uri != conv.isco_iri(code):
                    raise t.error(
                        f"URI {uri!r} does not match ISCO code {code!r}", "conceptUri", line=line
                    )
                fields: dict[str, Any] = {
                    "id": uri,
                    "label": _need_label(t, row[i_label], "preferredLabel", line),
                    "code": code,
                }
                alt = _labels(row[i_alt])
                if alt:
                    fields["alt_labels"] = alt
                if row[i_desc]:
                    fields["description"] = row[i_desc]
                if len(code) > 1:
                    fields["broader"] = conv.isco_iri(code[:-1])
                self._add_node(t, construct(Cluster, fields), line)

    def _concept(self, t: Table, row: list[str], cols: dict[str, int]) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "id": _need_id(t, row[cols["conceptUri"]], "conceptUri"),
            "label": _need_label(t, row[cols["preferredLabel"]], "preferredLabel"),
        }
        alt = _labels(row[cols["altLabels"]])
        if alt:
            fields["alt_labels"] = alt
        hidden = _labels(row[cols["hiddenLabels"]])
        if hidden:
            fields["hidden_labels"] = hidden
        desc = row[cols["description"]]
        if desc:
            fields["description"] = desc
        return fields

    _CONCEPT = ("conceptUri", "preferredLabel", "altLabels", "hiddenLabels", "description")

    def _groups(self) -> None:
        for t in self.tables(f"skillGroups_{self.lang}.csv", (*self._CONCEPT, "code")):
            cols = {c: t.col(c) for c in (*self._CONCEPT, "code")}
            for row in t:
                fields = self._concept(t, row, cols)
                code = row[cols["code"]].strip()
                if code:
                    fields["code"] = code
                self._add_node(t, construct(SkillGroup, fields))

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
            cols = {c: t.col(c) for c in req}
            i_type, i_reuse = cols["skillType"], cols["reuseLevel"]
            for row in t:
                fields = self._concept(t, row, cols)
                for key, value, convert, what, column in (
                    ("kind", row[i_type], conv.skill_kind, "skill type", "skillType"),
                    ("reuse", row[i_reuse], conv.reuse_level, "reuse level", "reuseLevel"),
                ):
                    if value:
                        mapped = convert(value)
                        if mapped is None:
                            raise t.error(f"unknown {what} {value!r}", column)
                        fields[key] = mapped
                found = tags.get(fields["id"])
                if found:
                    fields["tags"] = tuple(sorted(found))
                self._add_node(t, construct(Skill, fields))
        unknown = Counter({u: 1 for u in tags if u not in self.g.skills})
        if unknown:
            _warn_unknown("skill collections", "skill", unknown, "ignored")

    def _roles(self) -> None:
        req = (*self._CONCEPT, "iscoGroup", "code")
        for t in self.tables(f"occupations_{self.lang}.csv", req):
            cols = {c: t.col(c) for c in req}
            i_isco, i_code = cols["iscoGroup"], cols["code"]
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
                self._add_node(t, construct(Role, fields))

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
            _warn_unknown(t.name, "skill or skill-group", unknown, "skipped")
            _warn_loops(t.name, "its own broader concept", loops)

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
                    essential = _essential(t, kind)  # raises for any other relation type
                if role != last_role or essential != last_essential or not lists:
                    skills = []
                    lists.append((role, skills, essential, importance[essential]))
                    last_role, last_essential = role, essential
                skills.append(skill)
            self.store.add_requirement_lists(lists)
            _warn_unknown(t.name, "occupation", bad_roles, "skipped")
            _warn_unknown(t.name, "skill", bad_skills, "skipped")

    def _related(self) -> None:
        ends = ("originalSkillUri", "relationType", "relatedSkillUri")
        known = self._ids(NodeType.SKILL)
        for t in self.tables("skillSkillRelations.csv", ends):
            unknown: Counter[str] = Counter()
            loops: list[str] = []
            for a, kind, b in self._pairs(t, ends, (known, known), (unknown, unknown)):
                essential = _essential(t, kind)
                if a == b:
                    loops.append(f"{a} (line {t.line})")
                    continue
                self.store.add_related(
                    construct(Related, {"skill": a, "related": b, "essential": essential})
                )
            _warn_unknown(t.name, "skill", unknown, "skipped")
            _warn_loops(t.name, "related to itself", loops)
