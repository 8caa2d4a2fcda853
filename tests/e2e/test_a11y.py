"""Accessibility: axe-core (npm, pinned in tests/e2e/axe/package-lock.json, installed by
scripts/setup.sh) run on every page of the registry in all three languages, on every story
step and on every page in presenter mode. A serious or critical violation fails the test (and so do
headings out of order, an empty heading or an empty table header, whatever their impact),
listed with its rule, the elements it hit, the page and the language.

The rules run are axe's WCAG 2 A/AA and best-practice sets. Two cases (the Overview and East-West
in 简体, pages the issue named) are in the e2e default set (40 s here); the full matrix of 50 is
slow (5 min 8 s here, single process)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from atlas.i18n import LANGS
from atlas.pages import PAGES
from atlas.ui import story
from tests.e2e.conftest import fitted
from tests.e2e.test_offline import footer_prefix

pytestmark = pytest.mark.e2e

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# Rules that fail at any impact: the heading order, empty heading and empty table header
# (axe rates them moderate or minor).
ALWAYS = ["heading-order", "empty-heading", "empty-table-header", "page-has-heading-one"]
# Nothing is excluded: every rule runs on every element.
RUN = """async ([tags, always]) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical' || always.includes(v.id)).map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.map(n => n.target.join(' ') + (n.failureSummary ? ' :: ' + n.failureSummary.split('\\n').slice(1, 2).join('') : ''))}));
}"""


def settle(page: Page, lang: str) -> None:
    """Wait until the run has reached the footer (the last thing it draws) and ended, no element
    is loading or stale, and every image has loaded."""
    expect(page.get_by_test_id("stMain").locator("h1").first).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stMain").get_by_test_id("stPageLink").filter(has_text=footer_prefix(lang))
           ).to_be_visible(timeout=30_000)
    fitted(page)  # before the run's end: the size report reruns the page
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)
    expect(page.locator('[data-testid="stElementContainer"][data-stale="true"]')).to_have_count(0)
    page.wait_for_function("Array.from(document.images).every(image => image.complete)")
    for chart in page.locator(".js-plotly-plot").all():
        expect(chart.locator(".main-svg").first).to_be_attached()
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def violations(page: Page, path: str) -> list[str]:
    page.goto(path)
    settle(page, parse_qs(urlsplit(path).query)["lang"][0])
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(RUN, [TAGS, ALWAYS])
    return [f"{path}: {v['impact']} {v['id']} ({v['help']}) at {target}" for v in found for target in v["targets"]]


def cases():
    for lang in LANGS:
        for page in PAGES:
            yield f"{page.link}?lang={lang}", f"{page.key}-{lang}"
    for n in range(2, len(story.STEPS) + 1):
        yield f"/story?step={n}&lang=zh-Hans", f"story-{n}-zh-Hans"
    for page in PAGES:
        yield f"{page.link}?lang=zh-Hans&present=1", f"{page.key}-present"
    for n in range(2, len(story.STEPS) + 1):
        yield f"/story?step={n}&lang=en&present=1", f"story-{n}-present-en"


QUICK = ("/?lang=zh-Hans", "/east-west?lang=zh-Hans")


@pytest.fixture(scope="module", autouse=True)
def axe_installed():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run scripts/setup.sh (npm ci --prefix tests/e2e/axe)")


@pytest.mark.parametrize("path", QUICK)
def test_no_serious_violations_quick(watched, path):
    found = violations(watched, path)
    assert found == [], "\n".join(found)


@pytest.mark.slow
@pytest.mark.parametrize("path", [pytest.param(path, id=name) for path, name in cases() if path not in QUICK])
def test_no_serious_violations(watched, path):
    found = violations(watched, path)
    assert found == [], "\n".join(found)
