"""The status and category colours stay apart for readers with the common colour-vision
deficiencies: every pair of the map's status colours, the map's hub colours and the charts'
palette (Okabe–Ito) is simulated for protanopia, deuteranopia and tritanopia (Machado, Oliveira
& Fernandes 2009, severity 1, applied in linear RGB) and must differ by at least MIN_DELTA_E
(CIE76 ΔE in CIELAB). About 2.3 is a just-noticeable difference; small marks told apart at a
glance want several times that, hence 12. The Okabe–Ito colours used here clear it (the lowest
pair, measured: 16.1); D3's red and green (#d62728, #2ca02c), the pair the palette replaces in
many charts, fall to 7.3 under deuteranopia, and the last test checks that this is caught."""

from __future__ import annotations

import itertools
import math

import pytest

from atlas.build import charts, maps

# Machado et al. (2009), table of simulation matrices at severity 1.0 (linear RGB).
MACHADO = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
MIN_DELTA_E = 12


def linear(rgb) -> list[float]:
    return [(c / 255) / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb[:3]]


def lab(lin) -> tuple[float, float, float]:
    """CIELAB (D65) of a linear-RGB colour."""
    r, g, b = lin
    xyz = (0.4124 * r + 0.3576 * g + 0.1805 * b, 0.2126 * r + 0.7152 * g + 0.0722 * b,
           0.0193 * r + 0.1192 * g + 0.9505 * b)
    f = [v ** (1 / 3) if v > 216 / 24389 else (24389 / 27 * v + 16) / 116
         for v in (xyz[0] / 0.95047, xyz[1], xyz[2] / 1.08883)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def seen(rgb, deficiency: str) -> tuple[float, float, float]:
    lin = linear(rgb)
    return lab([min(1.0, max(0.0, sum(m * c for m, c in zip(row, lin)))) for row in MACHADO[deficiency]])


def closest_pair(colors: dict, deficiency: str) -> tuple[float, str, str]:
    return min((math.dist(seen(colors[a], deficiency), seen(colors[b], deficiency)), a, b)
               for a, b in itertools.combinations(colors, 2))


def hex_rgb(code: str) -> list[int]:
    return [int(code[i:i + 2], 16) for i in (1, 3, 5)]


PALETTES = {
    "map status": maps.STATUS_COLORS,
    "map hubs": maps.HUB_COLORS,
    "charts": {code: hex_rgb(code) for code in charts.PALETTE},
}


@pytest.mark.parametrize("deficiency", MACHADO)
@pytest.mark.parametrize("name", PALETTES)
def test_colours_stay_apart(name, deficiency):
    delta, a, b = closest_pair(PALETTES[name], deficiency)
    assert delta >= MIN_DELTA_E, f"{name} under {deficiency}: {a} and {b} differ by ΔE {delta:.1f}"


def test_a_red_green_pair_is_caught():
    delta, _, _ = closest_pair({"red": [214, 39, 40], "green": [44, 160, 44]}, "deuteranopia")
    assert delta < MIN_DELTA_E
