"""Test the story page and presenter mode through their URLs: every step, the step controls,
bad step values, and presenter mode staying on across pages."""

import json

import pytest

from atlas.data.store import Store
from atlas.i18n import translate
from atlas.ui import story
from atlas.ui.shell import PRESENTER_CSS
from tests.app.pages import open_page

STEPS = range(1, len(story.STEPS) + 1)


@pytest.mark.parametrize("lang", ["en", pytest.param("zh-Hans", marks=pytest.mark.slow)])
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
    store = Store()
    centers = store.run("map_centers", statuses=(), hubs=(), clusters=(), provinces=(), precisions=(), min_pflops=0.0)
    tables = store.catalog.tables
    expected = translate("story.network.text", "en", centers=len(centers), cities=centers["city_en"].nunique(),
                         hubs=len(tables["hubs"]), clusters=len(tables["clusters"]))
    at = open_page("views/story.py", step="1")
    assert expected in [m.value for m in at.markdown]


def test_the_checks_step_counts_the_checks_and_keeps_its_old_number():
    claims = Store().catalog.tables["claims"]
    counts = claims["check"].value_counts()
    expected = translate("story.checks.text", "en", n=len(claims),
                         **{c: int(counts.get(c, 0)) for c in ("confirmed", "partly", "contradicted", "not_found")})
    at = open_page("views/story.py", step="8")  # the last step before the build-out was added
    assert expected in [m.value for m in at.markdown]


def progress(number: int) -> str:
    return translate("story.progress", "en", n=number, total=len(story.STEPS),
                     title=translate(f"story.{story.STEPS[number - 1].key}.title", "en"))


def test_next_and_previous_move_through_the_steps_and_stop_at_the_ends():
    at = open_page("views/story.py", step="1")
    assert at.button(key="story_prev").disabled
    at.button(key="story_next").click().run()
    assert at.query_params["step"] == "2" and at.get("progress")[0].proto.text == progress(2)
    at.button(key="story_prev").click().run()
    assert "step" not in at.query_params  # the first step is the default: the URL drops it
    assert at.get("progress")[0].proto.text == progress(1)
    last = open_page("views/story.py", step=str(len(story.STEPS)))
    assert last.button(key="story_next").disabled


@pytest.mark.parametrize(("value", "reason"), [
    ("0", "expected a value from 1 to 9"), ("10", "expected a value from 1 to 9"), ("two", "expected a number"),
    ("1e309", "expected a number"), ("-3", "expected a value from 1 to 9"),
])
def test_bad_step_falls_back_to_the_first_with_a_notice(value, reason):
    at = open_page("views/story.py", step=value)
    assert not at.exception
    assert at.get("progress")[0].proto.text == progress(1)
    head = translate("frame.bad_param", "en", name="step", value="\0", reason="").split("\0")[0]
    notices = [w.value for w in at.warning if w.value.startswith(head)]
    assert notices == [translate("frame.bad_param", "en", name="step", value=value, reason=reason)]
    assert "step" not in at.query_params
    at.run()  # a rerun (the step's map reports its size) keeps the notice, once
    assert [w.value for w in at.warning if w.value.startswith(head)] == notices


PRESENTER_STYLE = f"<style>{PRESENTER_CSS.read_text()}</style>"


def test_presenter_mode_stays_on_across_pages_and_can_be_left():
    at = open_page("views/story.py", step="2", present="1")
    assert PRESENTER_STYLE in [h.proto.body for h in at.get("html")]
    at.switch_page("views/energy.py").run()
    assert at.query_params["present"] == "1"
    assert PRESENTER_STYLE in [h.proto.body for h in at.get("html")]
    at.button(key="present_exit").click().run()
    assert "present" not in at.query_params
    assert PRESENTER_STYLE not in [h.proto.body for h in at.get("html")]
    assert "present_exit" not in [b.key for b in at.button]  # the way out goes with the mode


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
