"""Download buttons whose file is made when clicked, and kept until the browser has it.

Streamlit stores a made-on-click file without tying it to the session that asked for it, so
the next two script runs of *any* session delete it (the first marks it, the second drops it).
Under load those runs land between "made" and the browser's GET, and the download fails with
"Download Button source error - 404" (found by tests/e2e/test_scaleout.py with 20 sessions).
Here the file is also registered for the clicking session, at one slot per button: it then
lives until that session's next full run or its next click of the same button.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import streamlit as st
from streamlit import runtime
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

MIME = {"png": "image/png", "svg": "image/svg+xml", "html": "text/html", "csv": "text/csv",
        "zip": "application/zip", "parquet": "application/octet-stream", "pdf": "application/pdf",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def kept(make: Callable[[], bytes], file_name: str, mime: str, slot: str) -> Callable[[], bytes]:
    """`make`, wrapped so that its file is also held for the session rendering this button.

    Streamlit names a stored file by a hash of its bytes, type and name, so registering the
    same three here and in Streamlit's own store gives one file with a session reference."""
    ctx = get_script_run_ctx()

    def hold(data: bytes) -> None:
        runtime.get_instance().media_file_mgr.add(data, mime, f"download:{slot}", file_name,
                                                  is_for_static_download=True)

    def made() -> bytes:
        data = make()
        if ctx is not None and runtime.exists():
            # Registered from a thread of its own that carries the session's context, the
            # documented way to lend it; Streamlit's worker thread is left as it was.
            holder = add_script_run_ctx(threading.Thread(target=hold, args=(data,)), ctx)
            holder.start()
            holder.join()
        return data

    return made


def button(label: str, make: Callable[[], bytes], file_name: str, *, key: str, where=st, **kwargs) -> None:
    """A download button (in `where`, a column or container) whose file `make` builds on click.
    The MIME type follows the file name's extension."""
    mime = MIME[file_name.rsplit(".", 1)[1]]
    where.download_button(label, kept(make, file_name, mime, key), file_name, mime, key=key,
                          on_click="ignore", **kwargs)
