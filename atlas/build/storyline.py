"""The article's story as nine steps: what each shows (its texts are story.<key>.title and
story.<key>.text), the article claims it bears on and the page to dig deeper in. Which panel
each step draws is `atlas.ui.story`'s business.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Step:
    key: str  # names its texts and its panel
    claims: tuple[int, ...]  # article claims (fact-sheet numbers) shown with their checks
    page: str  # an atlas.pages key: where to dig deeper, with `params` as its filters
    params: dict[str, str] = field(default_factory=dict)


STEPS = (
    Step("network", (12, 13), "map"),
    Step("centers", (5, 8, 14), "map", {"min_pflops": "1000"}),
    Step("scale", (46,), "overview"),
    Step("green", (15, 18, 23), "energy"),
    Step("price", (17, 24, 25), "east_west"),
    Step("cases", (28, 30, 33, 36), "use_cases"),
    Step("scheduling", (41, 42, 43, 45), "east_west"),
    Step("checks", (), "about"),
    # Added after the first eight, so that old links (story?step=N) still open the same step
    Step("buildout", (), "map"),
)
