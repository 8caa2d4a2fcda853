"""Markup and script in data fields and URL parameters are shown as text, never executed.

A copy of the shipped data gets payloads in a center's names and note and in a source's title
and note; an app started on it (ATLAS_DATA_DIR) is opened where those fields are drawn. Other
payloads go into URL parameters of the app on the shipped data. Every payload would set
`window.__pwned` or open a dialog if it ran; neither may happen, no `javascript:` link may
exist, and where a field is drawn as text its payload must be readable as text.
"""

from __future__ import annotations

import csv
import shutil
from urllib.parse import quote, urlencode

import pytest
from playwright.sync_api import Page, expect

from atlas.data.datasets import DEFAULT_DATA_DIR
from scripts.appserver import start_app, stop_app

pytestmark = pytest.mark.e2e

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
LINK = "[x](javascript:window.__pwned=1)"
CENTER = "henan-airport-icc"  # the largest center: on the overview's chart too
SOURCE = "jrhz-634b"  # the center's source, cited under its card

# field -> payloaded value (each keeps a plain word, to find it on the page)
CENTER_FIELDS = {"name_en": f"Henan {SCRIPT} {IMG} {LINK}", "name_zh": f"河南 {IMG} {SCRIPT} {LINK}",
                 "note_en": f"Note {LINK} {IMG} {SCRIPT}"}
SOURCE_FIELDS = {"title": f"Title {SCRIPT} {IMG} {LINK}", "note": f"Source note {IMG} {SCRIPT} {LINK}"}


def set_row(folder, table: str, row_id: str, values: dict[str, str]) -> None:
    path = folder / f"{table}.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    row = next(r for r in rows[1:] if r[header.index("id")] == row_id)
    for column, value in values.items():
        row[header.index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


@pytest.fixture(scope="module")
def markup_app(tmp_path_factory):
    """An app on the shipped data with payloads in a center and a source."""
    folder = tmp_path_factory.mktemp("markup") / "data"
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    set_row(folder, "centers", CENTER, CENTER_FIELDS)
    set_row(folder, "sources", SOURCE, SOURCE_FIELDS)
    proc, url = start_app(env={"ATLAS_DATA_DIR": str(folder)})
    yield url
    stop_app(proc)


@pytest.fixture
def guarded(watched: Page) -> Page:
    """The watched page, recording (and dismissing) every dialog a script would open."""
    watched.dialogs = []

    def on_dialog(dialog):
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    watched.on("dialog", on_dialog)
    return watched


def settle(page: Page) -> None:
    """Wait until the run has ended, every image has loaded or failed, and two frames have been
    drawn since: an onerror handler (or any script a payload added) would have run by then."""
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=30_000)
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
    page.wait_for_function("Array.from(document.images).every(image => image.complete)")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def assert_nothing_ran(page: Page) -> None:
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []
    assert page.locator('a[href^="javascript" i]').count() == 0
    assert page.locator('img[src="x"]').count() == 0  # no payload became an element
    assert page.locator("script", has_text="__pwned").count() == 0


def open_and_check(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_test_id("stMain")).to_be_visible()
    settle(page)
    assert not page.get_by_text("Page not found").count()
    assert_nothing_ran(page)


# Payloads in the data ------------------------------------------------------------------------


def test_center_card_shows_payloads_as_text(guarded, markup_app):
    open_and_check(guarded, f"{markup_app}/map?center={CENTER}&lang=en")
    card = guarded.locator(".st-key-center_card")
    expect(card).to_be_visible()
    text = card.inner_text()
    # The name (heading) and the note, with their markup as characters, literally ...
    for payload in (SCRIPT, IMG):
        assert text.count(payload) >= 2, (payload, text)
    expect(card.get_by_role("heading", name=CENTER_FIELDS["name_en"])).to_be_visible()
    expect(card.get_by_text(CENTER_FIELDS["note_en"])).to_be_visible()
    # ... and the source line: the source's title, escaped by show.escape_md.
    expect(card.get_by_text(SOURCE_FIELDS["title"]).first).to_be_visible()


def test_center_card_in_chinese_shows_payloads_as_text(guarded, markup_app):
    open_and_check(guarded, f"{markup_app}/map?center={CENTER}&lang=zh-Hans")
    card = guarded.locator(".st-key-center_card")
    expect(card).to_be_visible()
    assert f"河南 {IMG} {SCRIPT}" in card.inner_text()


@pytest.mark.parametrize("path", [
    "/?lang=en",  # the largest centers' chart names the center
    "/about?lang=en",  # the sources' table (title, note)
    "/data?table=sources&lang=en",
    "/data?table=centers&lang=en",
    "/data?lang=en&sql=" + quote(f"select name_en, note_en from centers where id = '{CENTER}'"),
    f"/map?center={CENTER}&lang=zh-Hant",
    "/story?step=2&lang=en",  # the largest centers again
])
def test_pages_with_payloaded_data_run_no_script(guarded, markup_app, path):
    open_and_check(guarded, markup_app + path)
    assert guarded.get_by_test_id("stException").count() == 0


def test_chart_labels_show_payloads_as_text(guarded, markup_app):
    open_and_check(guarded, f"{markup_app}/?lang=en")
    chart = guarded.get_by_test_id("stPlotlyChart").filter(has_text="Henan")
    expect(chart.first).to_be_visible()
    assert "Henan" in chart.first.inner_text()


# Payloads in the URL -------------------------------------------------------------------------

URL_PAYLOADS = {
    "script": "<script>window.__pwned=1</script>",
    "img": "<img src=x onerror=alert(1)>",
    "javascript-url": "javascript:window.__pwned=1",
    "svg": "<svg onload=alert(1)>",
}


# Every payload in one parameter, and one payload in each page's parameter: the notice is drawn
# by one function (shell.show_notices) whatever the page, so the full cross product (20 page
# loads, four of them drawing the map) would test the same code again.
URL_CASES = [("/data", "table", name) for name in URL_PAYLOADS] + [
    ("/story", "step", "img"), ("/map", "center", "script"), ("/energy", "it_mw", "javascript-url"), ("/", "lang", "svg")]


@pytest.mark.parametrize(("path", "param", "payload"), [(p, q, URL_PAYLOADS[n]) for p, q, n in URL_CASES],
                         ids=[f"{n}-{p}-{q}" for p, q, n in URL_CASES])
def test_url_payload_is_shown_as_text_in_the_notice(guarded, path, param, payload):
    query = urlencode({"lang": "en", param: payload} if param != "lang" else {"lang": payload})
    open_and_check(guarded, f"{path}?{query}")
    notice = guarded.get_by_test_id("stAlert").filter(has_text=f"{param}=")
    expect(notice).to_have_count(1)
    code = notice.locator("code")
    expect(code).to_have_text(f"{param}={payload}")


def test_sql_payload_stays_in_the_editor(guarded):
    payload = URL_PAYLOADS["img"]
    open_and_check(guarded, "/data?" + urlencode({"lang": "en", "sql": payload}))
    expect(guarded.get_by_test_id("stTextArea").locator("textarea")).to_have_value(payload)
    expect(guarded.get_by_test_id("stAlert").filter(has_text="could not be parsed")).to_have_count(1)


def test_url_value_cannot_put_a_link_in_the_notice(guarded):
    value = "`[Sign in again](https://evil.example/login)`"
    open_and_check(guarded, "/story?" + urlencode({"lang": "en", "step": value}))
    notice = guarded.get_by_test_id("stAlert").filter(has_text="step=")
    expect(notice).to_have_count(1)
    assert notice.locator("a").count() == 0, notice.inner_html()
