"""Test that the slide deck opens in python-pptx with every view's content, and that no shape
leaves the slide or covers another, however long the text."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import ImageFont
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pptx.util import Pt

from atlas.build.slides import CJK_FONT, LATIN_FONT, Slide, deck, em_width

SOURCE = "Source: Xinhua: Hubs approved (grade A) · as of 2025-06"
LINK = "https://atlas.example/?view=hubs&lang=zh&year=2025"


def png(width: int, height: int) -> bytes:
    """A valid RGB PNG built by hand (signature, IHDR, IDAT, IEND), so no image library is needed."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x33\x66\x99" * width for _ in range(height))   # filter byte + pixels
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def open_deck(slides, **kwargs):
    args = {"title": "Compute Atlas 算力地图", "subtitle": "East Data West Compute", "footer": "Compute Atlas"}
    return Presentation(io.BytesIO(deck(slides, **{**args, **kwargs})))


def text_boxes(slide):
    return [shape for shape in slide.shapes if shape.has_text_frame]


def texts(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in text_boxes(slide))


def runs(slide):
    return [run for shape in text_boxes(slide) for paragraph in shape.text_frame.paragraphs
            for run in paragraph.runs]


def links(slide) -> list[str]:
    return [run.hyperlink.address for run in runs(slide) if run.hyperlink.address]


def pictures(slide):
    return [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]


def assert_laid_out(prs):
    """Every shape inside the slide, and no two shapes overlapping."""
    for number, slide in enumerate(prs.slides, 1):
        boxes = []
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= prs.slide_width, (number, shape.name)
            assert shape.top + shape.height <= prs.slide_height, (number, shape.name)
            assert shape.width > 0 and shape.height > 0, (number, shape.name)
            boxes.append((shape.left, shape.top, shape.left + shape.width, shape.top + shape.height, shape.name))
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
                assert apart, (number, a[4], b[4])


@pytest.fixture(scope="module")
def prs():
    return open_deck([
        Slide("Hubs approved", ["Eight hubs, ten clusters.", "Most capacity sits in the west."],
              image=png(40, 10), sources=[SOURCE], badges=["#12 confirmed"], link=LINK),
        Slide("Power and cost", ["Western power is cheaper."], kpis=[("Hubs", "8"), ("Clusters", "10"),
              ("PUE target", "≤1.25")], sources=["Source: NDRC 2022"]),
        Slide("东数西算", ["东部数据，西部计算。"], sources=["来源：国家发展改革委"]),
    ])


def test_a_title_slide_then_one_slide_per_view(prs):
    assert len(prs.slides) == 4
    assert "Compute Atlas 算力地图" in texts(prs.slides[0])
    assert "East Data West Compute" in texts(prs.slides[0])


def test_the_deck_is_16_by_9(prs):
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)


def test_every_shape_is_on_the_slide_and_none_overlap(prs):
    assert_laid_out(prs)


def test_the_picture_fits_with_its_aspect_kept(prs):
    slide = prs.slides[1]
    [picture] = pictures(slide)
    assert picture.left + picture.width <= prs.slide_width and picture.top + picture.height <= prs.slide_height
    assert picture.width / picture.height == pytest.approx(4, rel=0.001)
    assert picture.width > prs.slide_width * 0.6        # drawn large, not at its 40-pixel size


def test_a_tall_picture_is_centred():
    tall = open_deck([Slide("Map", ["A tall map."], image=png(10, 40))])
    [picture] = pictures(tall.slides[1])
    assert picture.width / picture.height == pytest.approx(0.25, rel=0.001)
    assert picture.left + picture.width / 2 == pytest.approx(tall.slide_width / 2, abs=2)


def test_text_of_each_view_is_on_its_slide(prs):
    first, second, third = (texts(prs.slides[i]) for i in (1, 2, 3))
    assert "Hubs approved" in first and "Eight hubs, ten clusters." in first
    assert SOURCE in first and "#12 confirmed" in first
    assert "Source: NDRC 2022" in second
    assert "东数西算" in third and "来源：国家发展改革委" in third


def test_kpis_are_big_numbers_without_a_picture(prs):
    slide = prs.slides[2]
    assert not pictures(slide)
    by_text = {run.text: run for run in runs(slide)}
    for label, value in [("Hubs", "8"), ("Clusters", "10"), ("PUE target", "≤1.25")]:
        assert Pt(36) <= by_text[value].font.size <= Pt(40) and by_text[value].font.bold
        assert by_text[label].font.size == Pt(14)


def test_picture_and_kpis_share_a_slide():
    prs = open_deck([Slide("Both", ["Chart and numbers."], image=png(40, 30),
                           kpis=[("Hubs", "8"), ("PUE", "1.2")])])
    slide = prs.slides[1]
    assert len(pictures(slide)) == 1
    assert "8" in texts(slide) and "1.2" in texts(slide)
    assert_laid_out(prs)


def test_a_view_with_only_lines_gets_no_filler():
    prs = open_deck([Slide("Just words", ["One line."])], footer="")
    slide = prs.slides[1]
    assert not pictures(slide)
    assert [shape.text_frame.text for shape in slide.shapes] == ["Just words", "One line."]


def test_chinese_text_names_a_cjk_font(prs):
    [run] = [run for run in runs(prs.slides[3]) if run.text == "东数西算"]
    r_pr = run._r.find(qn("a:rPr"))
    assert r_pr.find(qn("a:latin")).get("typeface") == LATIN_FONT
    assert r_pr.find(qn("a:ea")).get("typeface") == CJK_FONT
    assert Pt(28) <= run.font.size <= Pt(32) and run.font.bold


def test_text_wraps_inside_its_box(prs):
    for slide in prs.slides:
        for shape in text_boxes(slide):
            assert shape.text_frame.word_wrap is True


def test_notes_hold_the_lines_and_sources(prs):
    notes = prs.slides[1].notes_slide.notes_text_frame.text
    for text in ["Eight hubs, ten clusters.", "Most capacity sits in the west.", SOURCE, LINK]:
        assert text in notes
    assert "东部数据，西部计算。" in prs.slides[3].notes_slide.notes_text_frame.text


def test_the_footer_links_back_to_the_view(prs):
    assert links(prs.slides[1]) == [LINK]
    footer = max(prs.slides[1].shapes, key=lambda shape: shape.top)
    assert "Compute Atlas" in footer.text_frame.text
    assert footer.left > prs.slide_width / 3                 # bottom right


def test_many_sources_are_cut_with_a_count_and_stay_on_the_slide():
    sources = [f"Source: Provincial bureau {i}: data centre census · as of 2025-0{i % 9 + 1}" for i in range(30)]
    prs = open_deck([Slide("Sources", ["Many sources."], image=png(40, 20), sources=sources)])
    slide = prs.slides[1]
    [box] = [shape for shape in text_boxes(slide) if "Provincial bureau 0:" in shape.text_frame.text]
    text = box.text_frame.text
    shown = sum(f"Provincial bureau {i}:" in text for i in range(30))
    assert 0 < shown < 30
    assert text.endswith(f"… ({30 - shown} more)")
    assert box.height <= Pt(4 * 10 * 1.3 + 8)             # about four rows of 10 pt
    assert_laid_out(prs)
    notes = slide.notes_slide.notes_text_frame.text
    assert all(source in notes for source in sources)    # the notes keep every source


def test_overlong_text_is_cut_not_spilled():
    long_url = "https://atlas.example/?" + "&".join(f"p{i}=value{i}" for i in range(80))
    prs = open_deck([Slide(
        "算力枢纽节点与数据中心集群的能耗、成本与碳排放比较 " * 4,
        ["A very long line of narrative that goes on and on. " * 12] * 6,
        image=png(30, 40),
        kpis=[(f"A long KPI label number {i}", f"{i * 123456.789:,.1f} PFLOPS") for i in range(10)],
        sources=["Source: " + "x" * 3000], badges=[f"#{i} confirmed" for i in range(60)], link=long_url)])
    assert_laid_out(prs)
    slide = prs.slides[1]
    assert "…" in texts(slide)
    assert links(slide) == [long_url]                     # the shown link is cut, its target whole


NOTO_BOLD = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")


@pytest.mark.skipif(not NOTO_BOLD.exists(), reason="needs Debian's fonts-noto-cjk")
@pytest.mark.parametrize("sample", [
    SOURCE, LINK, "Eight hubs, ten clusters. Most capacity sits in the west.", "1,234,567.8 PFLOPS",
    "东数西算", "东部数据，西部计算。", "算力枢纽 8 个，集群 10 个 (2025)"])
def test_the_width_estimate_is_no_narrower_than_the_real_font(sample):
    """The layout measures text without font files; its estimate must not fall short of the
    real glyphs (bold, the widest used), or text would spill out of boxes sized from it."""
    font = ImageFont.truetype(str(NOTO_BOLD), 1000, index=2)        # Noto Sans CJK SC Bold
    assert font.getname()[0] == CJK_FONT
    assert em_width(sample) * 1000 >= font.getlength(sample)


DEJAVU_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")  # fontconfig's fallback face


@pytest.mark.skipif(not DEJAVU_BOLD.exists(), reason="needs fonts-dejavu-core (fontconfig installs it)")
@pytest.mark.parametrize("sample", ["≤72 hours", ">1,000,000 calls a day", "36 → 28 months", "1,234,567.8 PFLOPS"])
def test_the_bold_estimate_holds_for_a_wider_fallback_face(sample):
    """A viewer without Noto Sans (LibreOffice here) draws bold numbers in DejaVu Sans Bold:
    with the regular estimate they wrapped over the next KPI row."""
    font = ImageFont.truetype(str(DEJAVU_BOLD), 1000)
    assert em_width(sample, bold=True) * 1000 >= font.getlength(sample)


def test_the_use_case_kpis_keep_their_whole_values():
    """The story's use-case slide: six values, the longest of which was cut to ">1,000,000 ca…"."""
    kpis = [("Industrial inspection in coal mines", "20 multiple"), ("Traffic-signal optimisation in Xi'an", "+33 %"),
            ("Protein–ligand complex dynamics dataset", "≤72 hours"), ("Vehicle R&D", "36 → 28 months"),
            ("DeepSeek-R1 serving in Zhengzhou", ">1,000,000 calls/day"), ("ICC investment multiplier", "3.4 multiple")]
    prs = open_deck([Slide("What the compute is used for", ["Six figures, each checked."], kpis=kpis)])
    assert_laid_out(prs)
    shown = texts(prs.slides[1])
    assert all(value in shown for _, value in kpis)


text = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=300)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=text, lines=st.lists(text, max_size=5), sources=st.lists(text, max_size=12),
       badges=st.lists(text, max_size=5), kpis=st.lists(st.tuples(text, text), max_size=9),
       image=st.sampled_from([None, (40, 10), (10, 40), (30, 30)]), link=text)
def test_any_text_stays_on_the_slide(title, lines, sources, badges, kpis, image, link):
    """Whatever the lengths and scripts, every box stays on the slide and clear of the others."""
    prs = open_deck([Slide(title, lines, image=png(*image) if image else None, kpis=kpis, sources=sources,
                           badges=badges, link=link)], subtitle=title, title=title)
    assert_laid_out(prs)
