"""Safe zip reading: unsafe names, symbolic links and bombs are refused, naming the member."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

import pytest

import skillgraph as sg
from skillgraph.errors import FormatError, ResourceLimitError, UnsafeInputError
from skillgraph.io import _zip
from skillgraph.io._zip import SafeZip, is_zip, member_names


def make_zip(members: dict[str, bytes], *, link: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        if link is not None:
            info = zipfile.ZipInfo(link)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, b"/etc/passwd")
    return buf.getvalue()


@pytest.mark.parametrize(
    "name", ["../evil.csv", "a/../../evil.csv", "/etc/evil.csv", "C:/evil.csv", "a\\..\\b.csv"]
)
def test_unsafe_names_are_refused(name: str) -> None:
    with pytest.raises(UnsafeInputError, match=r"evil\.zip") as info:
        SafeZip(make_zip({name: b"x"}), "evil.zip")
    assert repr(name) in str(info.value)


def test_symlink_is_refused() -> None:
    with pytest.raises(UnsafeInputError, match=r"evil\.zip!skills_en\.csv: symbolic link"):
        SafeZip(make_zip({"ok.csv": b"a"}, link="skills_en.csv"), "evil.zip")


def test_bomb_ratio_is_refused() -> None:
    data = make_zip({"occupations_en.csv": b"0" * (8 * 1024**2)})
    with pytest.raises(ResourceLimitError, match=r"bomb\.zip!occupations_en\.csv: compression"):
        SafeZip(data, "bomb.zip")


def test_declared_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_zip, "MAX_MEMBER_BYTES", 100)
    with pytest.raises(ResourceLimitError, match=r"big\.zip!a\.csv: member declares 101 bytes"):
        SafeZip(make_zip({"a.csv": bytes(range(101))}), "big.zip")
    monkeypatch.setattr(_zip, "MAX_MEMBER_BYTES", 1000)
    monkeypatch.setattr(_zip, "MAX_TOTAL_BYTES", 150)
    with pytest.raises(ResourceLimitError, match="in total"):
        SafeZip(make_zip({"a.csv": b"a" * 100, "b.csv": b"b" * 100}), "big.zip")


def test_lying_header_cannot_inflate_past_declared_size() -> None:
    data = bytearray(make_zip({"a.csv": b"abcdefgh" * 1000}))
    # shrink the declared size in the central directory (offset 24 of the entry)
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 24 : cd + 28] = (10).to_bytes(4, "little")
    with SafeZip(bytes(data), "liar.zip") as zf, pytest.raises(FormatError, match=r"liar\.zip"):
        zf.open("a.csv").read()


def test_reading_members_and_helpers() -> None:
    data = make_zip({"dir/a.csv": b"x,y\n1,2\n", "b.csv": b""})
    assert is_zip(data) and not is_zip(b"hello")
    assert member_names(data) == ["dir/a.csv", "b.csv"]
    assert member_names(b"not a zip") is None
    with SafeZip(data, "ok.zip") as zf:
        assert zf.names() == ["dir/a.csv", "b.csv"]
        assert zf.open("dir/a.csv").read() == b"x,y\n1,2\n"
        assert zf.read("b.csv") == b""
        with pytest.raises(FormatError, match=r"ok\.zip!nope: no such member"):
            zf.open("nope")
    with pytest.raises(FormatError, match="not a readable zip"):
        SafeZip(b"PK\x03\x04garbage", "bad.zip")


def test_esco_reader_refuses_unsafe_zip(tmp_path: Path) -> None:
    path = tmp_path / "esco.zip"
    path.write_bytes(make_zip({"occupations_en.csv": b"a", "../skills_en.csv": b"b"}))
    with pytest.raises(UnsafeInputError, match="climbs out"):
        sg.read(path, format="esco")
