"""The deep-link contract: typed, bounded URL parameters with defaults.

`parse()` turns raw query-parameter strings into typed values plus a notice for every value it
had to replace by its default. Pure: `atlas.ui.urlstate` applies it to Streamlit's URL.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

MAX_LEN = 2000  # longer values are refused outright: no legitimate parameter needs more


@dataclass(frozen=True)
class Param:
    """One URL parameter: its kind (`str`, `int`, `float`, `bool`, `choice`, `choices`)."""

    name: str
    kind: str
    default: Any = None
    choices: tuple = ()
    min: float | None = None
    max: float | None = None

    def parse(self, raw: str) -> Any:
        """The typed value of `raw`, or ValueError with the reason."""
        if len(raw) > MAX_LEN:
            raise ValueError("too long")
        if self.kind == "str":
            return raw
        if self.kind == "bool":
            if raw in ("1", "true"):
                return True
            if raw in ("0", "false"):
                return False
            raise ValueError("expected 1 or 0")
        if self.kind == "choice":
            if raw not in self.choices:
                raise ValueError(f"expected one of {', '.join(self.choices)}")
            return raw
        if self.kind == "choices":
            items = [item for item in raw.split(",") if item]
            bad = [item for item in items if item not in self.choices]
            if bad or not items:
                raise ValueError(f"expected some of {', '.join(self.choices)}")
            return tuple(dict.fromkeys(items))
        if self.kind in ("int", "float"):
            try:
                value = int(raw) if self.kind == "int" else float(raw)
            except ValueError:
                raise ValueError("expected a number") from None
            if isinstance(value, float) and not math.isfinite(value):
                raise ValueError("expected a finite number")
            if self.min is not None and value < self.min or self.max is not None and value > self.max:
                raise ValueError(f"expected a value from {self.min:g} to {self.max:g}")
            return value
        raise ValueError(f"unknown parameter kind {self.kind}")

    def dump(self, value: Any) -> str:
        if self.kind == "bool":
            return "1" if value else "0"
        if self.kind == "choices":
            return ",".join(value)
        if self.kind == "float":
            return f"{value:.10g}"  # 10000.0 -> "10000": the link reads as typed
        return str(value)


@dataclass(frozen=True)
class Notice:
    """A URL value that was not usable and what replaced it."""

    name: str
    value: str
    reason: str


def parse(raw: Mapping[str, str], spec: list[Param]) -> tuple[dict[str, Any], list[Notice]]:
    """Typed values for `spec` from raw strings; bad or missing values take their default."""
    values, notices = {}, []
    for param in spec:
        if param.name not in raw:
            values[param.name] = param.default
            continue
        text = raw[param.name]
        try:
            values[param.name] = param.parse(text)
        except ValueError as exc:
            values[param.name] = param.default
            shown = text if len(text) <= 40 else text[:40] + "…"
            notices.append(Notice(param.name, shown, str(exc)))
    return values, notices
