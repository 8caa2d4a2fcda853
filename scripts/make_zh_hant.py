"""Write atlas/locales/zh-Hant.toml from zh-Hans.toml with OpenCC (s2tw: Taiwan standard characters), keeping keys and layout.

Run after changing zh-Hans.toml: `uv run python scripts/make_zh_hant.py`. Only the text of
values is converted; keys, `{fields}` and comments stay as they are. A test checks that the
committed file matches what this script writes.
"""

import re
import sys
from pathlib import Path

import opencc

LOCALES = Path(__file__).resolve().parent.parent / "atlas" / "locales"
VALUE = re.compile(r'^(\s*[\w.-]+\s*=\s*)(".*")\s*$')
OVERRIDES = {'lang_name = "簡體"': 'lang_name = "繁體"'}


def convert(source: str) -> str:
    cc = opencc.OpenCC("s2tw")
    out = []
    for line in source.splitlines():
        match = VALUE.match(line)
        if match:
            # Keep {placeholders} untouched: OpenCC must not convert field names.
            parts = re.split(r"(\{[^}]*\})", match.group(2))
            line = match.group(1) + "".join(p if p.startswith("{") else cc.convert(p) for p in parts)
        out.append(OVERRIDES.get(line, line))
    return "\n".join(out) + "\n"


def main() -> int:
    text = convert((LOCALES / "zh-Hans.toml").read_text(encoding="utf-8"))
    (LOCALES / "zh-Hant.toml").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
