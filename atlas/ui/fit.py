"""Sizes only the browser knows: how wide a map's or chart's place is, how far down the page it
starts and how tall the window is. A small inline component (`st.components.v2`, no build
step, nothing fetched) measures its own container and reports the size; the map's first view
is then fitted to China for that size (`maps.fit_view`) and a presenter's map or chart fills
the screen's remaining height.

Until the browser has answered (the first run of a session, AppTest) a default size is used.
A size is remembered per place for the session, and the browser reports again only when
the width or the window's height differs from what the server already has, so a report
causes one rerun at most.
"""

from __future__ import annotations

from dataclasses import dataclass

import pydeck as pdk
import streamlit as st

from atlas.build import maps
from atlas.ui import cache
from atlas.ui.shell import presenting

JS = """
export default function (component) {
  const { parentElement, setStateValue, data } = component;
  const host = parentElement.host || parentElement;
  let known = (data && data.known) || null;  // the size the server had when this was mounted
  let timer = null;
  const measure = () => {
    // Never while the page's script runs: a report then interrupts the run, and the rerun it
    // asks for can race the run's own widget and URL updates. Ask again once it has ended.
    const app = host.ownerDocument.querySelector('[data-testid="stApp"]');
    const state = app && app.dataset.testScriptState;
    if (state && state !== "notRunning") { clearTimeout(timer); timer = setTimeout(measure, 200); return; }
    const box = host.getBoundingClientRect();
    const size = { width: Math.round(box.width), top: Math.round(box.top), viewport: window.innerHeight };
    if (size.width <= 0) return;  // not laid out yet (a closed tab): wait for the next change
    // Only a new width or window height is worth a rerun. Where the place starts is taken from
    // the first report: it shifts while what is above it draws (charts, notices), and a rerun
    // for each shift redrew the page under a reader's (or a test's) hands.
    const moved = !known || Math.abs(known.width - size.width) > 24 || Math.abs(known.viewport - size.viewport) > 24;
    if (moved) {
      known = size;
      setStateValue("size", size);
    }
  };
  const later = () => { clearTimeout(timer); timer = setTimeout(measure, 120); };
  const observer = new ResizeObserver(later);
  observer.observe(host);
  window.addEventListener("resize", later);
  later();
  return () => { observer.disconnect(); window.removeEventListener("resize", later); clearTimeout(timer); };
}
"""
CSS = ":host { display: block; width: 100%; height: 0; }"
_measure = st.components.v2.component("atlas_fit", js=JS, css=CSS)


@dataclass(frozen=True)
class Size:
    width: int  # px of the place's width
    top: int  # px from the window's top to the place, on first view
    viewport: int  # px of the window's height


DEFAULT = Size(width=1100, top=260, viewport=900)  # a laptop, until the browser has answered


def size(key: str) -> Size | None:
    """The measured size of the place where this is called (None until the browser answers)."""
    remembered = st.session_state.setdefault("fit_sizes", {})
    known = remembered.get(key)
    result = _measure(key=f"fit_{key}", data={"known": known}, default={"size": known}, height=0,
                      on_size_change=lambda: None)
    measured = getattr(result, "size", None) or known
    if isinstance(measured, dict) and all(isinstance(measured.get(k), (int, float)) for k in ("width", "top", "viewport")):
        remembered[key] = measured
        return Size(int(measured["width"]), int(measured["top"]), int(measured["viewport"]))
    return None


def map_chart(deck: pdk.Deck, *, key: str, reserve: int, slide: bool = False, **options) -> None:
    """`st.pydeck_chart` opening on all of China, fitted to the size it is drawn at, as tall as
    the place allows (a presenter's map: the rest of the screen, `reserve` px kept for what
    follows it; `slide`: a story step's, which must fit the screen)."""
    measured = size(key)
    place = measured or DEFAULT
    height = maps.map_height(place.width, place.top, place.viewport, presenting=presenting(), reserve=reserve,
                             slide=slide)
    if measured is not None:
        deck = maps.with_view(deck, maps.fit_view(cache.get_extent() or maps.CHINA_EXTENT, place.width, height))
    st.pydeck_chart(deck, height=height, key=key, **options)
    mark(key, measured)


def mark(key: str, measured: Size | None) -> None:
    """A hidden mark after a fitted element, whose key says whether it is drawn for the
    measured size yet (`<key>_fitted`, else `<key>_measuring`; browser tests wait for it).

    A mark beside the element, not a container around it: a container whose key changes is a
    new element, and the browser rebuilt what it held. A map then fetched its boundaries and
    set up its layers again after the size report: in a trace of a returning reader's map load,
    that was 1.8 of the GPU process's 6.4 s (software WebGL)."""
    with st.container(key=f"{key}_{'fitted' if measured else 'measuring'}"):
        st.html("<span></span>")  # an empty container is not drawn at all; a11y.css hides this one


def chart_height(key: str, *, reserve: int, default: int) -> tuple[int, Size | None]:
    """A presenter's chart height: the rest of the screen below where it starts, `reserve` px
    kept for its sources (`default` until measured), and the measured size."""
    measured = size(key)
    if measured is None:
        return default, None
    return max(int(measured.viewport - measured.top - reserve), 320), measured
