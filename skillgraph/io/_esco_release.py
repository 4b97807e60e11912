"""Where the files of an ESCO CSV release are: an unzipped folder, one official zip, or a
folder holding the zips.

`locate` finds every CSV file of a source by base name (refusing a name present twice,
a zip member that is a folder, an unsafe member) and `language` picks the language whose
``occupations_<lang>.csv`` and ``skills_<lang>.csv`` are both present (``en`` preferred).
`sniff_esco` recognises such a source from its file and member names.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..errors import FormatError
from ._source import Source, check_member
from ._zip import SafeZip, is_zip, member_names

__all__ = ["RELATION_FILES", "Release", "language", "locate", "sniff_esco"]

_LANG_FILE = re.compile(r"^(occupations|skills)_([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)\.csv$")
RELATION_FILES = (
    "occupationSkillRelations.csv",
    "broaderRelationsSkillPillar.csv",
    "skillSkillRelations.csv",
)
_SIGNATURE = {*RELATION_FILES, "broaderRelationsOccPillar.csv"}
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
    #: the release folder holding ``path`` (checked when the file is opened)
    folder: Path | None = None

    def open(self) -> TextIO:
        """The file as text (UTF-8, a byte order mark dropped).

        Raises:
            UnsafeInputError: the file is a symbolic link leaving the release folder.
            FormatError: the file is a FIFO, device or folder, not a regular file.
        """
        if self.archive is not None and self.member is not None:
            raw = self.archive.open(self.member)
            return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        assert self.path is not None
        if self.folder is not None:
            check_member(self.folder, self.path)
        return self.path.open("r", encoding="utf-8-sig", newline="")


@dataclass
class Release:
    """The CSV files found in a source, by base name; owns the zips it opened (`close`)."""

    source: str
    files: dict[str, _Entry] = field(default_factory=dict)
    zips: list[SafeZip] = field(default_factory=list)

    def put(self, base: str, entry: _Entry) -> None:
        """Record ``entry`` as the file ``base``.

        Raises:
            FormatError: another file of that name is already recorded.
        """
        old = self.files.get(base)
        if old is not None:
            raise FormatError(
                f"{base} is present twice ({old.name} and {entry.name}); point at one release",
                source=self.source,
            )
        self.files[base] = entry

    def add_zip(self, archive: Path | bytes, name: str) -> None:
        """Record the CSV members of the zip ``archive`` (named ``name`` in messages).

        Raises:
            FormatError: a member name is present twice, or an ESCO member is a folder.
            UnsafeInputError: a member is unsafe.
            ResourceLimitError: the zip exceeds the expansion limits.
        """
        zf = SafeZip(archive, name)
        self.zips.append(zf)
        for member in zf.names():
            base = member.rsplit("/", 1)[-1]
            if not base and _esco_name(member.rstrip("/").rsplit("/", 1)[-1]):
                raise FormatError(f"zip member {member!r} is a folder, not a CSV file", source=name)
            if base.lower().endswith(".csv"):
                self.put(base, _Entry(f"{name}!{member}", archive=zf, member=member))

    def close(self) -> None:
        """Close the zips opened."""
        for zf in self.zips:
            zf.close()


def locate(source: Source) -> Release:
    """The CSV files of ``source``: a folder's own CSVs and those of its ESCO zips, or the
    members of one zip.

    A folder's CSV files are checked (a regular file inside the folder) when the importer
    opens them, so that an unrelated entry (a subfolder ``backup.csv``, a link
    ``notes.csv``) is no obstacle; its zip files are checked here, since their names are
    read.

    Raises:
        FormatError: a file name is present twice, or a zip member is a folder.
        UnsafeInputError: a zip file leaves the folder or a zip member is unsafe.
        ResourceLimitError: a zip exceeds the expansion limits.
    """
    rel = Release(source.name)
    try:
        if source.path is not None and source.is_dir:
            for p in sorted(source.path.iterdir()):
                if p.name.lower().endswith(".csv"):  # checked when (if ever) opened
                    rel.put(p.name, _Entry(str(p), path=p, folder=source.path))
            for p in sorted(source.path.iterdir()):
                if p.name.lower().endswith(".zip") and p.is_file():  # opened for its names
                    check_member(source.path, p)
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


def language(rel: Release, wanted: str | None) -> str:
    """The language of the release: ``wanted``, else ``en``, else the first complete one.

    Raises:
        FormatError: no language has both its occupations and skills files (naming what
            was found), or ``wanted`` is not one of them.
    """
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
        raise FormatError(
            "not an ESCO CSV release: occupations_<lang>.csv and skills_<lang>.csv of one "
            f"language (occupations_en.csv and skills_en.csv) are required{_lacking(rel, found)}"
            f"; found: {present[:400]}",
            source=rel.source,
        )
    return "en" if "en" in complete else complete[0]


def _lacking(rel: Release, found: dict[str, set[str]]) -> str:
    """What the release lacks, for `language`'s error: the file missing beside each
    language's one file given, else (relation files only) the archive to add."""
    if found:
        return "".join(
            f"; {_other(kinds)}_{lang}.csv is missing beside {next(iter(kinds))}_{lang}.csv"
            for lang, kinds in sorted(found.items())
        )
    relations = [f for f in RELATION_FILES if f in rel.files]
    if relations:
        return (
            f"; only relation files were given ({', '.join(relations)}), the archive "
            "without the classification: add ESCO's 'classification - en - csv' zip"
        )
    return ""


def _other(kinds: set[str]) -> str:
    return "skills" if "occupations" in kinds else "occupations"
