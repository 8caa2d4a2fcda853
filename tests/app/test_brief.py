"""The "Brief (PDF)" button beside each result: there when a result is, absent when an input
is impossible, and, on a server without Chromium, disabled with a message saying why."""

import pytest

from atlas.build import export
from atlas.i18n import translate
from tests.app.pages import open_page

LABEL = translate("brief.button", "en")


def brief_buttons(at):
    """The disabled stand-ins (st.button) drawn when Chromium is missing."""
    return [b for b in at.button if b.label == LABEL]


@pytest.mark.parametrize(("page", "params"), [
    ("views/lab.py", {"calc": "training"}),
    ("views/lab.py", {"calc": "multiplier", "scenarios": "2"}),
    ("views/lab.py", {"calc": "carbon"}),
    ("views/energy.py", {}),
    ("views/east_west.py", {"places": "provinces"}),
    ("views/overview.py", {}),
])
def test_without_chromium_the_brief_says_it_cannot_be_made(monkeypatch, page, params):
    monkeypatch.setattr(export, "chromium", lambda: None)
    at = open_page(page, **params)
    assert not at.exception
    buttons = brief_buttons(at)
    assert len(buttons) == 1 and buttons[0].disabled
    assert any(c.value == translate("brief.no_chromium", "en") for c in at.caption)


def test_no_brief_without_a_result(monkeypatch):
    monkeypatch.setattr(export, "chromium", lambda: None)
    at = open_page("views/lab.py", calc="training", mfu="0")  # MFU 0: a message, no result
    assert at.error and not brief_buttons(at)
    at = open_page("views/lab.py", calc="carbon", dc_pue="0.5")  # PUE below 1: a message, no result
    assert at.error and not brief_buttons(at)
