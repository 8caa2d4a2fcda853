"""Keyboard use: every control of a page is reached with Tab and shows a visible focus ring
(atlas/ui/a11y.css), and the story's steps move with Enter on its buttons and with its arrow
keys."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from atlas.i18n import translate
from atlas.ui import story
from tests.e2e.conftest import fitted

pytestmark = pytest.mark.e2e

# Everything a keyboard user should reach with Tab, marked with its position. Elements with a
# negative tabindex are reached otherwise (a number's steppers by its arrow keys); of a radio
# group only the checked radio is a tab stop; a segmented control or pills (stButtonGroup) is
# one tab stop whose options the arrow keys move between (checked by `arrows_through`).
MARK = """() => {
    const sel = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    const shown = el => (el.closest('label') || el).checkVisibility({visibilityProperty: true});
    const all = Array.from(document.querySelectorAll(sel)).filter(el => el.tabIndex >= 0 && !el.disabled
        && shown(el) && !(el.type === 'radio' && !el.checked) && !el.closest('[aria-hidden="true"]')
        && !el.closest('[data-testid="stButtonGroup"]'));
    all.forEach((el, i) => el.dataset.kbd = i);
    return all.map(el => (el.getAttribute('aria-label') || el.textContent || el.type || el.tagName).trim().slice(0, 50));
}"""
# The focused element: its mark, whether it (or the label of a hidden input) has a ring of at
# least 2 px that is not transparent, and whether the focus was here before.
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const ring = e => { const s = getComputedStyle(e);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && !s.outlineColor.endsWith(', 0)'); };
    const label = el.closest('label');
    const again = el.dataset.visited === '1';
    el.dataset.visited = '1';
    return {kbd: el.dataset.kbd ?? null, ring: ring(el) || (label !== null && ring(label)), again,
            grid: el.tagName === 'CANVAS' && el.closest('[data-testid="stDataFrame"]') !== null,
            group: el.closest('[data-testid="stButtonGroup"]')?.dataset.group ?? null,
            name: (el.getAttribute('aria-label') || el.textContent || el.tagName).trim().slice(0, 50)};
}"""
GROUPS = """() => Array.from(document.querySelectorAll('[data-testid="stButtonGroup"]')).filter(g =>
    g.checkVisibility()).map((g, i) => { g.dataset.group = i; return g.querySelectorAll('button').length; })"""


def settled(page: Page) -> None:
    expect(page.get_by_test_id("stMain").locator("h1").first).to_be_visible(timeout=30_000)
    fitted(page)  # before the run's end: the size report reruns the page
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)


def tab_through(page: Page, limit: int = 300) -> list[dict]:
    """Press Tab until the focus leaves the page or comes back round; what it visited, in order.
    Streamlit's data grid (st.dataframe, a canvas) takes Tab to move between its cells; Escape
    hands the focus back to the page, so a keyboard user leaves it with Escape, then Tab."""
    visited = []
    for _ in range(limit):
        if visited and visited[-1]["grid"]:
            page.keyboard.press("Escape")
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or focused["again"]:
            break
        visited.append(focused)
    return visited


@pytest.mark.parametrize("path", [
    "/lab?lang=en&calc=training&scenarios=2", "/map?lang=zh-Hans", "/story?lang=en&step=2&present=1",
    pytest.param("/?lang=zh-Hant", marks=pytest.mark.slow), pytest.param("/east-west?lang=en", marks=pytest.mark.slow),
    pytest.param("/energy?lang=zh-Hans", marks=pytest.mark.slow), pytest.param("/use-cases?lang=en", marks=pytest.mark.slow),
])
def test_every_control_is_reached_with_a_visible_ring(watched, path):
    watched.goto(path)
    settled(watched)
    controls = watched.evaluate(MARK)
    groups = watched.evaluate(GROUPS)
    visited = tab_through(watched)
    no_ring = [v["name"] for v in visited if not v["ring"]]
    assert no_ring == [], f"{path}: focused without a visible ring: {no_ring}"
    reached = {int(v["kbd"]) for v in visited if v["kbd"] is not None}
    # A control redrawn during the walk (Plotly redraws its mode bar when a chart is laid out
    # again; CI saw it on a loaded machine) is a new element without its mark: it counts as
    # reached when an element of the same name was. A control still on the page must be reached.
    kept = set(watched.evaluate("() => Array.from(document.querySelectorAll('[data-kbd]'), e => +e.dataset.kbd)"))
    names = {v["name"] for v in visited}
    missed = [name for i, name in enumerate(controls) if i not in reached and (i in kept or name not in names)]
    assert missed == [], f"{path}: not reachable with Tab: {missed}; reached: {[v['name'] for v in visited]}"
    entered = {v["group"] for v in visited if v["group"] is not None}
    assert entered == {str(i) for i in range(len(groups))}, f"{path}: button groups missed by Tab"
    for group, size in enumerate(groups):
        arrows_through(watched, group, size)


def arrows_through(page: Page, group: int, size: int) -> None:
    """From a button group's first option, ArrowRight visits every option, each with a ring."""
    page.locator(f'[data-group="{group}"] button').first.focus()
    names = []
    for step in range(size):
        if step:
            page.keyboard.press("ArrowRight")
        focused = page.evaluate(FOCUSED)
        assert focused["group"] == str(group) and focused["ring"], f"group {group}: {focused}"
        names.append(focused["name"])
    assert len(set(names)) == size, f"group {group}: the arrow keys visited {names}"


def title(number: int) -> str:
    return translate(f"story.{story.STEPS[number - 1].key}.title", "zh-Hans")


def test_story_steps_move_from_the_keyboard(watched):
    watched.goto("/story?lang=zh-Hans&step=2")
    settled(watched)
    next_button = watched.locator(".st-key-story_next button").first
    for _ in range(40):  # Tab to the Next button, as a keyboard user would
        watched.keyboard.press("Tab")
        if next_button.evaluate("b => b === document.activeElement"):
            break
    focused = watched.evaluate(FOCUSED)
    assert focused["ring"], "the Next button has the focus but no visible ring"
    watched.keyboard.press("Enter")
    expect(watched.get_by_role("heading", name=title(3))).to_be_visible()
    expect(watched).to_have_url(re.compile(r"step=3"))
    settled(watched)
    watched.keyboard.press("ArrowRight")  # the story's own keys (st.button shortcuts)
    expect(watched.get_by_role("heading", name=title(4))).to_be_visible()
    settled(watched)
    watched.keyboard.press("ArrowLeft")
    expect(watched.get_by_role("heading", name=title(3))).to_be_visible()
    assert watched.watch.console_errors == []
