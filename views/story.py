"""Story (讲述): the article told in nine steps, each a live chart, map or KPI set with its
sources and checks, for presenters. `story?step=N` opens a step; arrow keys move through them."""

from urllib.parse import urlencode

import streamlit as st

from atlas import pages
from atlas.ui import downloads, show, story
from atlas.ui.shell import fragment, lang, link_params, presenting, read_params, t
from atlas.ui.urlstate import Param, write

STEP = Param("step", "int", 1, min=1, max=len(story.STEPS))
number = read_params([STEP])["step"]
step = story.STEPS[number - 1]


def go(to: int) -> None:
    write(STEP, to)


st.progress(number / len(story.STEPS), text=t("story.progress", n=number, total=len(story.STEPS),
                                               title=t(f"story.{step.key}.title")))
# Step controls above the content, so they stay put from step to step
with st.container(horizontal=True, vertical_alignment="center"):
    st.button(t("story.previous"), icon=":material/arrow_back:", key="story_prev", disabled=number == 1,
              on_click=go, args=(number - 1,), shortcut="Left", help=t("story.keys"))
    st.button(t("story.next"), icon=":material/arrow_forward:", key="story_next", type="primary",
              disabled=number == len(story.STEPS), on_click=go, args=(number + 1,), shortcut="Right",
              help=t("story.keys"))
    st.page_link(pages.script(step.page), label=t("story.dig"), icon=":material/travel_explore:",
                 query_params=link_params(**step.params))
# A presenter's step is a slide: its words beside its chart or map, so both fit one screen
if presenting():
    words, visual = st.columns([2, 3], gap="large")
    after = words
else:
    words, visual, after = st.container(), st.container(), st.container()
with words:
    st.title(t(f"story.{step.key}.title"))
    panel = story.build(step, **story.options(step))  # the build-out step's year control
    st.markdown(story.text(step, panel))
with visual:
    show.panel(panel, slide=True)
with after, st.container(key="story_claims"):  # a presenter's claims in smaller type: see presenter.css
    for claim in story.claims(step):
        st.markdown(f"{show.claim_badge(claim)} {show.escape_md(show.claim_text(claim))}")


@fragment
def slides_menu() -> None:
    """The story as PowerPoint: made on request (it draws every chart and the map), then saved."""
    made = st.session_state.get("story_slides")
    if made is None or made[0] != lang():  # made in another language: make them again
        if st.button(t("story.make_slides"), icon=":material/slideshow:", key="story_make"):
            with st.spinner(t("story.making_slides")):
                base = show.permalink().split("?")[0]
                links = [f"{base}?{urlencode(link_params(step=str(n)))}" for n in range(1, len(story.STEPS) + 1)]
                st.session_state["story_slides"] = (lang(), story.slides(links))
            st.rerun(scope="fragment")
    else:
        st.download_button(t("story.save_slides"), made[1], "compute-atlas-story.pptx", downloads.MIME["pptx"],
                           icon=":material/download:", key="story_pptx", on_click="ignore")


st.divider()
slides_menu()
