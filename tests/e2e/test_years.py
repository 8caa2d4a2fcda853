"""Test the map's play button in a real browser: the timer steps the year on to the latest
year and stops there (AppTest has no timers)."""

import re

import pytest
from playwright.sync_api import expect

from atlas.data.store import Store
from atlas.i18n import translate

pytestmark = pytest.mark.e2e


def test_play_steps_through_the_years_and_stops_at_the_latest(page):
    latest = int(Store().run("center_years")["latest_year"].max())
    page.goto(f"/map?lang=en&year={latest - 2}")
    play = page.get_by_role("button", name=translate("years.play", "en"))
    play.click()
    expect(page).to_have_url(re.compile(rf"year={latest - 1}\b"), timeout=30_000)  # one step on
    # at the latest year the URL drops `year` (the default) and the button offers Play again
    expect(page).not_to_have_url(re.compile(r"year="), timeout=30_000)
    expect(page.get_by_role("button", name=translate("years.play", "en"))).to_be_visible()
    expect(page.get_by_test_id("stSliderThumbValue")).to_have_text(str(latest))
