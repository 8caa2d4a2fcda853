"""The protocol-level load harness (benchmarks/wsload.py) against the real app, no browser.

Two sessions, one per language, at once: each visits every page, then does every action once
(seeded, so always the same values). Every action must end with the result the app's own code
gives and no error, and the server must log none. This checks the harness's correctness,
never its timing.
"""

import asyncio
import random
from concurrent.futures import ThreadPoolExecutor

import pytest

from benchmarks import wsload
from benchmarks.load import ACTIONS, LANGS, Truth
from benchmarks.procstats import ServerLog
from scripts.appserver import start_app, stop_app


@pytest.mark.slow  # a real server and two full protocol-level tours
def test_two_sessions_do_every_action_once_without_error():
    truth = Truth()
    proc, url = start_app()
    log = ServerLog(proc)  # drains the server's stderr and counts its error lines
    log.start()
    try:
        bench = wsload.Bench(url, truth, sampler=None, health=None, log=log, timeout=30, think=(2, 5),
                             server_known=False)
        sessions = [wsload.Session(bench, i, random.Random(i), lang) for i, lang in enumerate(LANGS)]

        async def tours():
            await asyncio.gather(*(s.tour(actions=True) for s in sessions))
            await asyncio.gather(*(s.close() for s in sessions))

        # A thread of its own: Playwright's sync API, started by an earlier test in the same
        # pytest process, leaves an event loop running on the main thread.
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, tours()).result()
    finally:
        stop_app(proc)
    log.join(timeout=5)

    for session in range(len(LANGS)):
        assert {r.kind for r in bench.records if r.session == session} == {"open", *ACTIONS}
    assert [(r.session, r.kind, r.where, r.errors) for r in bench.records if r.errors] == []
    assert log.errors == 0, list(log.lines)[-20:]
