"""Test the story in a real browser: arrow keys move through the steps, and the slides
download as a PowerPoint file with one slide per step, its picture, caption and sources."""

import io
import re

import pytest
from playwright.sync_api import expect
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from atlas.data.store import Store
from atlas.i18n import translate
from atlas.ui import story

pytestmark = pytest.mark.e2e


def title(number: int, lang: str) -> str:
    return translate(f"story.{story.STEPS[number - 1].key}.title", lang)


def press(page, key: str) -> None:
    """Press `key` once the run has ended and the step buttons (which hold the shortcuts) are up."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
    expect(page.locator(".st-key-story_next button").first).to_be_visible()
    page.keyboard.press(key)


def test_arrow_keys_move_through_the_steps(watched):
    watched.goto("/story?lang=en&step=2")
    expect(watched.get_by_role("heading", name=title(2, "en"))).to_be_visible()
    press(watched, "ArrowRight")
    expect(watched.get_by_role("heading", name=title(3, "en"))).to_be_visible()
    expect(watched).to_have_url(re.compile(r"step=3"))
    press(watched, "ArrowLeft")
    expect(watched).to_have_url(re.compile(r"step=2"))
    press(watched, "ArrowLeft")
    expect(watched.get_by_role("heading", name=title(1, "en"))).to_be_visible(timeout=60_000)
    assert watched.watch.console_errors == []


def test_slides_have_every_step_with_its_picture_caption_and_sources(watched):
    watched.goto("/story?lang=zh-Hans&step=3")
    expect(watched.get_by_role("heading", name=title(3, "zh-Hans"))).to_be_visible()
    watched.get_by_role("button", name="生成整个讲述的幻灯片（PPTX）").click()
    save = watched.get_by_role("button", name="保存幻灯片（PPTX）")
    expect(save).to_be_visible(timeout=120_000)
    with watched.expect_download(timeout=60_000) as info:
        save.click()
    deck = Presentation(io.BytesIO(open(info.value.path(), "rb").read()))
    slides = list(deck.slides)
    assert len(slides) == 1 + len(story.STEPS)  # a title slide, then one per step
    texts = ["\n".join(shape.text_frame.text for shape in s.shapes if shape.has_text_frame) for s in slides]
    assert "东数西算" in texts[0]
    pictures = [sum(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in s.shapes) for s in slides[1:]]
    for step, count, text in zip(story.STEPS, pictures, texts[1:]):
        drawn = step.key not in ("cases", "scheduling")  # these two are KPI sets
        assert count == (1 if drawn else 0), f"{step.key}: {count} pictures"
        assert "来源" in text and "step=" in text, f"{step.key} has no sources or link"
    tables = Store().catalog.tables
    for step, text in zip(story.STEPS, texts[1:]):
        assert translate(f"story.{step.key}.title", "zh-Hans") in text, step.key
        assert all(f"#{num}" in text for num in step.claims), step.key  # each claim with its badge
    # The scheduling step's KPIs: what one western machine served (the Qingyang DeepSeek case).
    scheduling = next(i for i, step in enumerate(story.STEPS) if step.key == "scheduling")
    figures = tables["use_case_figures"]
    after = figures.loc[figures["use_case_id"] == "deepseek-qingyang", "after"].dropna()
    assert not after.empty
    digits = re.sub(r"(?<=\d)[,\s](?=\d{3})", "", texts[1 + scheduling])  # 8,000 -> 8000
    assert all(f"{value:g}" in digits for value in after), (list(after), texts[1 + scheduling])
    assert watched.watch.console_errors == []
