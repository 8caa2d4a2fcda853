"""Take the README's screenshots (docs/*.png) of a running app in Debian's Chromium.

Start the app first (`uv run streamlit run serve.py`), then `uv run python scripts/screenshots.py
[base URL]`. Each page is shot at its first screen, in the language and state listed below.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

DOCS = Path(__file__).resolve().parent.parent / "docs"
SHOTS = [  # file name, URL, viewport
    ("overview", "/?lang=en", (1440, 900)),
    ("map", "/map?lang=en&center=henan-airport-icc", (1440, 900)),
    ("east-west", "/east-west?lang=zh-Hans", (1440, 900)),
    ("energy", "/energy?lang=en", (1440, 900)),
    ("use-cases", "/use-cases?lang=en", (1440, 900)),
    ("lab", "/lab?lang=en&calc=training", (1440, 900)),
    ("data", "/data?lang=en&table=centers", (1440, 900)),
    ("about", "/about?lang=zh-Hant", (1440, 900)),
    ("story", "/story?lang=en&step=1&present=1", (1920, 1080)),
    ("story-projector", "/story?lang=zh-Hans&step=9&present=1", (1280, 720)),
    ("phone-map", "/map?lang=zh-Hans", (390, 844)),
]


def main(base: str = "http://127.0.0.1:8599") -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        for name, url, (width, height) in SHOTS:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(base + url)
            page.get_by_test_id("stApp").and_(page.locator('[data-test-script-state="notRunning"]')).wait_for()
            # maps and presenter charts are redrawn once the browser has reported their size
            page.locator('[class*="_measuring"]').first.wait_for(state="detached", timeout=60_000)
            page.get_by_test_id("stApp").and_(page.locator('[data-test-script-state="notRunning"]')).wait_for()
            page.wait_for_timeout(4000)  # maps and charts draw after the script run ends
            page.screenshot(path=DOCS / f"{name}.png")
            page.close()
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
