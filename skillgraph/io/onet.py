"""The O*NET text database (a folder of tab-separated files with the official names).

Ids are CURIEs with the prefix ``onet`` (declared in ``graph.prefixes`` as ``urn:onet:``):

- **Roles** ``onet:<O*NET-SOC code>`` (``onet:15-1252.00``) from ``Occupation Data.txt``:
  title, description, ``code``; alt labels from ``Alternate Titles.txt`` (alternate and
  short titles, repeats and the title itself dropped); ``level`` = the Job Zone (1-5) from
  ``Job Zones.txt`` (923 of the 1,016 occupations); ``attributes["education_level"]`` the
  median required education (1-12; `skillgraph.io._onet_levels`), where rated.
- **Clusters** from the SOC code: a role's cluster is its SOC *minor group* (``onet:soc/29-1000``
  for ``29-1141.00``; `soc_minor`: 98 groups), whose ``broader`` is its *major group*
  (``onet:soc/29-0000``, 23 groups, with the SOC 2018 titles); minor groups, untitled in
  the data, are labelled "<major title>, minor group 29-1000".
- **Skills** ``onet:element/<Element ID>`` (``onet:element/2.A.1.a``) from ``Skills.txt``
  (kind skill) and ``Knowledge.txt`` (kind knowledge), labelled with the element name and
  described from ``Content Model Reference.txt`` when present.
- **Requirements** from the IM (importance, 1-5) and LV (level, 0-7) rows of each
  occupation and element: ``importance = (IM - 1) / 4``, ``essential`` when IM >= 3.0
  (`ESSENTIAL_IM`), ``level`` = LV, ``source`` = the file name, ``scale = "IM"``. No
  requirement for an element the LV row marks *Not Relevant*, an IM value marked
  *Recommend Suppress*, or IM below ``min_importance`` (default `MIN_IM`, 2.0: O*NET rates
  every element for every occupation; pass 1.0 to keep all); a suppressed LV leaves
  ``level`` empty.
- **Ratings** (for similarity, which compares whole rating profiles): every published IM
  rating, those below ``min_importance`` and *Not Relevant* included (suppressed values
  excepted), in the role's ``attributes["ratings"]``: ``<skill id>=<importance>[/<level>]``
  items in element order, 3 decimals (see `RATINGS`). They make no requirement.
- **Technology skills** from ``Technology Skills.txt``: one skill of kind technology per
  distinct Example, id ``onet:tech/<Example, URL-encoded, + for spaces>``; attributes
  ``hot_technology`` (a flag of the example, alike on all its rows), ``in_demand`` (for one
  occupation at least), ``commodity_code``, ``commodity_title`` (the lowest code of several).
  Each row is a requirement (``source = "Technology Skills.txt"``): essential, importance
  `TECH_IN_DEMAND` (0.5), ``scale = "In Demand"`` when in demand there; else optional, 0.25.

Occupations without Skills or Knowledge ratings (137 in O*NET 29.3) are reported in one
`skillgraph.errors.DataWarning`: similarity falls back on their titles, descriptions and
tools. Rows naming occupations missing from ``Occupation Data.txt`` are skipped with one
`IncompleteDataWarning` per file.
"""

from __future__ import annotations

import os
import warnings
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from .._kinds import EDUCATION_ATTRIBUTE
from ..errors import DataWarning, FormatError, InvalidValueError
from ..graph import SkillGraph
from ..model import Cluster, NodeType, Role, Skill, SkillKind
from . import _onet_levels as levels
from ._build import construct, paused_gc, valid_id
from ._csv import Table
from ._onet_codes import (
    ESSENTIAL_IM,
    MIN_IM,
    NUMBER,
    OCCUPATIONS,
    ONET_NS,
    RATINGS,
    SOC_COLUMN,
    SOC_MAJOR,
    TECH_IN_DEMAND,
    TECH_LISTED,
    element_id,
    role_id,
    soc_minor,
    technology_id,
)
from ._onet_rows import (
    TECHNOLOGY_COLUMNS,
    Row,
    is_yes,
    rating_requirements,
    soc_code,
    technology_requirements,
    technology_rows,
    technology_skill,
    warn_unknown,
)
from ._source import Progress, Source, check_member
from ._tabular import TabularImporter, reject_options

__all__ = [
    "ESSENTIAL_IM",
    "MIN_IM",
    "ONET_NS",
    "RATINGS",
    "TECH_IN_DEMAND",
    "TECH_LISTED",
    "element_id",
    "read_onet",
    "role_id",
    "sniff_onet",
    "technology_id",
]

_ELEMENT_FILES = {"Skills.txt": SkillKind.SKILL, "Knowledge.txt": SkillKind.KNOWLEDGE}
_STEPS = (
    OCCUPATIONS,
    "Alternate Titles.txt",
    levels.ZONES_FILE,
    levels.EDUCATION_FILE,
    "Content Model Reference.txt",
    "Skills.txt",
    "Knowledge.txt",
    "Technology Skills.txt",
)
_SOC = SOC_COLUMN


def sniff_onet(source: Source, head: bytes) -> bool:
    """True for a folder holding ``Occupation Data.txt``."""
    return source.path is not None and source.is_dir and (source.path / OCCUPATIONS).is_file()


def read_onet(
    source: Source,
    *,
    progress: Progress | None = None,
    min_importance: float = MIN_IM,
    **options: Any,
) -> SkillGraph:
    """Read an O*NET text-database folder (see the module documentation for the mapping).

    ``progress(stage, done, total)`` is called once per file; ``min_importance`` (1-5, IM
    scale) is the lowest rating that makes a requirement.

    Raises:
        FormatError: not a folder, ``Occupation Data.txt`` missing (naming what was found),
            a file lacks a column (naming file and column), a row is malformed, a code or
            number is invalid (naming file, line and column).
        InvalidValueError: an unknown option is given, or ``min_importance`` is not in
            [1, 5].
    Warns:
        DataWarning: an optional file is missing.
        IncompleteDataWarning: rows naming unknown occupations were skipped.
    """
    reject_options("O*NET", options)
    if (
        not isinstance(min_importance, int | float)
        or isinstance(min_importance, bool)
        or not 1.0 <= min_importance <= 5.0
    ):
        raise InvalidValueError(
            f"min_importance must be a number in [1, 5] on O*NET's IM scale "
            f"(got {min_importance!r})",
            field="min_importance",
        )
    if source.path is None or not source.is_dir:
        raise FormatError(
            "an O*NET text database is a folder of .txt files (unzip the release first)",
            source=source.name,
        )
    folder = source.path
    if not (folder / OCCUPATIONS).is_file():
        found = sorted(p.name for p in folder.iterdir())
        raise FormatError(
            f"not an O*NET text database: {OCCUPATIONS!r} is missing; found: "
            f"{', '.join(found)[:400] or 'an empty folder'}",
            source=source.name,
        )
    with paused_gc():
        return _Importer(folder, progress, min_importance).run()


class _Importer(TabularImporter):
    """One read of an O*NET text database into a new graph."""

    delimiter = "\t"

    def __init__(self, folder: Path, progress: Progress | None, min_importance: float) -> None:
        super().__init__(SkillGraph(prefixes={"onet": ONET_NS}), _STEPS, progress)
        self.folder = folder
        self.min_importance = min_importance
        self.nodes = self.store.nodes()
        self.roles = self.store.of_type(NodeType.ROLE)  # the graph's own dict: grows with it
        self.descriptions: dict[str, str] = {}
        self.ratings: dict[str, list[str]] = {}
        #: O*NET-SOC code cells already found to name an occupation, to its role id (a
        #: rating file repeats each code on hundreds of rows; roles are never removed)
        self.known_roles: dict[str, str] = {}
        #: the roles given a requirement so far (a check of the store's maps would index
        #: every requirement just to warn)
        self.required: set[str] = set()

    def open_file(self, name: str) -> tuple[TextIO, str] | None:
        path = self.folder / name
        if os.path.lexists(path):
            check_member(self.folder, path)
        if not path.is_file():
            if name not in (OCCUPATIONS, levels.EDUCATION_FILE):  # education levels are optional
                warnings.warn(
                    f"{self.folder}: O*NET database without {name!r}: what it holds is missing "
                    "from the graph",
                    DataWarning,
                    stacklevel=6,
                )
            return None
        return path.open("r", encoding="utf-8-sig", newline=""), str(path)

    def run(self) -> SkillGraph:
        self._roles()
        self._alt_titles()
        self._levels()
        self._content_model()
        for name, kind in _ELEMENT_FILES.items():
            self._elements(name, kind)
        self._technology()
        self._keep_ratings()
        return self.finish()

    def _known_role(self, t: Table, value: str, unknown: Counter[str]) -> str | None:
        """The role id of an O*NET-SOC code cell; None, counted in ``unknown``, when no
        occupation has that code.

        Raises:
            FormatError: the cell is not an O*NET-SOC code.
        """
        known = self.known_roles.get(value)
        if known is not None:
            return known
        code = soc_code(t, value)
        rid = role_id(code)
        if rid in self.roles:
            self.known_roles[value] = rid
            return rid
        unknown[code] += 1
        return None

    # -------------------------------------------------------------- roles
    def _roles(self) -> None:
        req = (_SOC, "Title", "Description")
        for t in self.tables(OCCUPATIONS, req):
            i_code, i_title, i_desc = t.col(_SOC), t.col("Title"), t.col("Description")
            rows = []
            for row in t:
                code = soc_code(t, row[i_code])
                title = row[i_title].strip()
                if not title:
                    raise t.error("empty title", "Title")
                rows.append((code, title, row[i_desc].strip(), t.line))
            for code, title, desc, line in rows:
                major, minor = code[:2], soc_minor(code)
                major_id, minor_id = f"onet:soc/{major}-0000", f"onet:soc/{minor}"
                if major_id not in self.nodes:
                    label = SOC_MAJOR.get(major, f"SOC major group {major}-0000")
                    self.store.add_node(
                        construct(Cluster, {"id": major_id, "label": label, "code": major})
                    )
                if minor_id not in self.nodes:
                    major_label = self.nodes[major_id].label
                    self.store.add_node(
                        construct(
                            Cluster,
                            {
                                "id": minor_id,
                                "label": f"{major_label}, minor group {minor}",
                                "code": minor,
                                "broader": major_id,
                            },
                        )
                    )
                rid = role_id(code)
                if rid in self.nodes:
                    raise FormatError(
                        f"occupation {code!r} is listed twice",
                        source=t.name,
                        line=line,
                        column=_SOC,
                    )
                fields: dict[str, Any] = {
                    "id": rid,
                    "label": title,
                    "code": code,
                    "cluster": minor_id,
                }
                if desc:
                    fields["description"] = desc
                self.store.add_node(construct(Role, fields))

    def _replace_role(self, rid: str, **changes: Any) -> None:
        old = self.nodes[rid]
        fields = {**old.__dict__, **changes}
        self.store.add_node(construct(Role, fields), replace=True)

    def _alt_titles(self) -> None:
        req = (_SOC, "Alternate Title", "Short Title")
        for t in self.tables("Alternate Titles.txt", req):
            i_code, i_alt, i_short = t.col(_SOC), t.col("Alternate Title"), t.col("Short Title")
            alts: dict[str, dict[str, None]] = {}
            unknown: Counter[str] = Counter()
            roles = self.store.of_type(NodeType.ROLE)
            known = self.known_roles
            for row in t:
                cell = row[i_code]
                rid = known.get(cell) or self._known_role(t, cell, unknown)
                if rid is None:
                    continue
                bag = alts.get(rid)
                if bag is None:
                    bag = alts[rid] = {}
                text = row[i_alt].strip()
                if text:
                    bag[text] = None
                text = row[i_short].strip()
                if text:
                    bag[text] = None
            for rid, bag in alts.items():
                title = roles[rid].label
                labels = tuple(a for a in bag if a != title)
                if labels:
                    self._replace_role(rid, alt_labels=labels)
            warn_unknown(t.name, unknown)

    def _levels(self) -> None:
        unknown: Counter[str] = Counter()
        shown = levels.ZONES_FILE
        for t, code, zone in levels.job_zones(self.tables(levels.ZONES_FILE, levels.ZONE_COLUMNS)):
            shown, rid = t.name, role_id(code)
            if rid not in self.roles:
                unknown[code] += 1
                continue
            self._replace_role(rid, level=zone)
        warn_unknown(shown, unknown)
        for code, level in levels.median_levels(
            self.tables(levels.EDUCATION_FILE, levels.COLUMNS)
        ).items():
            if (rid := role_id(code)) in self.roles:
                attributes = {**self.nodes[rid].attributes, EDUCATION_ATTRIBUTE: str(level)}
                self._replace_role(rid, attributes=attributes)

    def _content_model(self) -> None:
        for t in self.tables("Content Model Reference.txt", ("Element ID", "Description")):
            i_id, i_desc = t.col("Element ID"), t.col("Description")
            for row in t:
                self.descriptions[row[i_id].strip()] = row[i_desc].strip()

    # -------------------------------------------------------------- requirements
    def _elements(self, name: str, kind: SkillKind) -> None:
        req: tuple[str, ...] = (_SOC, "Element ID", "Element Name", "Scale ID", "Data Value")
        req += ("Recommend Suppress", "Not Relevant")
        for t in self.tables(name, req):
            c = {k: t.col(k) for k in req}
            i_soc, i_el, _, i_scale, i_value, i_suppress, i_relevant = c.values()
            # (role, element) -> [IM or None, LV or None, dropped, first IM, first LV], the
            # first of a scale as (value, line): a second rating must repeat it
            found: dict[tuple[str, str], list[Any]] = {}
            unknown: Counter[str] = Counter()
            checked: dict[str, str] = {}  # Element ID cell -> its skill, once checked
            known, number = self.known_roles, NUMBER.match
            # cells repeat (about 60 scales and values, 35 elements): each is read once
            scales = {"IM": (3, 1.0, 5.0), "LV": (4, 0.0, 7.0)}
            values: dict[str, float] = {}
            last_rid = last_sid = ""
            entry: list[Any] = []
            for row in t:
                rid = known.get(row[i_soc]) or self._known_role(t, row[i_soc], unknown)
                if rid is None:
                    continue
                sid = checked.get(row[i_el])
                if sid is None:
                    sid = checked[row[i_el]] = self._element(t, row, c, kind)
                cell = row[i_scale]
                scale = scales.get(cell) or scales.get(cell.strip())
                if scale is None:
                    continue
                at, lo, hi = scale
                cell = row[i_value]
                value = values.get(cell)
                if value is None:
                    raw = cell.strip()
                    if not number(raw):
                        raise t.error(f"not a number: {raw!r}", "Data Value")
                    value = values[cell] = float(raw)
                if rid is not last_rid or sid is not last_sid:  # IM and LV rows come in pairs
                    got = found.get((rid, sid))
                    if got is None:
                        got = found[rid, sid] = [None, None, False, None, None]
                    entry = got
                    last_rid, last_sid = rid, sid
                seen = entry[at]
                if seen is None:
                    entry[at] = (value, t.line)
                elif seen[0] != value:
                    raise t.error(
                        f"a second {row[i_scale].strip()} rating of {row[i_el].strip()!r} for "
                        f"{rid!r}: {value} here, {seen[0]} on line {seen[1]}; keep one row",
                        "Data Value",
                    )
                if not lo <= value <= hi:
                    raise t.error(
                        f"{row[i_scale].strip()} value {value} outside the scale's range {lo}-{hi}",
                        "Data Value",
                    )
                cell = row[i_suppress]
                suppress = cell == "Y" or (cell != "N" and is_yes(cell))
                cell = row[i_relevant]
                if cell == "Y" or (cell != "N" and is_yes(cell)):
                    entry[2] = True
                if at == 3:
                    if suppress:
                        entry[2] = True
                    else:
                        entry[0] = value
                elif not suppress:
                    entry[1] = value
            self._add_requirements(
                rating_requirements(found, self.ratings, self.min_importance, name)
            )
            warn_unknown(t.name, unknown)

    def _element(self, t: Table, row: list[str], c: dict[str, int], kind: SkillKind) -> str:
        """The skill id of a rating row's element, added as a skill of ``kind`` when new.

        Raises:
            FormatError: an invalid element id or empty name, or an id already used by a
                node that is not a skill of ``kind``.
        """
        element = row[c["Element ID"]].strip()
        if not valid_id(element):
            raise t.error(f"invalid element id {element!r}", "Element ID")
        sid = element_id(element)
        if sid not in self.nodes:
            label = row[c["Element Name"]].strip()
            if not label:
                raise t.error("empty element name", "Element Name")
            fields: dict[str, Any] = {"id": sid, "label": label, "kind": kind}
            desc = self.descriptions.get(element)
            if desc:
                fields["description"] = desc
            fields["attributes"] = {"element_id": element}
            self.store.add_node(construct(Skill, fields))
        elif self.nodes[sid].node_type is not NodeType.SKILL:
            raise t.error(f"{sid!r} is not a skill", "Element ID")
        elif (other := getattr(self.nodes[sid], "kind", kind)) is not kind:
            raise t.error(
                f"element {element!r} is already read from another file as "
                f"{other.value}: an element belongs to Skills.txt or to "
                "Knowledge.txt, not both",
                "Element ID",
            )
        return sid

    def _technology(self) -> None:
        for t in self.tables("Technology Skills.txt", TECHNOLOGY_COLUMNS):
            unknown: Counter[str] = Counter()
            techs, reqs = technology_rows(t, self.known_roles, self._known_role, unknown)
            taken = next((sid for sid in techs if sid in self.nodes), None)
            if taken is not None:
                raise FormatError(
                    f"technology id {taken!r} is already used by another node",
                    source=t.name,
                    column="Example",
                )
            nodes = [technology_skill(sid, *info) for sid, info in techs.items()]
            if not self.store.add_new_nodes(nodes):  # pragma: no cover - ids checked above
                for node in nodes:
                    self.store.add_node(node)
            self._add_requirements(technology_requirements(reqs))
            warn_unknown(t.name, unknown)

    def _add_requirements(self, rows: list[Row]) -> None:
        """Add the requirement value ``rows`` to the graph, noting their roles."""
        self.store.add_requirement_values(rows)
        self.required.update(row[0] for row in rows)

    def _keep_ratings(self) -> None:
        """Store each rated occupation's profile; warn about occupations without ratings."""
        for rid, items in self.ratings.items():
            old = self.nodes[rid]
            self._replace_role(rid, attributes={**old.attributes, RATINGS: " ".join(items)})
        unrated = sorted(rid for rid in self.roles if rid not in self.ratings)
        if not self.ratings or not unrated:
            return
        tech_only = [rid for rid in unrated if rid in self.required]
        shown = ", ".join(self.roles[r].label for r in (tech_only or unrated)[:5])
        warnings.warn(
            f"{self.folder}: {len(unrated)} occupations have no Skills or Knowledge ratings "
            f"({len(tech_only)} with technology requirements only, "
            f"{len(unrated) - len(tech_only)} with no requirement; e.g. {shown}): similarity "
            "falls back on their titles, descriptions and tools",
            DataWarning,
            stacklevel=4,
        )
