"""Spend: per-model cost, spend against users, rollout, edited prices, budget, currency."""

import pandas as pd
import streamlit as st

import byo_core as b
from byo_app import state, ui

state.page_setup()
from byo_core import charts, price_edits, rollout, tables
from byo_core.currency import format_count, make_currency

ss = st.session_state
p = state.plan()

st.title("Spend")
top = st.container()
st.divider()
prices_box = st.container()

# --- editable prices (drawn at the bottom, handled first so every figure above uses them)
with prices_box:
    st.subheader("Prices per 1M tokens")
    st.caption("Edit a price to see its effect everywhere in the app (the shareable link carries published prices only). "
               "Prices are US dollars per 1M tokens; leave cached or output empty if the model has none.")
    published = state.guarded(price_edits.profile_price_rows, b.load_catalog(), p.profile, p.price_set)
    current = state.guarded(price_edits.profile_price_rows, state.catalog(), p.profile, p.price_set)
    version = ss.setdefault("spend_prices_version", 0)
    money_col = {"min_value": 0.0, "max_value": float(price_edits.MAX_PRICE), "format": "%.6g", "step": 0.0001}
    edited = st.data_editor(
        pd.DataFrame(price_edits.price_records(current)),
        key=f"spend_prices_{version}",
        hide_index=True,
        num_rows="fixed",
        width="stretch",
        disabled=["model", "as_of", "source_url"],
        column_config={
            "model": st.column_config.TextColumn("Model"),
            "input_usd_per_1m": st.column_config.NumberColumn("Input $ / 1M", required=True, **money_col),
            "cached_input_usd_per_1m": st.column_config.NumberColumn("Cached input $ / 1M", **money_col),
            "output_usd_per_1m": st.column_config.NumberColumn("Output $ / 1M", **money_col),
            "as_of": st.column_config.TextColumn("Published"),
            "source_url": st.column_config.LinkColumn("Source"),
        },
    )
    try:
        changed = price_edits.apply_price_table(published, edited.to_dict("records"))
    except b.PlannerError as err:
        st.error(ui.md(f"{err}. The estimate keeps the last valid prices; correct the cell to apply it."))
    else:
        mine = {(r.price_set, r.model) for r in published}
        others = [r for r in ss[state.PRICES] if (r.price_set, r.model) not in mine]
        if others + changed != ss[state.PRICES]:
            ss[state.PRICES] = others + changed
            ss["spend_prices_version"] = version + 1
            st.rerun()
    if st.button("Reset to published prices", key="spend_prices_reset", disabled=not ss[state.PRICES], icon=":material/restart_alt:"):
        ss[state.PRICES] = []
        ss["spend_prices_version"] = version + 1
        st.rerun()
    if ss[state.PRICES]:
        st.caption(ui.md("Edited: " + "; ".join(f"{r.model} — {r.note}" for r in ss[state.PRICES])))

est = state.current_estimate()
cat = state.catalog()

with top:
    ui.source_caption(est)
    with st.expander(f"Currency: {state.currency().label}", expanded=not state.currency().is_usd):
        k1, k2 = st.columns(2)
        code = k1.text_input("Currency code", key=state.sticky("spend_currency_code", "USD"), max_chars=3,
                             help="Three letters, e.g. EUR. Every money figure in the app and the exports converts.")
        rate = k2.number_input("Units per US dollar", min_value=0.000001, max_value=1_000_000.0, step=0.01, format="%.6g",
                               key=state.sticky("spend_currency_rate", 1.0))
        state.remember("spend_currency_code")
        state.remember("spend_currency_rate")
        try:
            ss[state.CURRENCY] = make_currency(code, rate)
        except b.PlannerError as err:
            st.error(f"{err} — money stays in {state.currency().label}.")
    cur = state.currency()
    s = est.spend
    m1, m2, m3, m4 = st.columns(4)
    m1.metric("Monthly spend", cur.format(s.monthly))
    m2.metric("Annual spend", cur.format(s.annual))
    m3.metric("Cost per query", cur.format_per_query(s.cost_per_query))
    m4.metric("Queries per month", format_count(s.queries_per_month))
    ui.currency_note(cur)

    st.subheader("Which model drives the bill")
    c1, c2 = st.columns([1, 1])
    with c1:
        ui.table(tables.cost_by_model(est, cur))
    with c2:
        ui.chart(charts.cost_by_model_spec(est, cur), width="stretch")
    with st.expander("Per role: calls, tokens and cost per query against what the source printed"):
        ui.table(tables.stages(est, cur))

    st.subheader("Spend against users")
    curve = state.guarded(b.spend_curve, p, charts.sweep_users(p.users), cat)
    ui.chart(charts.spend_spec(curve, est, cur), width="stretch", height=360)

    st.subheader("How many users does a budget cover?")
    bc1, bc2 = st.columns([1, 2])
    budget = bc1.number_input(f"Monthly budget ({cur.code})", min_value=0.0, max_value=1e12, step=1000.0, format="%.2f",
                              key=state.sticky("spend_budget", 50_000.0))
    state.remember("spend_budget")
    covered = state.guarded(b.users_within_budget, p, cur.to_usd(budget), cat)
    bc2.metric(f"Users {cur.format(cur.to_usd(budget))} a month covers", format_count(covered),
               help="The most users whose monthly spend fits, on the same queries, working days and prices.")

    st.subheader("Rollout plan")
    r1, r2 = st.columns(2)
    months = r1.number_input("Months to reach everyone", min_value=1, max_value=rollout.MAX_MONTHS, step=1,
                             key=state.sticky("spend_rollout_months", 6))
    start = r2.number_input("Users already live before month 1", min_value=0, max_value=10_000_000, step=100,
                            key=state.sticky("spend_rollout_start", 0), help="Users grow in equal steps from here to the Users input.")
    state.remember("spend_rollout_months")
    state.remember("spend_rollout_start")
    users_by_month = state.guarded(rollout.ramp, p.users, int(months), int(start))
    plan_months = state.guarded(rollout.plan, p, users_by_month, cat)
    g1, g2 = st.columns([3, 2])
    with g1:
        ui.table(tables.rollout(plan_months, cur))
    with g2:
        ui.chart(charts.rollout_spec(plan_months, cur), width="stretch")

    st.subheader("Export")
    ui.downloads(est, cur, key="spend_download")
