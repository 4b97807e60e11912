"""A release folder's files are read only when they are regular files inside the folder:
the ESCO and O*NET readers share one check (`skillgraph.io._source.check_member`)."""

from __future__ import annotations

from pathlib import Path

import pytest

import skillgraph as sg
from skillgraph.errors import UnsafeInputError

from .test_esco import SMALL, write_release

CANARY = "SECRET-CANARY-42"


@pytest.mark.parametrize("name", sorted(SMALL))
def test_esco_member_linked_outside_is_refused_unread(tmp_path: Path, name: str) -> None:
    release = write_release(tmp_path / "release")
    secret = tmp_path / "secret.txt"
    secret.write_text(CANARY + "\n", encoding="utf-8")
    (release / name).unlink()
    (release / name).symlink_to(secret)
    with pytest.raises(UnsafeInputError, match="outside the release folder") as caught:
        sg.read(release, format="esco")
    assert CANARY not in str(caught.value)
    assert name in str(caught.value)


def test_cli_info_does_not_quote_a_linked_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from skillgraph.cli import cli

    release = write_release(tmp_path / "release")
    secret = tmp_path / "secret.txt"
    secret.write_text(CANARY + "\n", encoding="utf-8")
    (release / "ISCOGroups_en.csv").unlink()
    (release / "ISCOGroups_en.csv").symlink_to(secret)
    res = CliRunner().invoke(cli, ["info", "--no-cache", str(release)])
    assert res.exit_code == 1, res.output
    assert CANARY not in res.output
    assert "symbolic link to a file outside the release folder" in res.output


def test_unrelated_entries_named_csv_do_not_stop_a_read(tmp_path: Path) -> None:
    # regression: every *.csv entry of the folder was checked, so a subfolder backup.csv or
    # a link to a file outside (my_notes.csv) refused a release the importer could read
    release = write_release(tmp_path / "release")
    expected = sg.read(release, format="esco")
    (release / "backup.csv").mkdir()
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n", encoding="utf-8")
    (release / "my_notes.csv").symlink_to(notes)
    (release / "old.zip").mkdir()
    assert sg.read(release, format="esco") == expected


def test_regression_a_missing_file_is_named_not_blamed_on_the_relations_archive(
    tmp_path: Path,
) -> None:
    # skills_en.csv and the relation files without occupations_en.csv were reported as
    # "only the relations archive was given"
    from skillgraph.errors import FormatError

    release = write_release(tmp_path / "release")
    (release / "occupations_en.csv").unlink()
    with pytest.raises(FormatError) as caught:
        sg.read(release, format="esco")
    message = str(caught.value)
    assert "occupations_en.csv is missing beside skills_en.csv" in message
    assert "relation" not in message.split("; found:")[0]
