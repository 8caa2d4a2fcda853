"""Compute Atlas (算力地图): page config, the shared frame and the list of pages."""

from pathlib import Path

import streamlit as st

from atlas.ui import shell
from atlas.ui.shell import t

# A local favicon: a material icon here would be fetched from a font CDN (not offline).
st.set_page_config(page_title="Compute Atlas · 算力地图", page_icon=str(Path(__file__).parent / "static" / "favicon.png"), layout="wide")
shell.setup()

# Page scripts live in views/, not pages/: a pages/ folder puts Streamlit in its legacy
# multipage mode for the first run after a start, which breaks a deep link opened first.
pages = [
    st.Page("views/overview.py", title=t("nav.overview"), icon=":material/dashboard:", default=True),
    st.Page("views/map.py", title=t("nav.map"), icon=":material/map:", url_path="map"),
    st.Page("views/east_west.py", title=t("nav.east_west"), icon=":material/swap_horiz:", url_path="east-west"),
    st.Page("views/energy.py", title=t("nav.energy"), icon=":material/eco:", url_path="energy"),
    st.Page("views/use_cases.py", title=t("nav.use_cases"), icon=":material/factory:", url_path="use-cases"),
    st.Page("views/lab.py", title=t("nav.lab"), icon=":material/science:", url_path="lab"),
    st.Page("views/data.py", title=t("nav.data"), icon=":material/table_chart:", url_path="data"),
    st.Page("views/story.py", title=t("nav.story"), icon=":material/slideshow:", url_path="story"),
    st.Page("views/about.py", title=t("nav.about"), icon=":material/menu_book:", url_path="about"),
]
# A presenter has no sidebar: the pages move to the top bar.
page = st.navigation(pages, position="top" if shell.presenting() else "sidebar")
st.session_state["page_path"] = page.url_path  # for the permalink in exports
try:
    page.run()
except Exception:  # Streamlit's stop and rerun signals are BaseExceptions: they pass through
    shell.page_failed(page.url_path)
shell.footer()
