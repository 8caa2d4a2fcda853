"""`python -m atlas.data validate [DIR]` and `python -m atlas.data diff OLD_DIR NEW_DIR [--write]`.

validate: prints every fault as the app shows it and exits 1 if there is any.
diff: prints the release notes of NEW_DIR against OLD_DIR; with --write, also stores them (and
the machine-readable changes the About page shows) under NEW_DIR/releases/<version>.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from atlas.data import release
from atlas.data.datasets import data_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas.data", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="validate a data folder (default: the app's)")
    check.add_argument("folder", nargs="?", type=Path)
    compare = commands.add_parser("diff", help="what changed from OLD_DIR to NEW_DIR")
    compare.add_argument("old", type=Path)
    compare.add_argument("new", type=Path)
    compare.add_argument("--write", action="store_true", help="store the notes under NEW_DIR/releases/")
    args = parser.parse_args(argv)

    if args.command == "validate":
        folder = args.folder or data_dir()
        faults = release.validate(folder)
        for fault in faults:
            print(fault)
        print(f"{folder}: {len(faults)} fault(s)" if faults else f"{folder}: valid "
              f"(release {release.version(folder) or 'unversioned'})")
        return 1 if faults else 0

    changes = release.diff(args.old, args.new)
    text = release.notes(changes, release.version(args.old), release.version(args.new))
    print(text, end="")
    if args.write:
        name = release.version(args.new)
        if name is None:
            print(f"{args.new}: no {release.RELEASE_FILE}; nothing written", file=sys.stderr)
            return 1
        out = args.new / release.RELEASES_DIR
        out.mkdir(exist_ok=True)
        (out / f"{name}.md").write_text(text, encoding="utf-8")
        (out / f"{name}.csv").write_text(release.to_csv(changes), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
