"""Open a page of the real app in AppTest, as a deep link with its URL parameters does."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_page(page: str, **params) -> AppTest:
    """`page` (e.g. "views/lab.py") in English with `params` in its URL, after a first run."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(page)
    at.query_params.update({"lang": "en", **params})
    return at.run()
