"""A data folder's release version, and the changes between two data folders.

The version lives in `<data>/release.toml` (`version = "2026.12.07"`). The changes of a release
against the one before are kept in `<data>/releases/<version>.csv` (one row per change, for the
About page) and `<version>.md` (the release notes), both written by `python -m atlas.data diff`.
"""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import astuple, dataclass, fields
from pathlib import Path

from atlas.data.datasets import load_catalog, load_geo, load_schema

RELEASE_FILE = "release.toml"
RELEASES_DIR = "releases"


def version(folder: Path) -> str | None:
    """The folder's release version, or None when it has no release file (e.g. a copy being edited)."""
    try:
        with open(Path(folder) / RELEASE_FILE, "rb") as fh:
            return str(tomllib.load(fh)["version"])
    except (FileNotFoundError, KeyError, tomllib.TOMLDecodeError):
        return None


def validate(folder: Path) -> list[str]:
    """Every fault of the folder, worded as the app shows it (file, line, column, rule)."""
    catalog = load_catalog(folder)
    _, geo_errors = load_geo(folder)
    return [str(e) for errors in catalog.errors.values() for e in errors] + [str(e) for e in geo_errors]


@dataclass(frozen=True)
class Change:
    """One change to one table: a row added or removed, or one value changed."""

    table: str
    change: str  # added, removed, changed, column_added
    row_id: str
    column: str  # the changed column; empty for added and removed rows
    old: str
    new: str
    source_id: str  # the source of the row as it now stands (as it stood, for a removed row)


def _rows(folder: Path, table: str, key: list[str]) -> dict[str, dict[str, str]]:
    path = Path(folder) / f"{table}.csv"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return {"|".join(row[k] for k in key): row for row in csv.DictReader(fh)}


def diff(old: Path, new: Path) -> list[Change]:
    """What changed from folder `old` to folder `new`, table by table (the tables of the new
    schema), rows matched by primary key; raw cell text is compared, so a value written
    differently (1.0 vs 1) counts as changed. A new column is listed once, not per row."""
    changes = []
    for table, spec in load_schema(Path(new)).items():
        key = spec["primary_key"]
        before, after = _rows(old, table, key), _rows(new, table, key)
        columns_before = set(next(iter(before.values()), {}))
        for column in (c for c in next(iter(after.values()), {}) if columns_before and c not in columns_before):
            changes.append(Change(table, "column_added", "", column, "", "", ""))

        def source(row_id: str, row: dict) -> str:  # a source row is its own source
            return row_id if table == "sources" else row.get("source_id", "")

        for row_id, row in after.items():
            if row_id not in before:
                changes.append(Change(table, "added", row_id, "", "", "", source(row_id, row)))
                continue
            was = before[row_id]
            for column, value in row.items():
                if column in was and was[column] != value:
                    changes.append(Change(table, "changed", row_id, column, was[column], value, source(row_id, row)))
        for row_id, row in before.items():
            if row_id not in after:
                changes.append(Change(table, "removed", row_id, "", "", "", source(row_id, row)))
    return changes


def to_csv(changes: list[Change]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([f.name for f in fields(Change)])
    writer.writerows(astuple(c) for c in changes)
    return out.getvalue()


def read_changes(folder: Path) -> list[Change]:
    """The changes of the folder's current release, as written by `diff --write`."""
    release = version(folder)
    path = Path(folder) / RELEASES_DIR / f"{release}.csv"
    if release is None or not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return [Change(**row) for row in csv.DictReader(fh)]


def counts(changes: list[Change]) -> dict[str, int]:
    """Rows added, removed and changed (a row with several changed values counts once), and
    the tables they are in."""
    rows = [c for c in changes if c.change != "column_added"]
    tally = {kind: len({(c.table, c.row_id) for c in rows if c.change == kind}) for kind in ("added", "removed", "changed")}
    return {**tally, "tables": len({c.table for c in rows})}


def notes(changes: list[Change], old_version: str | None, new_version: str | None) -> str:
    """Release notes in Markdown: per table, the counts, then every change with its source."""
    lines = [f"# Data release {new_version or 'unversioned'}", "",
             f"Changes against {old_version or 'the previous folder'}.", ""]
    for table in dict.fromkeys(c.table for c in changes):
        mine = [c for c in changes if c.table == table]
        count = counts(mine)
        lines += [f"## {table}", "", f"{count['added']} rows added, {count['removed']} removed, "
                  f"{count['changed']} changed.", ""]
        for c in mine:
            if c.change == "column_added":
                lines.append(f"- new column `{c.column}`")
            elif c.change == "changed":
                lines.append(f"- changed `{c.row_id}` {c.column}: {c.old or '(empty)'} → {c.new or '(empty)'}"
                             f" (source {c.source_id or 'n/a'})")
            else:
                lines.append(f"- {c.change} `{c.row_id}` (source {c.source_id or 'n/a'})")
        lines.append("")
    if not changes:
        lines.append("No changes.")
    return "\n".join(lines).rstrip() + "\n"
