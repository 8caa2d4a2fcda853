"""Data releases: the version, the validate and diff commands, and the shipped release notes."""

import csv
import shutil

from atlas.data import release
from atlas.data.__main__ import main
from atlas.data.datasets import DEFAULT_DATA_DIR
from tests.fixtures import src, write_data_dir


def test_the_shipped_data_has_a_version_and_its_release_notes():
    name = release.version(DEFAULT_DATA_DIR)
    assert name
    changes = release.read_changes(DEFAULT_DATA_DIR)
    assert changes and (DEFAULT_DATA_DIR / "releases" / f"{name}.md").exists()
    with open(DEFAULT_DATA_DIR / "sources.csv", encoding="utf-8") as fh:
        sources = {row["id"] for row in csv.DictReader(fh)}
    assert {c.source_id for c in changes if c.change != "removed"} - {""} <= sources


def test_diff_lists_added_removed_and_changed_rows_with_their_sources(tmp_path):
    old = write_data_dir(tmp_path / "old", {"sources": [src("s-a"), src("s-b")]})
    new = write_data_dir(tmp_path / "new", {"sources": [src("s-a", "B"), src("s-c")]})
    (new / "release.toml").write_text('version = "2099.01.01"\n', encoding="utf-8")
    changes = release.diff(old, new)
    assert {(c.change, c.row_id, c.column, c.old, c.new) for c in changes} == {
        ("changed", "s-a", "quality", "A", "B"), ("added", "s-c", "", "", ""), ("removed", "s-b", "", "", "")}
    assert release.counts(changes) == {"added": 1, "removed": 1, "changed": 1, "tables": 1}
    notes = release.notes(changes, None, "2099.01.01")
    assert "changed `s-a` quality: A → B (source s-a)" in notes and "1 rows added, 1 removed, 1 changed" in notes


def test_diff_command_writes_the_notes_the_about_page_reads(tmp_path, capsys):
    old = write_data_dir(tmp_path / "old", {"sources": [src("s-a")]})
    new = write_data_dir(tmp_path / "new", {"sources": [src("s-a"), src("s-b")]})
    (new / "release.toml").write_text('version = "2099.01.02"\n', encoding="utf-8")
    assert main(["diff", str(old), str(new), "--write"]) == 0
    assert "added `s-b`" in capsys.readouterr().out
    assert [c.row_id for c in release.read_changes(new)] == ["s-b"]


def test_validate_command_names_file_line_and_column(tmp_path, capsys):
    folder = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    assert main(["validate", str(folder)]) == 0
    path = folder / "hubs.csv"
    text = path.read_text(encoding="utf-8").replace(",east,", ",middle,", 1)
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "hubs.csv, line 2, column 'region': 'middle' is not one of east, west" in out


def test_a_folder_without_a_release_file_is_unversioned(tmp_path):
    assert release.version(tmp_path) is None and release.read_changes(tmp_path) == []
