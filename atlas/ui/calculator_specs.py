"""The calculators the pages offer, described for the widgets that show them (`atlas.ui.calculators`):
each one's inputs under their public URL names, with defaults, steps, sources and whether they may
be left empty; its outputs with units; its formula in LaTeX. The arithmetic is in `atlas.calc`.

The URL names are a public contract: a shared link keeps its meaning, so a name never changes.
Where it differs from the calculator function's parameter (`vehicles` for
`vehicles_per_peak_hour`), the field says so, and `Calculator.run` and `Calculator.validate`
translate between the two.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from atlas.calc.inference import (
    ARTICLE_INFERENCE,
    inference_capacity,
    validate_inference,
)
from atlas.calc.inputs import InputError
from atlas.calc.investment import (
    ARTICLE_MULTIPLIER,
    investment_multiplier,
    validate_multiplier,
)
from atlas.calc.operations import (
    ARTICLE_INSPECTION,
    ARTICLE_TRAFFIC,
    inspection,
    traffic_signals,
    validate_inspection,
    validate_traffic,
)
from atlas.calc.research import (
    ARTICLE_RND,
    protein_dataset,
    rnd_cycle,
    validate_protein,
    validate_rnd,
)
from atlas.calc.training import ARTICLE_TRAINING, training_time, validate_training

# Where a default comes from

@dataclass(frozen=True)
class ArticleClaim:
    """A figure of the article: its claim number (1–46, research/facts.md §1)."""

    number: int

    @property
    def english(self) -> str:
        return f"article #{self.number}"  # the locales' calc.source.article, in English


@dataclass(frozen=True)
class Reference:
    """A published figure, an assumption or a derivation. Pages show it from the locales
    (`calc.<calculator>.<field>_source`); `english` is that text in English."""

    english: str


class Placeholder(Enum):
    """No source gives a value (the locales' calc.source.reader and calc.source.example)."""

    READER = "reader input"  # the reader enters one
    EXAMPLE = "example assumption"  # a neutral value only so that a result shows; change it

    @property
    def english(self) -> str:
        return self.value


READER = Placeholder.READER
EXAMPLE = Placeholder.EXAMPLE
Source = ArticleClaim | Reference | Placeholder


# A calculator as the UI drives it

@dataclass(frozen=True)
class Field:
    """One input of a calculator as the UI shows it."""

    name: str  # URL parameter name (public contract, e.g. "vehicles")
    parameter: str  # the calculator function's parameter it fills (e.g. "vehicles_per_peak_hour")
    default: float | None  # None = no default: the reader enters one (or, if optional, none)
    step: float
    source: Source
    optional: bool = False  # may stay empty: the outputs that need it are then n/a


@dataclass(frozen=True)
class Output:
    """One result of a calculator: an attribute of its result dataclass."""

    name: str
    unit: str
    digits: int  # decimal places to show


@dataclass(frozen=True)
class Calculator:
    """A calculator with its inputs named as in the URL.

    `run` and `validate` take the fields by URL name, as keywords; an optional field left out
    is None, and any other name left out or not a field is a TypeError. Faults come back with
    `InputError.field` set to the URL name, not to the function's parameter.
    """

    key: str  # "training", "inference", "traffic", "protein", "rnd", "inspection", "multiplier"
    fields: tuple[Field, ...]  # in the order of the function's parameters
    outputs: tuple[Output, ...]  # attribute names of the result dataclass
    formula: str  # LaTeX of the formula
    compute: Callable[..., object]  # the atlas.calc function, called with the fields' parameters
    check: Callable[..., list[InputError]]  # its validate_* function: every fault, [] when none
    # The same formula as plain Unicode text, one line per equation, for a printed brief
    # (atlas.build.brief), which has no LaTeX renderer. Symbols as in `formula`.
    text: tuple[str, ...] = ()

    def run(self, **values: float | None) -> object:
        """The result for the inputs `values` (by URL name); raises the first fault by URL name."""
        try:
            return self.compute(**self._arguments(values))
        except InputError as error:
            raise self._by_url_name(error) from None

    def validate(self, **values: float | None) -> list[InputError]:
        """Every fault of the inputs `values` (by URL name), by URL name; [] when all are valid."""
        return [self._by_url_name(error) for error in self.check(**self._arguments(values))]

    def _arguments(self, values: dict[str, float | None]) -> dict[str, float | None]:
        unknown = sorted(set(values) - {f.name for f in self.fields})
        missing = [f.name for f in self.fields if f.name not in values and not f.optional]
        if unknown or missing:
            raise TypeError(f"calculator {self.key!r}: unknown inputs {unknown}, missing inputs {missing}")
        return {f.parameter: values.get(f.name) for f in self.fields}

    def _by_url_name(self, error: InputError) -> InputError:
        url_names = {f.parameter: f.name for f in self.fields}
        return InputError(url_names.get(error.field, error.field), error.code, **error.limits)


# The calculators

CALCULATORS: dict[str, Calculator] = {c.key: c for c in (
    Calculator(
        key="training", text=("FLOPs = 6 · N · D", "t = FLOPs / (P · 10¹⁵ · MFU)",
                             "card-h = FLOPs / (P_card · 10¹⁵ · MFU · 3600)"),
        compute=training_time, check=validate_training,
        fields=(
            Field("params_b", "params_b", ARTICLE_TRAINING["params_b"], 0.5, ArticleClaim(1)),
            Field("tokens_b", "tokens_b", 60.0, 10.0,
                  Reference("Hoffmann et al. 2022: 20 tokens/parameter")),
            Field("pflops", "pflops", ARTICLE_TRAINING["pflops"], 10.0, ArticleClaim(5)),
            Field("mfu", "mfu", 0.4, 0.05, Reference(
                "assumption; PaLM reached 46.2 % MFU (Chowdhery et al. 2022, arXiv:2204.02311)")),
            Field("card_pflops", "card_pflops", 1000 / 4096, 0.01, Reference(
                "derived: Pengcheng Cloud Brain II, 1,000 P on 4,096 Ascend 910 (facts §3 #13)"),
                  optional=True),
        ),
        outputs=(Output("flops", "FLOP", 0), Output("seconds", "s", 0), Output("days", "d", 3),
                 Output("card_hours", "card-h", 0)),
        formula=r"t = \frac{6\,N\,D}{P \cdot 10^{15} \cdot \mathrm{MFU}},\quad"
                r"\text{card-h} = \frac{6\,N\,D}{P_\text{card} \cdot 10^{15} \cdot \mathrm{MFU} \cdot 3600}",
    ),
    Calculator(
        key="inference", text=("n = ⌈C · T · s_peak / (3600 · r_machine)⌉", "U = n · u"),
        compute=inference_capacity, check=validate_inference,
        fields=(
            Field("calls_per_day", "calls_per_day", float(ARTICLE_INFERENCE["calls_per_day"]),
                  100_000.0, ArticleClaim(9)),
            Field("tokens_per_call", "tokens_per_call", 1000.0, 100.0, EXAMPLE),
            Field("peak_share", "peak_share", 0.1, 0.01, EXAMPLE),
            Field("machine_tps", "machine_tps", ARTICLE_INFERENCE["machine_tps"], 500.0, ArticleClaim(45)),
            Field("users_per_machine", "users_per_machine", float(ARTICLE_INFERENCE["users_per_machine"]),
                  1.0, ArticleClaim(43), optional=True),
        ),
        outputs=(Output("tokens_per_day", "tokens/d", 0), Output("peak_tokens_per_s", "tokens/s", 0),
                 Output("machines", "machines", 0), Output("concurrent_users", "users", 0)),
        formula=r"n = \left\lceil \frac{C \cdot T \cdot s_\text{peak}}{3600 \cdot r_\text{machine}}"
                r" \right\rceil,\quad U = n \cdot u",
    ),
    Calculator(
        key="traffic", text=("H = V · d/60 · h · (1 − 1/(1 + g)) · 365", "CNY = H · v", "M = B · s"),
        compute=traffic_signals, check=validate_traffic,
        fields=(
            Field("vehicles", "vehicles_per_peak_hour", 3000.0, 100.0, EXAMPLE),
            Field("delay_min", "delay_min_per_vehicle", 2.0, 0.5, EXAMPLE),
            Field("peak_hours", "peak_hours_per_day", 4.0, 0.5, EXAMPLE),
            Field("gain", "efficiency_gain", ARTICLE_TRAFFIC["efficiency_gain"], 0.01, ArticleClaim(30)),
            Field("value_of_time", "value_of_time_cny_per_h", None, 1.0, READER),
            Field("maintenance_cny", "maintenance_budget_cny", None, 100_000.0, READER),
            Field("maintenance_saving", "maintenance_saving", ARTICLE_TRAFFIC["maintenance_saving"], 0.01,
                  ArticleClaim(32)),
        ),
        outputs=(Output("hours_saved_per_day", "vehicle-h/d", 1),
                 Output("hours_saved_per_year", "vehicle-h/yr", 0),
                 Output("time_value_cny_per_year", "CNY/yr", 0),
                 Output("maintenance_saved_cny_per_year", "CNY/yr", 0)),
        formula=r"H = V \cdot \frac{d}{60} \cdot h \cdot \left(1 - \frac{1}{1+g}\right) \cdot 365,\quad"
                r"\text{CNY} = H \cdot v,\quad M = B \cdot s",
    ),
    Calculator(
        key="protein", text=("t_wall = n · c / k", "speed-up = 24 · t_before / t_wall"),
        compute=protein_dataset, check=validate_protein,
        fields=(
            Field("complexes", "complexes", None, 100.0, READER),
            Field("card_hours", "card_hours_per_complex", None, 0.1, READER),
            Field("cards", "cards", None, 8.0, READER),
            Field("before_days", "before_days", None, 1.0, READER, optional=True),
        ),
        outputs=(Output("card_hours", "card-h", 0), Output("wall_hours", "h", 1),
                 Output("wall_days", "d", 2), Output("speedup", "×", 1)),
        formula=r"t_\text{wall} = \frac{n \cdot c}{k},\quad"
                r"\text{speed-up} = \frac{24 \cdot t_\text{before}}{t_\text{wall}}",
    ),
    Calculator(
        key="rnd", text=("Δm = m₀ − m₁", "s = Δm / m₀", "CNY = Δm · c"),
        compute=rnd_cycle, check=validate_rnd,
        fields=(
            Field("months_before", "months_before", ARTICLE_RND["months_before"], 1.0, ArticleClaim(36)),
            Field("months_after", "months_after", ARTICLE_RND["months_after"], 1.0, ArticleClaim(36)),
            Field("monthly_cost", "monthly_program_cost_cny", None, 100_000.0, READER),
        ),
        outputs=(Output("months_saved", "months", 1), Output("share_saved", "", 3),
                 Output("cost_saved_cny", "CNY", 0)),
        formula=r"\Delta m = m_0 - m_1,\quad s = \frac{\Delta m}{m_0},\quad \text{CNY} = \Delta m \cdot c",
    ),
    Calculator(
        key="inspection", text=("t₁ = t₀ / k", "H = E · (t₀ − t₁) / 60 · 365"),
        compute=inspection, check=validate_inspection,
        fields=(
            Field("events_per_day", "events_per_day", None, 10.0, READER),
            Field("minutes_before", "minutes_per_event_before", None, 1.0, READER),
            Field("speedup", "speedup", ARTICLE_INSPECTION["speedup"], 1.0, ArticleClaim(28)),
        ),
        outputs=(Output("minutes_per_event_after", "min", 2), Output("hours_saved_per_day", "h/d", 1),
                 Output("hours_saved_per_year", "h/yr", 0)),
        formula=r"t_1 = \frac{t_0}{k},\quad H = \frac{E \cdot (t_0 - t_1)}{60} \cdot 365",
    ),
    Calculator(
        key="multiplier", text=("G ∈ [I · k_low, I · k_high]",),
        compute=investment_multiplier, check=validate_multiplier,
        fields=(
            Field("investment", "investment_cny", 12.8e9, 1e8, ArticleClaim(26)),
            Field("low", "multiplier_low", ARTICLE_MULTIPLIER["multiplier_low"], 0.1, ArticleClaim(38)),
            Field("high", "multiplier_high", ARTICLE_MULTIPLIER["multiplier_high"], 0.1, ArticleClaim(38)),
        ),
        outputs=(Output("low_cny", "CNY", 0), Output("high_cny", "CNY", 0)),
        formula=r"G \in [\,I \cdot k_\text{low},\; I \cdot k_\text{high}\,]",
    ),
)}
