"""Page state in Streamlit's URL: `read()` applies `atlas.params.parse` to `st.query_params`,
drops the bad values from the URL and returns the notices for the shell to show; widgets bound
to a parameter write the reader's changes back.
"""

from __future__ import annotations

from typing import Any, Callable

import streamlit as st

from atlas.params import Notice, Param, parse

__all__ = ["Notice", "Param", "bound_widget", "read", "write"]


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
