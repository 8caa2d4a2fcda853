"""Test the compute map in a real browser, offline: the canvas is drawn, the URL drives it."""

import io
import math
import re
import time

import pytest
from PIL import Image
from playwright.sync_api import expect

from atlas.build import maps
from atlas.data import geometry
from atlas.data.datasets import load_geo
from atlas.data.store import Store
from atlas.i18n import translate

pytestmark = pytest.mark.e2e


def settle(page):
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=30_000)


def open_map(page, query: str = ""):
    page.goto(f"/map?lang=en{query}")
    expect(page.locator(".st-key-map_deck_fitted")).to_have_count(1, timeout=60_000)  # drawn for its size
    deck = page.get_by_test_id("stDeckGlJsonChart")
    expect(deck.locator("canvas").first).to_be_visible()
    settle(page)
    wait_until_drawn(deck)
    return deck


def wait_until_drawn(deck, seconds: float = 30) -> None:
    """deck.gl draws on later animation frames: look until the base map is on the canvas and
    two looks in a row are the same picture."""
    deadline, last = time.monotonic() + seconds, None
    while time.monotonic() < deadline:
        shot = deck.screenshot()
        image = Image.open(io.BytesIO(shot)).convert("RGB").reduce(4)
        if shot == last and count_color(image, (0, 0, image.width, image.height), maps.BASE_FILL) > 0:
            return
        last = shot
    raise AssertionError(f"the map did not finish drawing within {seconds:.0f} s")


def to_pixel(box: dict, lat: float, lon: float) -> tuple[float, float]:
    """Web-Mercator position of (lat, lon) inside the deck element, for its first view: the
    served boundaries' extent fitted to the element's size (atlas.ui.fit)."""
    view = maps.fit_view(geometry.extent(load_geo()[0]), box["width"], box["height"])
    world = 512 * 2 ** view.zoom

    def merc(value):
        return math.log(math.tan(math.pi / 4 + math.radians(value) / 2))

    x = box["width"] / 2 + (lon - view.longitude) / 360 * world
    y = box["height"] / 2 - (merc(lat) - merc(view.latitude)) / (2 * math.pi) * world
    return x, y


def count_color(image: Image.Image, area: tuple[int, int, int, int], rgb, tolerance: int = 12) -> int:
    crop = image.convert("RGB").crop(area)
    return sum(1 for px in crop.get_flattened_data() if all(abs(a - b) <= tolerance for a, b in zip(px, rgb)))


def test_map_canvas_draws_provinces_and_centers_offline(watched):
    deck = open_map(watched)
    box = deck.bounding_box()
    image = Image.open(io.BytesIO(deck.screenshot()))
    # China's extent (lat 18–53.6, lon 73.5–135) on screen; the islands further south too.
    left, top = to_pixel(box, 53.6, 73.5)
    right, bottom = to_pixel(box, 18.0, 135.0)
    area = (int(left), int(top), int(right), int(bottom))
    total = (area[2] - area[0]) * (area[3] - area[1])
    provinces = count_color(image, area, maps.BASE_FILL)
    operating = count_color(image, area, maps.STATUS_COLORS["operating"], tolerance=20)
    assert provinces > total * 0.10, (provinces, total)  # the base map, not a blank canvas
    assert operating > 400, operating  # markers of operating centers are drawn
    # The sea around the islands stays background: the map is not one flooded polygon.
    sx, sy = to_pixel(box, 12.0, 125.0)
    assert count_color(image, (int(sx) - 10, int(sy) - 10, int(sx) + 10, int(sy) + 10), maps.BASE_FILL) == 0
    assert watched.watch.blocked == []
    assert watched.watch.console_errors == []


def centers_shown(page):
    """The map's "Centers shown" figure (found by its label: while the page draws, the first
    metric can be another one)."""
    return page.get_by_test_id("stMetric").filter(has_text="Centers shown").get_by_test_id("stMetricValue")


def test_filter_in_url_changes_the_count(watched):
    store = Store()
    every = dict(statuses=(), hubs=(), clusters=(), provinces=(), precisions=(), min_pflops=0.0)
    everything = len(store.run("map_centers", **every))
    planned = len(store.run("map_centers", **{**every, "statuses": ("planned",)}))
    assert 0 < planned < everything
    open_map(watched)
    expect(centers_shown(watched)).to_have_text(str(everything))
    fetched = []  # on a returning reader's load, with deck.gl's code already in the browser
    watched.on("request", lambda r: fetched.append(r.url.rsplit("/", 1)[-1]) if "/static/served/" in r.url else None)
    open_map(watched, "&status=planned")
    expect(centers_shown(watched)).to_have_text(str(planned))
    # Each boundary file once: the size report's rerun updates the deck, it does not build a
    # new one (which fetched them again and set up every layer twice; atlas.ui.fit.mark).
    assert len(fetched) == 4 == len(set(fetched)), fetched
    assert watched.watch.console_errors == []


def test_center_in_url_opens_its_card(watched):
    center = "henan-airport-icc"
    tables = Store().catalog.tables
    open_map(watched, f"&center={center}")
    card = watched.locator(".st-key-center_card")
    name = tables["centers"].set_index("id").at[center, "name_en"]
    expect(card.get_by_role("heading", name=name)).to_be_visible()
    claims = tables["claims"][tables["claims"]["center_id"] == center]
    for num, check in zip(claims["num"], claims["check"]):
        expect(card.get_by_text(f"#{num} {translate(f'check.{check}', 'en')}").first).to_be_visible()
    # a plain table's cells are Markdown to Streamlit: the qualifier must not turn into a quote
    capacity = tables["center_capacity"]
    qualified = capacity[(capacity["center_id"] == center) & capacity["qualifier"].fillna("").ne("")]
    assert not qualified.empty
    for qualifier, value in zip(qualified["qualifier"], qualified["value"]):
        expect(card.get_by_test_id("stTable").get_by_text(f"{qualifier}{value:,.0f} P").first).to_be_visible()
    assert watched.watch.console_errors == []


def test_clicking_a_marker_opens_its_card_and_link(watched):
    deck = open_map(watched)
    box = deck.bounding_box()
    x, y = to_pixel(box, 36.07, 120.38)  # Qingdao AI Computing Center, no other center within 3°
    watched.mouse.move(box["x"] + x, box["y"] + y)
    expect(deck.get_by_text("Qingdao AI Computing Center")).to_be_visible()  # its tooltip
    # deck.gl takes a press as a click only when it is released soon enough (mjolnir.js's tap
    # recognizer). CI lost this click twice (issues 16 and 17, on a loaded 2-core machine, the
    # tooltip shown), most likely because Playwright's press and release arrived too far apart;
    # so a click that opened nothing is tried again, as a reader would.
    for attempt in range(3):
        watched.mouse.click(box["x"] + x, box["y"] + y)
        try:
            expect(watched).to_have_url(re.compile(r"center=qingdao-ai"), timeout=8_000)
            break
        except AssertionError:
            if attempt == 2:
                raise
    expect(watched.locator(".st-key-center_card").get_by_role(
        "heading", name="Qingdao AI Computing Center")).to_be_visible()
