"""Test the story page and presenter mode through their URLs: every step, the step controls,
bad step values, and presenter mode staying on across pages."""

import json

import pytest

from atlas.data.store import Store
from atlas.i18n import translate
from atlas.ui import story
from tests.app.pages import open_page

STEPS = range(1, len(story.STEPS) + 1)


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
@pytest.mark.parametrize("step", STEPS)
def test_every_step_draws_its_panel_and_claims(step, lang):
    at = open_page("views/story.py", step=str(step), lang=lang)
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert f"{step}" in at.get("progress")[0].proto.text  # "Step 3 of 8: ..."
    key = story.STEPS[step - 1].key
    drawn = len(at.get("plotly_chart")) + len(at.get("deck_gl_json_chart")) + len(at.metric)
    assert drawn, f"step {step} ({key}) drew nothing"
    badges = [m.value for m in at.markdown if "-badge[" in m.value]
    assert len(badges) >= len(story.STEPS[step - 1].claims)


def test_first_step_counts_the_listed_centers_live():
    centers = Store().run("map_centers", statuses=(), hubs=(), clusters=(), provinces=(), precisions=(), min_pflops=0.0)
    at = open_page("views/story.py", step="1")
    text = next(m.value for m in at.markdown if "Compute Atlas lists" in m.value)
    assert f"{len(centers)} centers in {centers['city_en'].nunique()} cities, around 8 national hubs and 10" in text


def test_last_step_counts_the_checks():
    at = open_page("views/story.py", step="8")
    assert any("46 claims was looked up" in m.value and "1 contradicted" in m.value for m in at.markdown)


def test_next_and_previous_move_through_the_steps_and_stop_at_the_ends():
    at = open_page("views/story.py", step="1")
    assert at.button(key="story_prev").disabled
    at.button(key="story_next").click().run()
    assert at.query_params["step"] == "2"
    at.button(key="story_prev").click().run()
    assert at.query_params.get("step") in (None, "1")
    last = open_page("views/story.py", step=str(len(story.STEPS)))
    assert last.button(key="story_next").disabled


@pytest.mark.parametrize("value", ["0", "9", "two", "1e309", "-3"])
def test_bad_step_falls_back_to_the_first_with_a_notice(value):
    at = open_page("views/story.py", step=value)
    assert not at.exception
    assert "Step 1 of 8" in at.get("progress")[0].proto.text
    assert any("step" in w.value for w in at.warning)


def test_presenter_mode_stays_on_across_pages_and_can_be_left():
    at = open_page("views/story.py", step="2", present="1")
    assert any("presenter" in h.proto.body.lower() or "stSidebar" in h.proto.body for h in at.get("html"))
    at.switch_page("views/energy.py").run()
    assert at.query_params["present"] == "1"
    at.button(key="present_exit").click().run()
    assert "present" not in at.query_params
    assert not at.get("html") or all("stSidebar" not in h.proto.body for h in at.get("html"))


def test_a_presenters_chart_has_large_type_and_the_pages_do_not():
    presented = open_page("views/story.py", step="3", present="1").get("plotly_chart")[0].proto
    page = open_page("views/story.py", step="3").get("plotly_chart")[0].proto
    assert json.loads(presented.spec)["layout"]["font"]["size"] > json.loads(page.spec)["layout"]["font"]["size"]
    assert presented.theme == "" and page.theme == "streamlit"  # Streamlit's theme sets small type of its own


def test_links_carry_language_and_presenter_mode():
    at = open_page("views/story.py", step="2", present="1", lang="zh-Hant")
    link = next(p for p in at.get("page_link") if p.proto.page.endswith("map"))
    assert {"lang=zh-Hant", "present=1", "min_pflops=1000"} <= set(link.proto.query_string.split("&"))


def test_a_shared_panel_is_drawn_in_each_readers_language():
    # Panels are built once and shared by all sessions (atlas.ui.panels.shared), keyed by language.
    for lang in ("en", "zh-Hans", "en", "zh-Hant"):
        at = open_page("views/story.py", step="3", lang=lang)
        title = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["title"]["text"]
        assert translate("overview.series_title", lang) in title, (lang, title)
