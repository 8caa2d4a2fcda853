"""The one-page brief: printed by the real headless Chromium and read back with pypdf (a dev
dependency only): one A4 page in every language, the figures, the formula and the link in it,
Chinese text extracted as Chinese (which needs a real CJK font embedded: tofu boxes have no
text), and a long source list that condenses instead of running onto a second page."""

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from atlas.build import brief, export, numbers
from atlas.i18n import translate
from atlas.ui.calculator_specs import CALCULATORS
from tests.pdfcheck import a4, cjk_faces, flat, radicals, read

LANGS = ("en", "zh-Hans", "zh-Hant")
PERMALINK = "http://localhost:8613/lab?lang={lang}&calc=training&params_b=3&tokens_b=60"


def training_brief(lang: str, sources: int = 2) -> brief.Brief:
    """The training calculator's brief at its defaults, written as the page writes it."""
    calc = CALCULATORS["training"]
    values = {f.name: f.default for f in calc.fields}
    result = calc.run(**values)
    figures = tuple(brief.Row(translate(f"calc.training.out.{o.name}", lang),
                              (numbers.fmt_amount(getattr(result, o.name), o.unit, lang=lang, digits=o.digits),))
                    for o in calc.outputs)
    inputs = tuple(brief.Row(translate(f"calc.training.{f.name}", lang), (numbers.fmt_figure(f.default, 2, lang=lang),),
                             translate("brief.default", lang, value=f"{f.default:g}", source="#1"))
                   for f in calc.fields)
    cited = tuple(brief.Source(f"Publisher {i} 国家数据局", f"A source title number {i} 全国一体化算力网",
                               f"https://example.org/source/{i}", "ABC"[i % 3], f"2025-{i % 12 + 1:02d}")
                  for i in range(sources))
    return brief.Brief(lang=lang, title=translate("calc.training.title", lang),
                       kind=translate("brief.kind_calculator", lang), permalink=PERMALINK.format(lang=lang),
                       figures=figures, formula=calc.text, inputs=inputs, sources=cited,
                       exported=date(2026, 12, 7), release="2026-12-01")


needs_chromium = pytest.mark.skipif(export.chromium() is None, reason="no Chromium to print with")


@pytest.fixture(scope="module")
def printed():
    """Each language's training brief and its PDF, printed once for the tests that read it."""
    return {lang: (made := training_brief(lang), brief.brief_pdf(made)) for lang in LANGS}


@needs_chromium
@pytest.mark.parametrize("lang", LANGS)
def test_brief_prints_one_a4_page_with_its_figures_formula_and_link(printed, lang):
    made, pdf = printed[lang]
    assert pdf is not None and pdf.startswith(b"%PDF")
    reader, text = read(pdf)
    assert len(reader.pages) == 1 and export.pdf_pages(pdf) == 1
    assert a4(reader)
    got = flat(text)
    for row in made.figures:  # e.g. 1.08 × 10²¹ FLOP, 0.104 d / 0.104天
        assert flat(row.values[0]) in got, row
    assert flat("FLOPs = 6 · N · D") in got and flat(made.formula[1]) in got
    assert flat(made.permalink) in got
    assert "2026-12-07" in got
    assert flat(translate("brief.sources", lang)) in got


@needs_chromium
@pytest.mark.parametrize("lang", LANGS)
def test_chinese_is_printed_in_a_cjk_font_never_tofu_and_copies_out_right(printed, lang):
    reader, text = read(printed[lang][1])
    # The title (训练时长 / 訓練時長) extracts as text only from a real CJK font: a missing
    # glyph prints as a box with no text behind it.
    assert {"en": "Training time", "zh-Hans": "训练时长", "zh-Hant": "訓練時長"}[lang] in text
    assert "国家数据局" in text and "全国一体化算力网" in text  # a source's Chinese title, also in en
    # Chromium embeds the first face the page names, WenQuanYi Micro Hei (DejaVu only draws the
    # few symbols it lacks, such as superscript digits); a Noto CJK brief copied 力 out as ⼒.
    faces, wqy = cjk_faces(reader)
    assert wqy and faces - wqy <= {"DejaVuSans"}, faces
    assert radicals(text) == []


@needs_chromium
@pytest.mark.parametrize("sources", [40, 120])
def test_many_sources_still_one_page(sources):
    made = training_brief("zh-Hans", sources)
    pdf = export.page_pdf(brief.brief_html(made))  # the page fits itself, without brief_pdf's fallback
    reader, text = read(pdf)
    assert len(reader.pages) == 1
    got = flat(text)
    assert flat(made.permalink) in got and flat(made.figures[0].values[0]) in got
    listed = len(set(re.findall(r"https://example\.org/source/(\d+)(?!\d)", got)))
    if listed < sources:  # what did not fit is counted, and the link holds it
        assert flat(translate("brief.more_sources", "zh-Hans", n=sources - listed)) in got
    assert listed >= min(sources, 24)


@needs_chromium
def test_a_brief_too_long_for_its_first_density_fits_itself_denser():
    # 14 inputs with long notes: more than a page at 10 pt, one at 8.5 pt.
    long = tuple(brief.Row(f"Input {i}", ("1.00",), "a long note on where this value comes from " * 4) for i in range(14))
    made = training_brief("en", 3)
    made = brief.Brief(**{**made.__dict__, "inputs": long})
    assert brief.first_density(len(made.sources)) == 0
    pdf = export.page_pdf(brief.brief_html(made))
    assert export.pdf_pages(pdf) == 1 and len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert export.pdf_pages(export.page_pdf(brief.brief_html(made, 0))) > 1  # it did need it


@needs_chromium
def test_a_page_that_still_runs_over_is_printed_again_denser(monkeypatch):
    # A fitting script that thinks the page is a metre tall keeps 10 pt: two pages, which
    # brief_pdf catches and prints again at fixed densities until it is one.
    monkeypatch.setattr(brief, "ROOM_MM", 1000)
    long = tuple(brief.Row(f"Input {i}", ("1.00",), "a long note on where this value comes from " * 4) for i in range(14))
    made = brief.Brief(**{**training_brief("en", 3).__dict__, "inputs": long})
    assert export.pdf_pages(export.page_pdf(brief.brief_html(made))) > 1
    pdf = brief.brief_pdf(made)
    assert export.pdf_pages(pdf) == 1 and len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_without_chromium_there_is_no_pdf(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert export.chromium() is None
    assert export.page_pdf(b"<p>x</p>") is None and brief.brief_pdf(training_brief("en")) is None


def test_html_is_self_contained_a4_in_the_page_language():
    for lang, face in (("en", "Noto Sans CJK SC"), ("zh-Hans", "Noto Sans CJK SC"), ("zh-Hant", "Noto Sans CJK TC")):
        page = brief.brief_html(training_brief(lang)).decode()
        assert f'<html lang="{lang}">' in page and "@page { size: A4;" in page
        assert f'"WenQuanYi Micro Hei", "{face}"' in page  # the fallback in the language's variant
        # nothing fetched: no stylesheet, image, web font or script from elsewhere (the one
        # script is inline: it fits the page)
        assert not re.search(r"<link|<img|@import|url\(|src=", page)
        assert page.count("<script>") == 1


def test_html_escapes_what_it_is_given():
    made = brief.Brief(lang="en", title="<b>x</b>", kind="k", permalink="http://a/?x=1&y=<2>",
                       figures=(brief.Row("a < b", ("1 & 2",)),))
    page = brief.brief_html(made).decode()
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page and "1 &amp; 2" in page


def test_sections_with_nothing_in_them_are_left_out():
    made = brief.Brief(lang="en", title="Overview", kind="k", permalink="http://a/", figures=(brief.Row("KPI", ("1",)),))
    page = brief.brief_html(made).decode()
    assert translate("brief.formula", "en") not in page and translate("brief.inputs", "en") not in page


def test_first_density_lists_every_source_when_one_can():
    assert [brief.first_density(n) for n in (0, 10, 11, 30, 31, 50, 51)] == [0, 0, 1, 1, 2, 2, 3]


def test_pdf_pages_reads_the_page_tree():
    assert export.pdf_pages(b"%PDF-1.4\n1 0 obj\n<</Type /Pages\n/Count 2\n/Kids [2 0 R 3 0 R]>>") == 2
    assert export.pdf_pages(b"%PDF-1.4 nothing here") is None


def test_file_name_says_what_and_when():
    assert brief.file_name("training", date(2026, 12, 7)) == "compute-atlas-training-brief-2026-12-07.pdf"


def test_every_calculator_has_its_formula_as_text():
    for calc in CALCULATORS.values():
        assert calc.text and all(isinstance(line, str) and "=" in line or "∈" in line for line in calc.text), calc.key
        assert not any("\\" in line for line in calc.text), calc.key  # plain text, no LaTeX left in it
