"""Test that an unforeseen error in a page reaches the reader as a short message, never a
traceback, while navigation and the footer keep working, and that it is logged."""

import logging

import pytest

from atlas.ui import cache, panels
from tests.app.pages import open_page


@pytest.fixture
def broken_query(monkeypatch):
    """Every run of the national series fails as a bug would (not as a data fault)."""
    real = cache.run_query

    def run_query(name, **params):
        if name == "national_compute_series":
            raise RuntimeError("/secret/path/store.py: something broke")
        return real(name, **params)

    monkeypatch.setattr(cache, "run_query", run_query)
    panels._built.clear()  # an earlier test's shared panel would otherwise be drawn without a query
    yield
    panels._built.clear()


def test_page_error_shows_a_message_and_logs_the_traceback(broken_query, caplog):
    with caplog.at_level(logging.ERROR, logger="atlas"):
        at = open_page("views/overview.py")
    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors == ["This part of the page could not be shown. The rest of the app works; the error has "
                      "been logged for the operator. Reloading the page or changing the link may help."]
    assert "secret" not in str([e.value for e in at.error])
    assert any(m.label == "Computing centers listed" for m in at.metric)  # drawn before the failure
    assert any("Data release" in link.proto.label for link in at.get("page_link"))  # the footer
    assert any("something broke" in (r.exc_text or "") for r in caplog.records)


def test_other_pages_still_work(broken_query):
    at = open_page("views/energy.py")
    assert not at.exception and not at.error
