"""Compute Atlas served warm: `uv run streamlit run serve.py`.

The same app as `streamlit run app.py` (app.py is the script every session runs), started as a
Streamlit `st.App` whose lifespan builds what every session shares (atlas/ui/warm.py) in a
background thread as soon as the server starts. The health check answers at once; /ready
answers "ok" once the warm-up is done (503 "warming" until then), for a proxy or an operator
who wants to send readers only to a warm replica.
"""

import socket
import threading
import time
from contextlib import asynccontextmanager

import streamlit as st
from starlette.responses import PlainTextResponse
from starlette.routing import Route

READY = threading.Event()  # set once the warm-up is done


def warm_once_listening(timeout: float = 30.0) -> None:
    """Warm up once the server accepts connections: the lifespan runs before the server binds
    its port, and the warm-up's imports and data would hold the interpreter through the
    server's own start. atlas is imported here, not at the top, for the same reason (its
    imports pull in pandas, DuckDB and Plotly: importing it first put the health check 2 s
    later, 3.4 s against 1.4 s in benchmarks/cold_start.py)."""
    address = (st.get_option("server.address") or "127.0.0.1", st.get_option("server.port"))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(address, timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.05)
    from atlas.ui import warm

    warm.warm()
    READY.set()


@asynccontextmanager
async def lifespan(_app):
    # A thread, not an await: the server must accept connections (and answer its health check)
    # while the data loads.
    threading.Thread(target=warm_once_listening, name="atlas-warm-up", daemon=True).start()
    yield


async def ready(_request):
    if READY.is_set():
        return PlainTextResponse("ok")
    return PlainTextResponse("warming", status_code=503)


app = st.App("app.py", lifespan=lifespan, routes=[Route("/ready", ready)])
