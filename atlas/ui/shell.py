"""The shared page frame: language, presenter mode, URL notices, data faults, footer.

app.py calls `setup()` once per run before the page; pages call `t()`, `query()` and
`read_params()`. This is the only place that knows where the current language lives.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import pandas as pd
import streamlit as st

from atlas import pages
from atlas.data.datasets import SchemaError
from atlas.data.store import TableUnavailable
from atlas.i18n import DEFAULT_LANG, LANGS, localized, translate
from atlas.ui import cache, urlstate

log = logging.getLogger("atlas")
LANG = urlstate.Param("lang", "choice", DEFAULT_LANG, choices=LANGS)
PRESENT = urlstate.Param("present", "bool", False)
PRESENTER_CSS = Path(__file__).parent / "presenter.css"
SCREENS_CSS = Path(__file__).parent / "screens.css"  # phones and narrow columns
A11Y_CSS = Path(__file__).parent / "a11y.css"  # focus rings and caption contrast, on every page


def lang() -> str:
    return st.session_state.get("lang", DEFAULT_LANG)


def t(key: str, **values) -> str:
    """The text for `key` in the current language."""
    return translate(key, lang(), **values)


def localize(row, field: str = "name") -> str:
    """A data row's name (center, hub, city...) or note in the current language."""
    return localized(row, field, lang())


def presenting() -> bool:
    return st.session_state.get("present", False)


def link_params(**params: str) -> dict[str, str]:
    """Query parameters for an in-app link: `params` plus the language and presenter mode, so
    both carry over to the page the link opens."""
    return {"lang": lang(), **({"present": "1"} if presenting() else {}), **params}


def setup() -> None:
    """Language and presenter mode from the URL (kept there across pages), then their switches."""
    values, notices = urlstate.read([LANG, PRESENT])
    st.session_state["notices_shown"] = set()  # each kept notice once per run
    for param in (LANG, PRESENT):
        if param.name in st.query_params or param.name not in st.session_state:
            st.session_state[param.name] = values[param.name]
        # Navigation drops query parameters: put them back so links and reloads keep them.
        urlstate.write(param, st.session_state[param.name])
    show_notices(notices, scope="shell")
    st.session_state["lang_switch"] = lang()
    st.session_state["present_switch"] = presenting()
    with st.sidebar:
        st.radio(
            t("frame.language"),
            LANGS,
            format_func=lambda code: translate("frame.lang_name", code),
            key="lang_switch",
            on_change=_switch_lang,
            horizontal=True,
        )
        st.toggle(t("frame.present"), key="present_switch", on_change=_switch_present, help=t("frame.present_help"))
    st.html(f"<style>{SCREENS_CSS.read_text()}{A11Y_CSS.read_text()}</style>")
    if presenting():  # larger type, no sidebar or menus, full width
        st.html(f"<style>{PRESENTER_CSS.read_text()}</style>")


def _switch_lang() -> None:
    st.session_state["lang"] = st.session_state["lang_switch"]
    urlstate.write(LANG, st.session_state["lang"])


def _switch_present() -> None:
    st.session_state["present"] = st.session_state["present_switch"]
    urlstate.write(PRESENT, presenting())


def _exit_present() -> None:
    st.session_state["present"] = False
    urlstate.write(PRESENT, False)


def read_params(spec: list[urlstate.Param]) -> dict:
    """A page's URL state; every replaced bad value is announced."""
    values, notices = urlstate.read(spec)
    show_notices(notices, scope=st.session_state.get("page_path", ""))
    return values


def show_notices(notices: list[urlstate.Notice], *, scope: str) -> None:
    """Announce replaced URL values. The bad values leave the URL on the run that finds them,
    so the notices are kept for the page (`scope`) and shown again on its later runs (a map
    measuring its size reruns the page at once); going to another page drops them."""
    kept = st.session_state.setdefault("url_notices", {})
    if scope != "shell" and kept.get("page", scope) != scope:  # the reader went to another page
        kept.clear()
    if scope != "shell":
        kept["page"] = scope
    kept[scope] = kept.get(scope, []) + [n for n in notices if n not in kept.get(scope, [])]
    shown = st.session_state.setdefault("notices_shown", set())
    for notice in kept[scope]:
        if notice in shown:
            continue
        shown.add(notice)
        # Shown inside a code span: a backtick or a line break in the value would end it and
        # let the rest of a crafted link render as Markdown (a link in the app's own warning).
        value = " ".join(notice.value.split()).replace("`", "ˋ")
        st.warning(t("frame.bad_param", name=notice.name, value=value, reason=notice.reason),
                   icon=":material/link_off:")


def query(name: str, **params) -> pd.DataFrame | None:
    """Run a named query; if its data failed validation, say so here and return None."""
    try:
        return cache.run_query(name, **params)
    except TableUnavailable as exc:
        st.error(t("frame.table_unavailable", table=exc.table) + "\n\n" + _as_code(exc.detail),
                 icon=":material/dataset:")
    except SchemaError as exc:
        st.error(t("frame.schema_unavailable") + "\n\n" + _as_code(str(exc)), icon=":material/dataset:")
    return None


def data_faults() -> dict[str, str]:
    """Each table that failed validation, with its messages ({"*": ...} if datasets.yml did)."""
    try:
        catalog = cache.get_store().catalog
    except SchemaError as exc:
        return {"*": str(exc)}
    return {table: catalog.error_text(table) for table in catalog.errors}


def catalog():
    """The validated datasets and their descriptions, or None (with the reason shown)."""
    try:
        return cache.get_store().catalog
    except SchemaError as exc:
        st.error(t("frame.schema_unavailable") + "\n\n" + _as_code(str(exc)), icon=":material/dataset:")
        return None


def table_count() -> int:
    try:
        return len(cache.get_store().catalog.tables)
    except SchemaError:
        return 0


def _as_code(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.splitlines())


def fragment(func):
    """`st.fragment` whose unforeseen errors end like a page's (see `page_failed`): a fragment
    rerun does not pass through app.py, so it needs its own guard."""
    @functools.wraps(func)
    def guarded(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except Exception:
            page_failed(st.session_state.get("page_path", ""))

    return st.fragment(guarded)


def page_failed(page: str) -> None:
    """A page broke on something unforeseen: the reader gets a short message and the rest of
    the app (navigation, footer, other pages) keeps working; the operator gets the traceback."""
    log.exception("page %r failed (query %s)", page or "overview", dict(st.query_params))
    st.error(t("frame.page_error"), icon=":material/error:")


def footer() -> None:
    """The data's as-of date and the way to the sources, under every page."""
    st.divider()
    try:
        as_of = cache.run_query("data_as_of").iloc[0]["latest_as_of"]
    except (TableUnavailable, SchemaError) as exc:
        log.warning("footer: %s", exc)
        as_of = None
    # keyed: benchmarks take the page as drawn once its footer is (benchmarks/pages.py DRAWN)
    st.container(key="page_footer").page_link(
        pages.script("about"), label=t("frame.footer", as_of=as_of or t("common.na"),
                                       release=cache.data_release() or t("common.na")),
        icon=":material/menu_book:", query_params=link_params())
    if presenting():  # the sidebar and its switch are hidden: the way out is here (or present=0)
        st.button(t("frame.present_exit"), icon=":material/close_fullscreen:", on_click=_exit_present,
                  key="present_exit", type="tertiary")
