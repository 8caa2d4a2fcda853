"""Files the app hands to the browser by URL instead of inside every message: the map's
boundaries. Streamlit serves the app's static/ folder (server.enableStaticServing), so a file
written there once is fetched by the browser once per session; inside a deck's spec it would
travel again with every map change (about 0.7 MB before, 3 MB with the border layers).

Files are named by a hash of their content: replicas and data folders never overwrite each
other's, and a name always means the same bytes. Where static/ cannot be written (a read-only
install), the content goes as a data URL, as before.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[2] / "static" / "served"
PREFIX = "app/static/served/"  # relative: resolves under any page (/map, /story) and base path
SERVED = re.compile(re.escape(PREFIX) + r"([0-9a-z-]+\.json)")


def data_url(content: bytes) -> str:
    return "data:application/json;base64," + base64.b64encode(content).decode()


def publish(name: str, content: bytes) -> str:
    """A URL the page can fetch `content` (JSON) from."""
    path = FOLDER / f"{name}-{hashlib.sha256(content).hexdigest()[:16]}.json"
    try:
        if not path.exists():
            FOLDER.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.part")  # replicas may write at once
            partial.write_bytes(content)
            partial.replace(path)
        return PREFIX + path.name
    except OSError:
        return data_url(content)


def inline(text: str) -> str:
    """`text` (a deck's JSON) with every served file's URL replaced by its content as a data
    URL: for an exported page that must open on its own, offline."""
    return SERVED.sub(lambda m: data_url((FOLDER / m.group(1)).read_bytes()), text)
