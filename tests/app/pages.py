"""Open a page of the real app in AppTest, as a deep link with its URL parameters does."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from atlas import pages

APP = str(Path(__file__).resolve().parents[2] / "app.py")


PAGES = {page.key: page.script for page in pages.PAGES}
# Pages whose url_path is their file's name can be opened by a session's first run (AppTest
# names a page by its file until st.navigation has registered the pages): one run, not two.
DIRECT = {page.key for page in pages.PAGES if page.url_path == page.key}


def open_fresh(page: str, params: dict[str, str]) -> AppTest:
    """`page` (a PAGES name) in a new session with `params` in its URL, as a deep link opens it."""
    at = AppTest.from_file(APP, default_timeout=60)
    if page not in DIRECT:
        at.query_params.update(params)
        at.run()  # the default page (overview) first
        if page == "overview":
            return at
    at.switch_page(PAGES[page])
    at.query_params.clear()
    at.query_params.update(params)
    return at.run()


def open_page(page: str, **params) -> AppTest:
    """`page` (e.g. "views/lab.py") in English with `params` in its URL, after a first run."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(page)
    at.query_params.update({"lang": "en", **params})
    return at.run()
