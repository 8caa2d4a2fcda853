"""The story's steps (`atlas.build.storyline`) drawn: each step's panel, built by
`atlas.ui.panels` (the same builders the pages use), its lines and claims. The story page
shows one step at a time; `slides()` turns all of them into a PowerPoint.
"""

from __future__ import annotations

from datetime import date

from atlas.build import export, maps
from atlas.build.slides import Slide, deck
from atlas.build.storyline import STEPS, Step
from atlas.build.years import latest_year
from atlas.ui import cache, panels, show, years
from atlas.ui.shell import query, read_params, t

__all__ = ["STEPS", "build", "claims", "options", "slides", "text"]


# Each step's panel: the same builders the pages use.
PANELS = {
    "network": panels.centers_map, "centers": panels.largest_centers, "scale": panels.national_series,
    "green": panels.pue_trend, "price": panels.hub_prices, "cases": panels.use_case_headlines,
    "scheduling": panels.scheduling, "checks": panels.claim_checks, "buildout": years.buildout,
}


def build(step: Step, **options) -> panels.Panel | None:
    return PANELS[step.key](**options)


def options(step: Step) -> dict:
    """What the step's panel is drawn for, from its controls: the build-out step's year (its
    slider and play button; `story?step=9&year=2023`). Other steps have no options."""
    frame = query("center_years") if step.key == "buildout" else None
    if frame is None:
        return {}
    param = years.spec(latest_year(frame))[0]
    return {"year": years.control(param, read_params([param])["year"], key="story", label="collapsed")}


def text(step: Step, panel: panels.Panel | None) -> str:
    """The step's lines; counts in them come from the data, never from the prose."""
    if panel is not None and step.key == "network":
        regions = cache.run_query("map_regions")["kind"].value_counts()  # the panel ran: it is there
        return t("story.network.text", centers=len(panel.data), cities=panel.data["city"].nunique(),
                 hubs=regions.get("hub", 0), clusters=regions.get("cluster", 0))
    if panel is not None and step.key == "checks":
        counts = dict(zip(panel.data["check"], panel.data["n"]))
        return t("story.checks.text", n=sum(counts.values()), **counts)
    if panel is not None and step.key == "buildout":  # the year's counts, as under the map
        return t("story.buildout.text") + " **" + panel.derived + "**"
    return t(f"story.{step.key}.text")


def claims(step: Step):
    """The step's article claims with their check status, in fact-sheet order."""
    found = query("claims_by_number", nums=step.claims) if step.claims else None
    return [] if found is None else found.to_dict("records")


def slide(step: Step, panel: panels.Panel | None, link: str) -> Slide:
    """One slide: the panel's image (chart or map snapshot) or its KPIs, the lines, the
    claims with their checks and the sources. An image Chromium cannot draw in time is left
    out and the slide says so."""
    image = None
    lines = text(step, panel).split("\n")
    if panel is not None and panel.fig is not None:
        image = export.figure_image(panel.fig, "png")
    elif panel is not None and panel.deck is not None:
        image = export.page_image(export.map_html(maps.framed(panel.deck), panel.title, panel.legend, []))
    if panel is not None and (panel.fig is not None or panel.deck is not None) and image is None:
        lines.append(t("story.image_failed"))
    sources = show.citation(panel.title, panel.source_ids, panel.as_of)[2:] if panel is not None else []
    return Slide(title=t(f"story.{step.key}.title"), lines=lines, image=image,
                 kpis=[(k.label, k.value) for k in panel.kpis] if panel is not None else [],
                 sources=sources, badges=[f"#{c['num']} {t('check.' + c['check'])}: {show.claim_text(c)}"
                                          for c in claims(step)], link=link)


def slides(links: list[str]) -> bytes:
    """The whole story as a .pptx in the reader's language (`links[i]` reopens step i + 1)."""
    made = [slide(step, build(step), link) for step, link in zip(STEPS, links)]
    return deck(made, title=t("story.title"), subtitle=t("story.subtitle"),
                footer=t("story.footer", date=date.today().isoformat()))
