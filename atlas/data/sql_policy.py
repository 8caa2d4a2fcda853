"""What the SQL sandbox refuses in a parsed query (layer 3 of `atlas.data.sandbox`): DuckDB's
own parse tree (``json_serialize_sql``) is walked, not the text, so quoting, comments and
string tricks cannot hide a name. A refusal is (code, reason): the code picks the reader's
message, the reason goes to the operator's log.
"""

from __future__ import annotations

# One function call that builds a single huge value (a string from repeat/lpad, a list from
# range) allocates outside DuckDB's memory_limit (up to its 4 GB string cap) and cannot be
# interrupted: refuse the plain form of it, a literal size above this, before it runs.
BIG_VALUE_FUNCTIONS = frozenset({"repeat", "lpad", "rpad", "range", "generate_series",
                                 "list_resize", "array_resize"})
BIG_VALUE_LIMIT = 10_000_000
TABLE_FUNCTIONS_ALLOWED = frozenset({"range", "generate_series", "unnest", "json_each", "json_tree"})
SCALARS_FORBIDDEN = frozenset({"getenv", "current_setting", "sleep_ms", "pg_sleep", "write_log",
                               "json_execute_serialized_sql", "query", "query_table", "glob", "sniff_csv"})
FUNCTION_PREFIXES = ("duckdb_", "pragma_", "read_", "parquet_")
TABLE_PREFIXES = ("duckdb_", "pragma_", "sqlite_", "pg_")
SHOW_SPECIAL_ALLOWED = frozenset({'"tables"', "__show_tables_expanded"})
PATH_CHARS = set("/\\.:~")


def forbidden(tree, tables, system) -> tuple[str, str] | None:
    """The first refused thing in a parse tree as (code, reason), or None.

    Each node is visited with the names of the CTEs in scope there, so ``with summary as
    (...) select * from summary`` reads the CTE, while the same name outside the CTE's
    query still counts as the table function it would reach.
    """
    stack = [(tree, frozenset())]
    while stack:
        node, ctes = stack.pop()
        if isinstance(node, list):
            stack.extend((item, ctes) for item in node)
            continue
        if not isinstance(node, dict):
            continue
        cte_map = node.get("cte_map")
        if isinstance(cte_map, dict) and cte_map.get("map"):
            ctes = ctes | {str(e.get("key", "")).lower() for e in cte_map["map"]}
        if isinstance(node.get("cte_name"), str):
            ctes = ctes | {node["cte_name"].lower()}
        kind = node.get("type")
        name = node.get("function_name")
        if isinstance(name, str):
            lname = name.lower()
            if lname in SCALARS_FORBIDDEN or lname.startswith(FUNCTION_PREFIXES):
                return "forbidden", f"function {name}"
            if lname in BIG_VALUE_FUNCTIONS and big_literal(node):
                return "memory", f"{name} with a literal size over {BIG_VALUE_LIMIT:,}"
        if kind == "TABLE_FUNCTION":
            fname = str((node.get("function") or {}).get("function_name", "")).lower()
            if fname not in TABLE_FUNCTIONS_ALLOWED:
                return "forbidden", f"table function {fname}"
            # range(10^11) as a table streams rows: skip the size check of its call
            stack.extend((v, ctes) for k, v in node.items() if k != "function")
            stack.extend((a, ctes) for a in (node.get("function") or {}).get("arguments") or [])
            continue
        if kind == "BASE_TABLE":
            unqualified = not node.get("schema_name") and not node.get("catalog_name")
            reason = table_reason(node.get("table_name"), node.get("schema_name"),
                                  ctes if unqualified else frozenset(), tables, system)
            if reason:
                return "forbidden", reason
        elif kind == "SHOW_REF":
            show = node.get("show_type")
            tname = str(node.get("table_name") or "")
            if show == "SHOW_SPECIAL":
                if tname.lower() not in SHOW_SPECIAL_ALLOWED:
                    return "forbidden", f"show {tname}"
            elif show == "SHOW":  # SHOW <table> describes it; SHOW <setting> reads a setting
                if tname.lower() not in tables:
                    return "forbidden", f"show {tname}"
            elif show not in ("DESCRIBE", "SUMMARY"):
                return "forbidden", f"show type {show}"
            elif tname:
                reason = table_reason(tname, node.get("schema_name"), frozenset(), tables, system)
                if reason:
                    return "forbidden", reason
        stack.extend((value, ctes) for value in node.values())
    return None

def table_reason(table, schema, ctes: frozenset, tables, system) -> str | None:
    """Why a table reference is refused (a file, a system view, a table function), or None."""
    name, schema = str(table or "").lower(), str(schema or "").lower()
    if PATH_CHARS & set(name):
        return f"file-like table {name}"
    if name in tables or name in ctes:
        return None
    if name in system or name.startswith(TABLE_PREFIXES) or schema == "pg_catalog":
        return f"system table {name}"
    return None  # unknown: DuckDB answers with a catalog error


def big_literal(call: dict) -> bool:
    """Whether a function call has a literal number argument (cast or not) above BIG_VALUE_LIMIT."""
    for arg in call.get("arguments") or []:
        expr = arg.get("expression", arg) if isinstance(arg, dict) else None
        while isinstance(expr, dict) and expr.get("class") == "CAST":
            expr = expr.get("child")
        literal = expr.get("literal") if isinstance(expr, dict) and expr.get("class") == "CONSTANT" else None
        try:
            if isinstance(literal, dict) and abs(float(literal.get("text", ""))) > BIG_VALUE_LIMIT:
                return True
        except (TypeError, ValueError, OverflowError):
            continue
    return False
