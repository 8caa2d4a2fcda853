"""The app's pages, in navigation order: the one list app.py, the story, the tests and the
benchmarks read. A page's link is `/<url_path>` (the Overview's is `/`); its title is the
locale key `nav.<key>`; its script lives in views/ (not pages/: a pages/ folder puts Streamlit
in its legacy multipage mode for the first run after a start, which breaks a deep link opened
first).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    key: str  # its name in code and its title's locale key, nav.<key>
    url_path: str  # "" for the default page
    icon: str  # a Material Symbol, drawn from Streamlit's bundled font (offline)
    heading: str | None  # the locale key of its h1; the story's h1 is its step's title

    @property
    def script(self) -> str:
        return f"views/{self.key}.py"

    @property
    def title_key(self) -> str:
        return f"nav.{self.key}"

    @property
    def link(self) -> str:
        return f"/{self.url_path}"


PAGES = (
    Page("overview", "", ":material/dashboard:", "overview.title"),
    Page("map", "map", ":material/map:", "map.title"),
    Page("east_west", "east-west", ":material/swap_horiz:", "ew.title"),
    Page("energy", "energy", ":material/eco:", "energy.title"),
    Page("use_cases", "use-cases", ":material/factory:", "uc.title"),
    Page("lab", "lab", ":material/science:", "lab.title"),
    Page("data", "data", ":material/table_chart:", "data.title"),
    Page("story", "story", ":material/slideshow:", None),
    Page("about", "about", ":material/menu_book:", "about.title"),
)
BY_KEY = {page.key: page for page in PAGES}
DEFAULT = PAGES[0]


def script(key: str) -> str:
    """The script of the page named `key` (what st.page_link and AppTest take)."""
    return BY_KEY[key].script
