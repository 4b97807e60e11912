"""The real ESCO v1.1.1 zips (to Turtle and back) and O*NET 29.3 folder through the CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import skillgraph as sg

from .conftest import need_format, ok

Invoke = Callable[..., Result]


@pytest.mark.data
@pytest.mark.slow
def test_esco_zip_to_turtle_and_back(invoke: Invoke, data: Path, tmp_path: Path) -> None:
    need_format("esco")
    need_format("turtle")
    zips = data / "esco" / "v1.1.1" / "zip"
    direct = tmp_path / "direct.json"
    ttl = tmp_path / "esco.ttl"
    back = tmp_path / "back.json"
    ok(invoke("convert", str(zips), str(direct), "--from", "esco"))
    ok(invoke("convert", str(zips), str(ttl)))
    ok(invoke("convert", str(ttl), str(back)))
    original, returned = sg.read(direct), sg.read(back)
    assert len(original.roles) == 3007 and len(original.skills) == 13896
    assert returned == original, original.diff(returned)
    assert sg.dumps(returned) == sg.dumps(original)
    # ESCO's known defects are reported as warnings, not errors
    result = invoke("validate", str(zips))
    assert result.exit_code == 0, result.stdout
    assert "a9e54177" in result.stdout and "warning" in result.stdout


@pytest.mark.data
def test_onet_folder_to_json(invoke: Invoke, data: Path, tmp_path: Path) -> None:
    need_format("onet")
    folder = data / "onet" / "29.3"
    out = tmp_path / "onet.json"
    ok(invoke("convert", str(folder), str(out)))
    assert sg.read(out) == sg.read(folder)
    assert '"format": "onet"' in ok(invoke("info", str(folder), "--json"))
