"""Safe reading of zip archives: member names checked, expansion capped, nothing extracted.

Members are read straight into memory streams, never written to disk, yet unsafe archives are
refused outright so a malicious file never gets half-read: names that are absolute, climb
out with ``..``, use back slashes or drive letters (zip-slip), symbolic links, encrypted
members, too many members, and zip bombs (declared sizes above `MAX_MEMBER_BYTES` /
`MAX_TOTAL_BYTES`, or a compression ratio above `MAX_RATIO`). The bytes actually
inflated are counted too, so an archive whose headers lie cannot expand past its declared
size.
"""

from __future__ import annotations

import io
import lzma
import stat
import zipfile
import zlib
from pathlib import Path
from typing import IO, Any, BinaryIO

from ..errors import FormatError, ResourceLimitError, UnsafeInputError
from ._closing import Closing

__all__ = [
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "SafeZip",
    "is_zip",
    "member_names",
]

#: Most members an archive may hold.
MAX_MEMBERS = 10_000
#: Largest declared uncompressed size of one member (bytes).
MAX_MEMBER_BYTES = 1024**3
#: Largest declared uncompressed size of all members together (bytes).
MAX_TOTAL_BYTES = 4 * 1024**3
#: Highest compression ratio (uncompressed / compressed) accepted for members over 1 MiB.
MAX_RATIO = 200.0
_RATIO_FLOOR = 1024**2
_CHUNK = 1024**2
#: What a corrupt member raises while it is opened or inflated.
_CORRUPT = (
    zipfile.BadZipFile,
    EOFError,
    OSError,
    NotImplementedError,
    ValueError,
    zlib.error,
    lzma.LZMAError,
)


def is_zip(head: bytes) -> bool:
    """True when ``head`` starts like a zip archive (local header or empty archive)."""
    return head.startswith((b"PK\x03\x04", b"PK\x05\x06"))


def _unsafe_name(name: str) -> str | None:
    """Why member ``name`` is unsafe, or None."""
    if not name:
        return "empty member name"
    if "\\" in name:
        return "back slash in member name"
    if name.startswith("/"):
        return "absolute member path"
    if len(name) > 1 and name[1] == ":":
        return "drive letter in member name"
    if ".." in name.split("/"):
        return "member path climbs out of the archive ('..')"
    if "\x00" in name:
        return "NUL byte in member name"
    return None


class SafeZip(Closing):
    """A zip archive opened for safe reading (use as a context manager).

    Raises (on construction):
        FormatError: the file is not a readable zip archive.
        UnsafeInputError: a member has an unsafe name, is a symbolic link or is encrypted.
        ResourceLimitError: too many members, a member or the total too large, or a
            compression ratio typical of zip bombs.
    """

    def __init__(self, archive: Path | bytes, name: str) -> None:
        self.name = name
        fh: BinaryIO | Path = io.BytesIO(archive) if isinstance(archive, bytes) else archive
        try:
            self._zip = zipfile.ZipFile(fh)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
            raise FormatError(f"not a readable zip archive: {exc}", source=name) from None
        try:
            self._infos = self._check()
        except BaseException:
            self._zip.close()
            raise

    def _check(self) -> dict[str, zipfile.ZipInfo]:
        infos = self._zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ResourceLimitError(
                f"{len(infos)} members, more than the limit of {MAX_MEMBERS}", source=self.name
            )
        total = 0
        out: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            where = f"{self.name}!{info.filename}"
            why = _unsafe_name(info.filename)
            if why is not None:
                raise UnsafeInputError(f"{why}: {info.filename!r}", source=self.name)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise UnsafeInputError("symbolic link member refused", source=where)
            if info.flag_bits & 0x1:
                raise UnsafeInputError("encrypted member refused", source=where)
            if info.is_dir():
                continue
            if info.file_size > MAX_MEMBER_BYTES:
                raise ResourceLimitError(
                    f"member declares {info.file_size} bytes, more than the limit of "
                    f"{MAX_MEMBER_BYTES}",
                    source=where,
                )
            ratio = info.file_size / max(1, info.compress_size)
            if info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO:
                raise ResourceLimitError(
                    f"compression ratio {ratio:.0f}:1 exceeds the limit of {MAX_RATIO:.0f}:1 "
                    "(zip bomb?)",
                    source=where,
                )
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise ResourceLimitError(
                    f"members declare more than {MAX_TOTAL_BYTES} bytes in total",
                    source=self.name,
                )
            if info.filename in out:
                raise FormatError(f"member {info.filename!r} appears twice", source=self.name)
            out[info.filename] = info
        return out

    def close(self) -> None:
        """Close the archive."""
        self._zip.close()

    def names(self) -> list[str]:
        """The file members' names (folders left out), in archive order."""
        return list(self._infos)

    def open(self, member: str) -> BinaryIO:
        """A buffered binary stream over ``member`` that inflates at most its declared size.

        Raises:
            FormatError: no such member; (while reading) the member is corrupt.
            ResourceLimitError: (while reading) the member inflates past its declared size.
        """
        info = self._infos.get(member)
        where = f"{self.name}!{member}"
        if info is None:
            raise FormatError("no such member in the archive", source=where)
        try:
            inner = self._zip.open(info)
        except _CORRUPT as exc:
            raise FormatError(f"corrupt member: {exc}", source=where) from None
        return io.BufferedReader(_Capped(inner, info.file_size, where), _CHUNK)

    def read(self, member: str) -> bytes:
        """The whole content of ``member``, inflating at most its declared size.

        Raises:
            FormatError: no such member, or the member is corrupt (bad CRC, bad data).
            ResourceLimitError: the member inflates past its declared size.
        """
        info = self._infos.get(member)
        where = f"{self.name}!{member}"
        if info is None:
            raise FormatError("no such member in the archive", source=where)
        limit = info.file_size
        buf = bytearray()
        try:
            with self._zip.open(info) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    buf += chunk
                    if len(buf) > limit:
                        raise ResourceLimitError(
                            f"member inflates past its declared {limit} bytes", source=where
                        )
        except FormatError:
            raise
        except _CORRUPT as exc:
            raise FormatError(f"corrupt member: {exc}", source=where) from None
        return bytes(buf)


class _Capped(io.RawIOBase):
    """A read-only stream over a zip member that refuses to inflate past ``limit`` bytes."""

    def __init__(self, inner: IO[bytes], limit: int, where: str) -> None:
        super().__init__()
        self._inner = inner
        self._left = limit
        self._limit = limit
        self._where = where

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        try:
            data = self._inner.read(len(view))
        except _CORRUPT as exc:
            raise FormatError(f"corrupt member: {exc}", source=self._where) from None
        n = len(data)
        self._left -= n
        if self._left < 0:
            raise ResourceLimitError(
                f"member inflates past its declared {self._limit} bytes", source=self._where
            )
        view[:n] = data
        return n

    def close(self) -> None:
        self._inner.close()
        super().close()


def member_names(archive: Path | bytes) -> list[str] | None:
    """The member names of a zip archive (central directory only), or None if unreadable.

    Cheap: reads the central directory, inflates nothing. Used by sniffers.
    """
    fh: BinaryIO | Path = io.BytesIO(archive) if isinstance(archive, bytes) else archive
    try:
        with zipfile.ZipFile(fh) as zf:
            return zf.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return None
