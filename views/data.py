"""Data & SQL (数据): every dataset with its schema and provenance, downloads, and a
read-only SQL explorer."""

import pandas as pd
import streamlit as st

from atlas.build import export
from atlas.data.datasets import provenance
from atlas.data.sandbox import MAX_ROWS, Refused
from atlas.ui import cache, downloads, show
from atlas.ui.shell import catalog, query, read_params, t
from atlas.ui.urlstate import Param, bound_widget

st.title(t("data.title"))
st.markdown(t("data.intro"))
data = catalog()
if data is None:
    st.stop()

names = tuple(data.schema)
SPEC = [Param("table", "choice", "centers" if "centers" in names else names[0], choices=names),
        Param("sql", "str", "")]
P = {p.name: p for p in SPEC}
url = read_params(SPEC)
sources = query("source_list")

# All datasets at a glance
st.header(t("data.datasets_header"))
overview = pd.DataFrame([{
    "table": name, "title": spec.get("title", name), "grain": spec.get("grain", ""),
    "rows": len(data.tables[name]) if name in data.tables else t("data.failed"),
} for name, spec in data.schema.items()])
show.table(overview, key="datasets", title=t("data.datasets_header"), static=True, columns={
    "table": t("data.col_table"), "title": t("data.col_title"), "grain": t("data.col_grain"), "rows": t("data.col_rows")})

# One dataset: description, columns, provenance, preview, downloads
table = bound_widget(P["table"], url["table"], st.selectbox, label=t("data.pick"), options=names)
spec = data.schema[table]
st.markdown(f"**{spec.get('title', table)}** · `{table}.csv` — {spec.get('description', '')}")
st.caption(t("data.grain", grain=spec.get("grain", ""), pk=", ".join(spec.get("primary_key") or [])))
columns = pd.DataFrame([{
    "column": col, "type": c["type"], "unit": c.get("unit", ""),
    "allowed": ", ".join(map(str, c["allowed"])) if c.get("allowed") else
    (f"{c.get('min', '')}–{c.get('max', '')}" if "min" in c or "max" in c else ""),
    "required": "✓" if c.get("required") else "", "meaning": c.get("description", ""),
} for col, c in spec["columns"].items()])
with st.expander(t("data.columns_header", n=len(columns)), icon=":material/view_column:"):
    show.table(columns, key="columns", title=f"{table}: " + t("data.columns_header", n=len(columns)), static=True, columns={
        "column": t("data.col_column"), "type": t("data.col_type"), "unit": t("data.col_unit"),
        "allowed": t("data.col_allowed"), "required": t("data.col_required"), "meaning": t("data.col_meaning")})
if table not in data.tables:
    st.error(t("frame.table_unavailable", table=table) + "\n\n    " + data.error_text(table).replace("\n", "\n    "))
else:
    frame = data.tables[table]
    ids, low, high = provenance(frame)
    show.source_line(ids, as_of=f"{low} – {high}" if low else None)
    st.dataframe(frame.head(50), hide_index=True, key="preview", width="stretch")
    st.caption(t("data.preview", shown=min(50, len(frame)), rows=len(frame)))
    cited = sources[sources["id"].isin(ids)] if sources is not None else pd.DataFrame()
    lines = export.citation_lines(spec.get("title", table), cited, (low, high), f"data?table={table}",
                                  release=cache.data_release())
    c1, c2, c3 = st.columns(3)  # files are made when clicked, not on every rerun of the page
    downloads.button("CSV", lambda: export.to_csv(frame), f"{table}.csv", key="dl_csv", where=c1,
                     icon=":material/download:")
    downloads.button("XLSX", lambda: export.to_xlsx(frame, lines), f"{table}.xlsx", key="dl_xlsx", where=c2,
                     icon=":material/download:")
    downloads.button("Parquet", lambda: export.to_parquet(frame), f"{table}.parquet", key="dl_parquet", where=c3,
                     icon=":material/download:")

# SQL explorer
st.header(t("data.sql_header"))
st.markdown(t("data.sql_intro", rows=f"{MAX_ROWS:,}"))
examples = cache.sql_examples()
example = st.selectbox(t("data.examples"), [None, *examples], format_func=lambda k: t("data.example_none")
                       if k is None else examples[k][0], key="sql_example")
if example and st.session_state.get("sql_example_applied") != example:
    st.session_state["url_sql"] = examples[example][1]
    st.session_state["sql_example_applied"] = example
sql = bound_widget(P["sql"], url["sql"], st.text_area, label=t("data.sql"), height=180,
                   placeholder="select * from centers where status = 'operating'")
if sql.strip():
    try:
        result = cache.get_sandbox().run(sql)
    except Refused as refusal:
        st.error(t(f"data.refused_{refusal.code}"), icon=":material/block:")
    else:
        if result.truncated:
            st.warning(t("data.truncated", rows=f"{MAX_ROWS:,}"), icon=":material/content_cut:")
        st.dataframe(result.frame, hide_index=True, key="sql_result", width="stretch")
        st.caption(t("data.sql_meta", rows=len(result.frame), seconds=f"{result.seconds:.3f}"))
        lines = ["SQL result from Compute Atlas", sql, "Sources: see the tables' source_id columns and data?table=sources"]
        c1, c2, c3 = st.columns(3)
        found = result.frame
        downloads.button("CSV", lambda: export.to_csv(found), "query.csv", key="sql_csv", where=c1)
        downloads.button("XLSX", lambda: export.to_xlsx(found, lines), "query.xlsx", key="sql_xlsx", where=c2)
        downloads.button("Parquet", lambda: export.to_parquet(found), "query.parquet", key="sql_parquet", where=c3)
