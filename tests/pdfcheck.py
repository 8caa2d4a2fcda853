"""Reading a printed brief back in tests (pypdf, a dev dependency): its text as a reader would
copy it, and the fonts Chromium embedded."""

import io
import re

from pypdf import PdfReader

# Kangxi radicals and the CJK radicals supplement: what Chromium's PDF wrote for 力, 长, 见 …
# when the brief was set in Noto CJK (one glyph for both). A reader copying text must get
# the ideographs.
RADICAL_BLOCKS = (0x2E80, 0x2FDF)


def radicals(text: str) -> list[str]:
    """The characters of `text` in the radical blocks (none in a brief)."""
    return [c for c in text if RADICAL_BLOCKS[0] <= ord(c) <= RADICAL_BLOCKS[1]]


def flat(text: str) -> str:
    """Extracted text compared without line breaks or spaces (Chromium may wrap a long link)."""
    return re.sub(r"\s+", "", text)


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


def cjk_faces(reader: PdfReader) -> tuple[set[str], set[str]]:
    """The embedded faces (subset prefix dropped) and those that are WenQuanYi Micro Hei, the
    brief's first face for Chinese."""
    faces = {f.split("+")[-1] for f in font_names(reader)}
    return faces, {f for f in faces if "WenQuanYiMicroHei" in f.replace(" ", "")}
