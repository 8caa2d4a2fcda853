"""Compute Atlas (算力地图): page config, the shared shell and navigation over atlas.pages."""

from pathlib import Path

import streamlit as st

from atlas.pages import DEFAULT, PAGES
from atlas.ui import shell
from atlas.ui.shell import t

# A local favicon: a material icon here would be fetched from a font CDN (not offline).
st.set_page_config(page_title="Compute Atlas · 算力地图", page_icon=str(Path(__file__).parent / "static" / "favicon.png"), layout="wide")
shell.setup()

pages = [st.Page(p.script, title=t(p.title_key), icon=p.icon, url_path=p.url_path or None, default=p is DEFAULT)
         for p in PAGES]
# A presenter has no sidebar: the pages move to the top bar.
page = st.navigation(pages, position="top" if shell.presenting() else "sidebar")
st.session_state["page_path"] = page.url_path  # for the permalink in exports
try:
    page.run()
except Exception:  # Streamlit's stop and rerun signals are BaseExceptions: they pass through
    shell.page_failed(page.url_path)
shell.footer()
