"""Page state in the URL: typed, bounded parameters with defaults (the deep-link contract).

`parse()` is pure: it turns raw query-parameter strings into typed values plus a notice for
every value it had to replace by its default. `read()` applies it to `st.query_params`, drops
the bad values from the URL and returns the notices for the page frame to show.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import streamlit as st

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


def read(spec: list[Param]) -> tuple[dict[str, Any], list[Notice]]:
    """Parse the current URL for `spec`; bad values are removed from the URL."""
    raw = {name: st.query_params.get(name) for name in st.query_params}
    values, notices = parse(raw, spec)
    for notice in notices:
        del st.query_params[notice.name]
    return values, notices


def write(param: Param, value: Any) -> None:
    """Put `value` in the URL, or remove the parameter when it is the default."""
    if value == param.default or value in (None, (), ""):
        if param.name in st.query_params:
            del st.query_params[param.name]
    else:
        st.query_params[param.name] = param.dump(value)


def bound_widget(param: Param, value: Any, render: Callable[..., Any], **kwargs) -> Any:
    """Draw a widget whose state lives in the URL under `param.name`.

    The widget starts from `value` (the parsed URL value) and is reseeded whenever the URL
    changes from outside (a shared or in-app link); every change by the reader is written
    back to the URL. `render` is the Streamlit widget function, called with `key=`.
    """
    key, seen = f"url_{param.name}", f"url_{param.name}__seen"
    # What the widget was last seeded from: the page and the URL value. Several pages share a
    # parameter name (params_b on Use cases and the Lab, pflops on Energy and the Lab): coming
    # from another page reseeds the widget, so it never keeps a state that page left behind.
    source = (st.session_state.get("page_path", ""), st.query_params.get(param.name))
    if key not in st.session_state or source != st.session_state.get(seen):
        st.session_state[key] = list(value) if param.kind == "choices" else value
    result = render(key=key, **kwargs)
    write(param, tuple(result) if param.kind == "choices" else result)
    st.session_state[seen] = (source[0], st.query_params.get(param.name))
    return result
