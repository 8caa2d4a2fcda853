"""Reading a printed brief back in tests (pypdf, a dev dependency): its text as a reader would
copy it, and the fonts Chromium embedded."""

import io
import re
import unicodedata

from pypdf import PdfReader

# Noto CJK draws some ideographs and their radical forms with one glyph, and Chromium's PDF
# names the glyph by the radical's code point: 力 comes back as the Kangxi radical ⼒ (NFKC
# undoes that), 长/長/见 as the CJK radical-supplement ⻓/⻑/⻅ (NFKC does not: the whole
# ideographs among them, by their Unicode names, are mapped here).
RADICALS = str.maketrans({"⻅": "见", "⻆": "角", "⻉": "贝", "⻋": "车", "⻑": "長", "⻓": "长", "⻔": "门",
                          "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻢": "马", "⻥": "鱼", "⻦": "鸟",
                          "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻬": "齐", "⻮": "齿", "⻰": "龙",
                          "⻳": "龟"})


def chinese(text: str) -> str:
    """Extracted text with radical forms back to the ideographs they stand for."""
    return unicodedata.normalize("NFKC", text).translate(RADICALS)


def flat(text: str) -> str:
    """Extracted text compared without line breaks or spaces (Chromium may wrap a long link)."""
    return re.sub(r"\s+", "", chinese(text))


def read(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "".join(page.extract_text() for page in reader.pages)


def font_names(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:  # a Type0 font names it on its descendant
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            names.add(str(font.get("/BaseFont") or descriptor.get_object()["/FontName"]))
    return names


def a4(reader: PdfReader) -> bool:
    """Whether every page is A4 portrait, 595 × 842 pt within a point."""
    return all(abs(float(p.mediabox.width) - 595.3) <= 1 and abs(float(p.mediabox.height) - 841.9) <= 1
               for p in reader.pages)


def cjk_faces(reader: PdfReader, lang: str) -> tuple[set[str], set[str]]:
    """The embedded faces (subset prefix dropped) and those that are Noto Sans CJK of the
    language's variant (SC for en and zh-Hans, TC for zh-Hant)."""
    faces = {f.split("+")[-1] for f in font_names(reader)}
    variant = "tc-" if lang == "zh-Hant" else "sc-"
    return faces, {f for f in faces if "NotoSansCJK" in f.replace(" ", "") and variant in f.lower()}
