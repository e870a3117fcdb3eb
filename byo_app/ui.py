"""Small renderers the pages share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

import byo_core as b
from byo_core import exports
from byo_core.currency import Currency

from . import state


def source_caption(est: b.Estimate) -> None:
    """Where the figures come from, kept in view on every page."""
    p = est.profile
    prices = {f"{c.price.price_set} ({c.price.as_of.isoformat()})" for c in est.stage_costs}
    edited = " · **prices edited on the Spend page**" if st.session_state.get(state.PRICES) else ""
    st.caption(
        f"Figures: **{p.name}**, as of {p.as_of:%b %d, %Y} — [source]({p.source_url}) · "
        f"prices: {', '.join(sorted(prices))}{edited} · an estimate from published figures, not a quote."
    )


def table(rows: Sequence[dict[str, Any]], key: str | None = None) -> None:
    st.dataframe(_frame(list(rows)), hide_index=True, width="stretch", key=key)


def _frame(rows: list[dict[str, Any]]) -> Any:
    """The rows as a table for st.dataframe.

    ``byo_core.tables`` rows are text: those go straight into an Arrow table with the
    columns and column type a pandas frame of them gives (text columns are Arrow
    ``large_string`` in pandas 3), ~10× cheaper than building the frame on every rerun.
    Anything else goes through pandas as before.
    """
    if rows and all(v is None or isinstance(v, str) for r in rows for v in r.values()):
        import pyarrow as pa

        columns = dict.fromkeys(k for r in rows for k in r)
        return pa.table({c: pa.array([r.get(c) for r in rows], pa.large_string()) for c in columns})
    import pandas as pd  # here, not at the top: the Estimate page draws no table, and its first paint skips pandas

    return pd.DataFrame(rows)


def chart(spec: dict[str, Any], **kwargs: Any) -> None:
    """Draw a Vega-Lite dict from ``byo_core.charts`` (``*_spec``); ``kwargs`` as for ``st.vega_lite_chart``.

    The named datasets go to Streamlit as Arrow tables built straight from the rows, which
    Streamlit sends as they are; from plain rows it would build a pandas frame first (~1–2 ms each).
    """
    import pyarrow as pa

    datasets = {name: pa.Table.from_pylist(rows) for name, rows in spec.get("datasets", {}).items()}
    st.vega_lite_chart({**spec, "datasets": datasets}, **kwargs)


def static_table(rows: Sequence[dict[str, Any]]) -> None:
    """A small table whose cells wrap (for sentences rather than figures)."""
    import pandas as pd

    st.table(pd.DataFrame(list(rows)).set_index(list(rows[0])[0]))


def downloads(est: b.Estimate, cur: Currency, key: str) -> None:
    """CSV, XLSX and a printable HTML summary of the estimate shown."""
    slug = f"byo-estimate-{est.inputs.users}-users"
    c1, c2, c3 = st.columns(3)
    c1.download_button("Download CSV", data=lambda: exports.to_csv(est, cur), file_name=f"{slug}.csv", mime="text/csv",
                       key=f"{key}_csv", on_click="ignore", icon=":material/table:", width="stretch")
    c2.download_button("Download XLSX", data=lambda: exports.to_xlsx(est, cur), file_name=f"{slug}.xlsx", mime=exports.XLSX_MIME,
                       key=f"{key}_xlsx", on_click="ignore", icon=":material/grid_on:", width="stretch")
    c3.download_button("One-page summary (HTML, print to PDF)", data=lambda: exports.to_html(est, cur), file_name=f"{slug}.html",
                       mime="text/html", key=f"{key}_html", on_click="ignore", icon=":material/print:", width="stretch")


def currency_note(cur: Currency) -> None:
    if not cur.is_usd:
        st.caption(f"Money shown in {cur.label} (set on the Spend page).")


def md(text: str) -> str:
    """Text from byo_core made safe for st.markdown: a '$' would start LaTeX."""
    return text.replace("$", r"\$")
