"""The shared panels are built from their arguments and the language they are handed, never
from the reader's session: a panel cached for one reader is right for every reader of that
language."""

import functools
import re

import pytest
import streamlit as st

from atlas.ui import panels, story

BUILDERS = {**{f"story.{key}": build for key, build in story.PANELS.items()},
            "pue_local": panels.pue_local, "green_shares": panels.green_shares, "grid_factors": panels.grid_factors,
            "electricity_use": panels.electricity_use, "hub_scale": functools.partial(panels.hub_scale.__wrapped__, "compute")}
CJK = re.compile(r"[\u4e00-\u9fff]")


def unwrapped(build):
    """The builder itself, past the shared cache (called with lang= as the cache calls it)."""
    return getattr(build, "__wrapped__", build)


@pytest.mark.parametrize("name", BUILDERS)
def test_a_panel_is_in_the_language_it_is_handed_whatever_the_session_says(name):
    st.session_state["lang"] = "zh-Hans"  # the session says one language, the builder is handed another
    english = unwrapped(BUILDERS[name])(lang="en")
    chinese = unwrapped(BUILDERS[name])(lang="zh-Hans")
    assert not CJK.search(english.title), english.title
    assert CJK.search(chinese.title), chinese.title
    assert english.source_ids == chinese.source_ids  # the same figures, cited alike
    shown = [k.label for k in english.kpis] + ([english.fig.layout.title.text or ""] if english.fig else [])
    assert not any(CJK.search(text) for text in shown), shown
