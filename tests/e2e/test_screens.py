"""Test that what is shown fits the screen it is shown on: a presenter's story step on a
1280×720 and a 1920×1080 projector (title, lines and claims, the whole chart or map and its sources), all
of China on a phone's first map view, and the Overview's KPIs with its first chart on a laptop."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from atlas.build import maps
from atlas.ui import story
from tests.e2e.test_map import count_color, to_pixel, wait_until_drawn

pytestmark = pytest.mark.e2e

KPI_STEPS = {"cases", "scheduling"}  # steps whose panel is a KPI set: nothing to fit


def open_at(page, url: str, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")


def settle(page) -> None:
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=30_000)
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")


def check_step_fits(page, number: int, width: int, height: int, lang: str) -> None:
    step = story.STEPS[number - 1]
    open_at(page, f"/story?lang={lang}&present=1&step={number}", width, height)
    visual = page.get_by_test_id("stColumn").nth(1)  # the slide's right side: chart, map or KPIs
    if step.key not in KPI_STEPS:
        expect(visual.locator('[class*="_fitted"]')).to_have_count(1, timeout=60_000)  # drawn for this screen
    settle(page)
    drawn = visual.locator('.js-plotly-plot, [data-testid="stDeckGlJsonChart"], [data-testid="stMetric"]').last
    expect(drawn).to_be_visible()
    if step.key == "network":
        wait_until_drawn(visual.get_by_test_id("stDeckGlJsonChart"))
    title = page.get_by_role("heading", level=1).first
    sources = visual.get_by_test_id("stCaptionContainer").last
    expect(sources).to_be_visible()
    words = page.get_by_test_id("stColumn").first.get_by_test_id("stMarkdownContainer").last  # the last claim
    for name, element in (("title", title), ("visual", drawn), ("sources", sources), ("words", words)):
        box = element.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, (step.key, name, box, height)


@pytest.mark.parametrize("number", range(1, len(story.STEPS) + 1))
def test_every_story_step_fits_a_1280x720_projector(watched, number):
    check_step_fits(watched, number, 1280, 720, "en")  # English: the longest lines
    assert watched.watch.blocked == []


@pytest.mark.slow
@pytest.mark.parametrize("number", range(1, len(story.STEPS) + 1))
def test_every_story_step_fits_a_1920x1080_projector(watched, number):
    check_step_fits(watched, number, 1920, 1080, "zh-Hans")


def province_extent(image: Image.Image) -> tuple[int, int, int, int] | None:
    """The box of the base map's province fill (grey) in a screenshot."""
    mask = Image.new("L", image.size)
    mask.putdata([255 if all(abs(a - b) <= 6 for a, b in zip(px, maps.BASE_FILL)) else 0
                  for px in image.convert("RGB").get_flattened_data()])
    return mask.getbbox()


@pytest.mark.parametrize("width, height", [(390, 844), (360, 800)])
def test_a_phones_first_map_view_shows_all_of_china(watched, width, height):
    """Test that on a phone the map opens on the whole country, as large as it fits: the
    province fill reaches neither edge of the canvas (nothing cut off) and spans most of its
    width; Shanghai (east coast) and Ürümqi (far west) are drawn inside it."""
    open_at(watched, "/map?lang=zh-Hans", width, height)
    expect(watched.locator(".st-key-map_deck_fitted")).to_have_count(1, timeout=60_000)
    settle(watched)
    deck = watched.get_by_test_id("stDeckGlJsonChart")
    wait_until_drawn(deck)
    image = Image.open(io.BytesIO(deck.screenshot())).convert("RGB")
    left, top, right, bottom = province_extent(image)
    assert left > 0 and top > 0 and right < image.width and bottom < image.height, (left, top, right, bottom)
    assert right - left > 0.8 * image.width, (left, right, image.width)
    box = deck.bounding_box()
    for lat, lon in ((31.23, 121.47), (43.83, 87.62), (23.13, 113.26), (47.0, 130.0)):  # + Guangzhou, Heilongjiang
        x, y = to_pixel(box, lat, lon)
        assert 0 < x < box["width"] and 0 < y < box["height"], (lat, lon, x, y, box)
        near = (int(x) - 6, int(y) - 6, int(x) + 6, int(y) + 6)
        assert count_color(image, near, (255, 255, 255), tolerance=3) < 144, (lat, lon)  # land, not empty canvas


def test_the_overviews_kpis_and_first_chart_fit_a_laptop_screen(watched):
    open_at(watched, "/?lang=zh-Hans", 1440, 900)
    settle(watched)
    metrics = watched.get_by_test_id("stMetric")  # the six headline KPIs come first
    expect(metrics.nth(5)).to_be_visible()
    for i in range(6):
        box = metrics.nth(i).bounding_box()
        assert box["y"] + box["height"] <= 900, (i, box)
    chart = watched.locator(".js-plotly-plot").first
    expect(chart).to_be_visible()
    assert chart.bounding_box()["y"] < 900
