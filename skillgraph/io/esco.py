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

import io
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .._store import store_of
from ..errors import (
    DataWarning,
    FormatError,
    IncompleteDataWarning,
    InvalidValueError,
    SkillGraphError,
)
from ..graph import SkillGraph
from ..model import Broader, Cluster, NodeType, Related, Role, Skill, SkillGroup
from . import _esco_conventions as conv
from ._build import construct, paused_gc, valid_id
from ._csv import Table
from ._source import Progress, Source, check_member
from ._zip import SafeZip, is_zip, member_names

__all__ = ["read_esco", "sniff_esco"]

_LANG_FILE = re.compile(r"^(occupations|skills)_([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)\.csv$")
_RELATION_FILES = (
    "occupationSkillRelations.csv",
    "broaderRelationsSkillPillar.csv",
    "skillSkillRelations.csv",
)
_SIGNATURE = {*_RELATION_FILES, "broaderRelationsOccPillar.csv"}
_MAX_ZIPS = 8


def _esco_name(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return base in _SIGNATURE or _LANG_FILE.match(base) is not None


def sniff_esco(source: Source, head: bytes) -> bool:
    """True for a folder or zip holding ESCO CSV files (judged by file and member names)."""
    if source.path is not None and source.is_dir:
        try:
            names = sorted(p.name for p in source.path.iterdir())
        except OSError:
            return False
        if any(_esco_name(n) for n in names):
            return True
        zips = [n for n in names if n.lower().endswith(".zip")][:_MAX_ZIPS]
        for z in zips:
            members = member_names(source.path / z)
            if members and any(_esco_name(m) for m in members):
                return True
        return False
    if not is_zip(head):
        return False
    archive: Path | bytes | None = source.data if source.data is not None else source.path
    if archive is None:
        return False
    members = member_names(archive)
    return bool(members) and any(_esco_name(m) for m in members or ())


# ---------------------------------------------------------------------------- files
@dataclass
class _Entry:
    """One CSV file of the release: on disk or a zip member."""

    name: str
    path: Path | None = None
    archive: SafeZip | None = None
    member: str | None = None

    def open(self) -> TextIO:
        if self.archive is not None and self.member is not None:
            raw = self.archive.open(self.member)
            return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        assert self.path is not None
        return self.path.open("r", encoding="utf-8-sig", newline="")


@dataclass
class _Release:
    """The CSV files found in a source, by base name; owns the zips it opened."""

    source: str
    files: dict[str, _Entry] = field(default_factory=dict)
    zips: list[SafeZip] = field(default_factory=list)

    def put(self, base: str, entry: _Entry) -> None:
        old = self.files.get(base)
        if old is not None:
            raise FormatError(
                f"{base} is present twice ({old.name} and {entry.name}); point at one release",
                source=self.source,
            )
        self.files[base] = entry

    def add_zip(self, archive: Path | bytes, name: str) -> None:
        zf = SafeZip(archive, name)
        self.zips.append(zf)
        for member in zf.names():
            base = member.rsplit("/", 1)[-1]
            if not base and _esco_name(member.rstrip("/").rsplit("/", 1)[-1]):
                raise FormatError(f"zip member {member!r} is a folder, not a CSV file", source=name)
            if base.lower().endswith(".csv"):
                self.put(base, _Entry(f"{name}!{member}", archive=zf, member=member))

    def close(self) -> None:
        for zf in self.zips:
            zf.close()


def _locate(source: Source) -> _Release:
    rel = _Release(source.name)
    try:
        if source.path is not None and source.is_dir:
            for p in sorted(source.path.iterdir()):
                if p.name.lower().endswith(".csv") and _esco_name(p.name):
                    check_member(source.path, p)
                if p.name.lower().endswith(".csv") and p.is_file():
                    rel.put(p.name, _Entry(str(p), path=p))
            for p in sorted(source.path.iterdir()):
                if p.name.lower().endswith(".zip"):
                    check_member(source.path, p)
                if p.name.lower().endswith(".zip") and p.is_file():
                    members = member_names(p)
                    if members and any(_esco_name(m) for m in members):
                        rel.add_zip(p, str(p))
        elif source.data is not None:
            rel.add_zip(source.data, source.name)
        elif source.path is not None:
            rel.add_zip(source.path, source.name)
    except BaseException:
        rel.close()
        raise
    return rel


def _language(rel: _Release, wanted: str | None) -> str:
    found: dict[str, set[str]] = {}
    for base in rel.files:
        m = _LANG_FILE.match(base)
        if m:
            found.setdefault(m.group(2), set()).add(m.group(1))
    complete = sorted(lang for lang, kinds in found.items() if len(kinds) == 2)
    if wanted is not None:
        if wanted in complete:
            return wanted
        raise FormatError(
            f"no occupations_{wanted}.csv and skills_{wanted}.csv here"
            + (f"; languages found: {', '.join(complete)}" if complete else ""),
            source=rel.source,
        )
    if not complete:
        present = ", ".join(sorted(rel.files)) or "no CSV files"
        relations = any(f in rel.files for f in _RELATION_FILES)
        hint = (
            " (only the relations archive was given: add the 'classification - en - csv' zip)"
            if relations
            else ""
        )
        raise FormatError(
            "not an ESCO CSV release: occupations_en.csv and skills_en.csv are required"
            f"{hint}; found: {present[:400]}",
            source=rel.source,
        )
    return "en" if "en" in complete else complete[0]


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
    shown = "; ".join(
        f"{uri} ({n} row{'s' if n != 1 else ''})" for uri, n in sorted(counts.items())[:10]
    )
    more = f"; and {len(counts) - 10} more" if len(counts) > 10 else ""
    total = sum(counts.values())
    warnings.warn(
        f"{file}: {len(counts)} {what} URI{'s' if len(counts) != 1 else ''} not defined in "
        f"the release, {total} row{'s' if total != 1 else ''} {skipped}: {shown}{more}",
        IncompleteDataWarning,
        stacklevel=4,
    )


def _warn_loops(file: str, what: str, loops: list[str]) -> None:
    if loops:
        warnings.warn(
            f"{file}: {len(loops)} row{'s' if len(loops) != 1 else ''} skipped, a concept "
            f"{what}: {'; '.join(loops[:10])}",
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
    if options:
        raise InvalidValueError(
            f"unknown option(s) for the ESCO reader: {', '.join(sorted(options))}",
            field=sorted(options)[0],
        )
    if (
        isinstance(cluster_level, bool)
        or not isinstance(cluster_level, int)
        or not 1 <= cluster_level <= 4
    ):
        raise InvalidValueError(
            f"cluster_level must be 1, 2, 3 or 4 ISCO digits (got {cluster_level!r})",
            field="cluster_level",
        )
    rel = _locate(source)
    try:
        with paused_gc():
            return _Importer(rel, _language(rel, language), cluster_level, progress).run()
    finally:
        rel.close()


class _Importer:
    def __init__(
        self, rel: _Release, lang: str, cluster_level: int, progress: Progress | None
    ) -> None:
        self.rel = rel
        self.lang = lang
        self.level = cluster_level
        self.progress = progress
        self.g = SkillGraph(language=lang, prefixes={"esco": conv.ESCO})
        self.store = store_of(self.g)
        self.collections = conv.COLLECTION_TAGS
        self.steps = [
            f"ISCOGroups_{lang}.csv",
            f"skillGroups_{lang}.csv",
            *(f"{stem}_{lang}.csv" for stem in self.collections),
            f"skills_{lang}.csv",
            f"occupations_{lang}.csv",
            *_RELATION_FILES,
        ]
        self.done = 0

    # -------------------------------------------------------------- plumbing
    def _tables(self, base: str, required: tuple[str, ...]) -> Iterator[Table]:
        """Yield the table of ``base`` (zero or one time), reporting progress."""
        if self.progress is not None:
            self.progress(base, self.done, len(self.steps))
        self.done += 1
        entry = self.rel.files.get(base)
        if entry is None:
            return
        with entry.open() as fh:
            yield Table(fh, entry.name, required)

    def run(self) -> SkillGraph:
        missing = [
            base
            for base in (
                f"ISCOGroups_{self.lang}.csv",
                f"skillGroups_{self.lang}.csv",
                *_RELATION_FILES,
            )
            if base not in self.rel.files
        ]
        if missing:
            warnings.warn(
                f"{self.rel.source}: ESCO release without {', '.join(missing)}: the graph "
                "lacks what they hold (clusters, skill groups, requirements, hierarchy or "
                "related skills); give the folder or both official zips for a full release",
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
        if self.progress is not None:
            self.progress("done", len(self.steps), len(self.steps))
        return self.g

    def _add_node(self, table: Table, node: Any, line: int | None = None) -> None:
        try:
            self.store.add_node(node)
        except SkillGraphError as exc:
            raise table.error(str(exc), "conceptUri", line=line) from None

    # -------------------------------------------------------------- nodes
    def _clusters(self) -> None:
        req = ("conceptUri", "code", "preferredLabel", "altLabels", "description")
        for t in self._tables(f"ISCOGroups_{self.lang}.csv", req):
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
        for t in self._tables(f"skillGroups_{self.lang}.csv", (*self._CONCEPT, "code")):
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
            for t in self._tables(f"{stem}_{self.lang}.csv", ("conceptUri",)):
                i_uri = t.col("conceptUri")
                for row in t:
                    tags.setdefault(row[i_uri], set()).add(tag)
        return tags

    def _skills(self, tags: dict[str, set[str]]) -> None:
        base = f"skills_{self.lang}.csv"
        req = (*self._CONCEPT, "skillType", "reuseLevel")
        for t in self._tables(base, req):
            cols = {c: t.col(c) for c in req}
            i_type, i_reuse = cols["skillType"], cols["reuseLevel"]
            for row in t:
                fields = self._concept(t, row, cols)
                kind = row[i_type]
                if kind:
                    k = conv.skill_kind(kind)
                    if k is None:
                        raise t.error(f"unknown skill type {kind!r}", "skillType")
                    fields["kind"] = k
                reuse = row[i_reuse]
                if reuse:
                    r = conv.reuse_level(reuse)
                    if r is None:
                        raise t.error(f"unknown reuse level {reuse!r}", "reuseLevel")
                    fields["reuse"] = r
                found = tags.get(fields["id"])
                if found:
                    fields["tags"] = tuple(sorted(found))
                self._add_node(t, construct(Skill, fields))
        unknown = Counter({u: 1 for u in tags if u not in self.g.skills})
        if unknown:
            _warn_unknown("skill collections", "skill", unknown, "ignored")

    def _roles(self) -> None:
        req = (*self._CONCEPT, "iscoGroup", "code")
        for t in self._tables(f"occupations_{self.lang}.csv", req):
            cols = {c: t.col(c) for c in req}
            i_isco, i_code = cols["iscoGroup"], cols["code"]
            clusters = self.store.of_type(NodeType.CLUSTER)
            for row in t:
                fields = self._concept(t, row, cols)
                isco = row[i_isco].strip()
                if not (isco.isascii() and isco.isdigit()) or len(isco) != 4:
                    raise t.error(f"invalid ISCO-08 unit group {isco!r}", "iscoGroup")
                fields["attributes"] = {"isco_code": isco}
                cluster = conv.cluster_id(isco, self.level)
                if clusters and cluster not in clusters:
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
    def _broader(self) -> None:
        req = ("conceptUri", "broaderUri")
        nodes = self.store.nodes()
        ok = (NodeType.SKILL, NodeType.GROUP)
        for t in self._tables("broaderRelationsSkillPillar.csv", req):
            i_n, i_b = t.col("conceptUri"), t.col("broaderUri")
            unknown: Counter[str] = Counter()
            loops: list[str] = []
            for row in t:
                n, b = row[i_n], row[i_b]
                nn, bn = nodes.get(n), nodes.get(b)
                if nn is None or nn.node_type not in ok:
                    unknown[n] += 1
                    continue
                if bn is None or bn.node_type not in ok:
                    unknown[b] += 1
                    continue
                if n == b:
                    loops.append(f"{n} (line {t.line})")
                    continue
                try:
                    self.store.add_broader(construct(Broader, {"narrower": n, "broader": b}))
                except SkillGraphError as exc:
                    raise t.error(str(exc), "broaderUri") from None
            _warn_unknown(t.name, "skill or skill-group", unknown, "skipped")
            _warn_loops(t.name, "its own broader concept", loops)

    def _requirements(self) -> None:
        req = ("occupationUri", "relationType", "skillUri")
        roles = self.store.of_type(NodeType.ROLE)
        skills = self.store.of_type(NodeType.SKILL)
        for t in self._tables("occupationSkillRelations.csv", req):
            i_o, i_r, i_s = t.col("occupationUri"), t.col("relationType"), t.col("skillUri")
            bad_roles: Counter[str] = Counter()
            bad_skills: Counter[str] = Counter()
            batch: list[tuple[str, str, bool, float]] = []
            add = batch.append
            for row in t:
                role, kind, skill = row[i_o], row[i_r], row[i_s]
                if role not in roles:
                    bad_roles[role] += 1
                    continue
                if skill not in skills:
                    bad_skills[skill] += 1
                    continue
                essential = _essential(t, kind)
                importance = conv.ESSENTIAL_IMPORTANCE if essential else conv.OPTIONAL_IMPORTANCE
                add((role, skill, essential, importance))
            self.store.add_requirement_rows(batch)
            _warn_unknown(t.name, "occupation", bad_roles, "skipped")
            _warn_unknown(t.name, "skill", bad_skills, "skipped")

    def _related(self) -> None:
        req = ("originalSkillUri", "relationType", "relatedSkillUri")
        skills = self.store.of_type(NodeType.SKILL)
        for t in self._tables("skillSkillRelations.csv", req):
            i_a, i_r, i_b = (
                t.col("originalSkillUri"),
                t.col("relationType"),
                t.col("relatedSkillUri"),
            )
            unknown: Counter[str] = Counter()
            loops: list[str] = []
            for row in t:
                a, kind, b = row[i_a], row[i_r], row[i_b]
                if a not in skills:
                    unknown[a] += 1
                    continue
                if b not in skills:
                    unknown[b] += 1
                    continue
                essential = _essential(t, kind)
                if a == b:
                    loops.append(f"{a} (line {t.line})")
                    continue
                self.store.add_related(
                    construct(Related, {"skill": a, "related": b, "essential": essential})
                )
            _warn_unknown(t.name, "skill", unknown, "skipped")
            _warn_loops(t.name, "related to itself", loops)
