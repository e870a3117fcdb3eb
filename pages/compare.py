"""Compare: two to four scenarios side by side — spend, quota per model, and what to beware of.

Every number comes from ``byo_core.compare``; this page only lays them out.
Runs under the app's router or on its own (``AppTest.from_file``).
"""

import json

import streamlit as st

from byo_app import ui
from byo_app.state import leave_pages_directory_mode

import byo_core as b
from byo_core.charts import comparison_spec
from byo_core.compare import compare, scenario
from byo_core.currency import USD, format_count
from byo_core.prices import parse_uploaded_prices, price_sets_for, upload_template

DEFAULTS = ["glean-gpt4-2023-10", "glean-ae2-azure-2026", "glean-claude-vertex-2026", "glean-gemini-vertex-fast-2026"]
leave_pages_directory_mode()
ss = st.session_state


def md(text: str) -> str:
    return text.replace("$", r"\$")


def stop_with(err: b.PlannerError) -> None:
    st.error(md(str(err)))
    st.stop()


plan = ss.get("plan_inputs") or b.make_inputs()  # the shared inputs when run under the router
cur = ss.get("currency") or USD
try:
    base_catalog = b.load_catalog()
except b.PlannerError as err:
    stop_with(err)

st.title("Compare scenarios")
st.caption(
    "Each scenario is a profile, a price set and a number of users; the other assumptions "
    f"({plan.queries_per_user_per_day} queries per user per working day, {plan.working_days} working days, "
    f"basis '{plan.basis.value}') are the shared ones. The first scenario is the baseline."
)

with st.expander("Your negotiated prices (CSV upload)", expanded=False):
    st.markdown(
        "Columns as `data/prices.csv`: `price_set, model, input_usd_per_1m, cached_input_usd_per_1m, "
        "output_usd_per_1m, as_of, source_url, note`. Give your set its own name, then pick it as a scenario's price set."
    )
    upload = st.file_uploader("Prices CSV", type=["csv"], key="compare_prices_file")
    st.download_button(
        "Template for the second scenario's profile",
        data=lambda: upload_template(base_catalog.profile(ss.get("compare_profile_1", DEFAULTS[1]))),
        file_name="negotiated-prices.csv", mime="text/csv", key="compare_template", on_click="ignore",
    )

catalog = base_catalog
if upload is not None:
    try:
        rows = parse_uploaded_prices(upload.getvalue().decode("utf-8", errors="replace"), upload.name, reserved=base_catalog.prices)
    except b.PlannerError as err:
        st.error(f"{md(str(err))} — the comparison uses the built-in prices.")
    else:
        catalog = base_catalog.with_prices(rows)
        st.success(f"{len(rows)} uploaded price(s) in set(s): {', '.join(sorted({r.price_set for r in rows}))}.")

profiles = list(catalog.profiles)
n = st.segmented_control("Scenarios", [2, 3, 4], default=2, key="compare_count") or 2

specs = []
cols = st.columns(n)
for i, col in enumerate(cols):
    with col:
        ss.setdefault(f"compare_profile_{i}", DEFAULTS[i] if DEFAULTS[i] in profiles else profiles[0])
        ss.setdefault(f"compare_users_{i}", plan.users)
        st.markdown("**Baseline**" if i == 0 else f"**Scenario {i + 1}**")
        pid = st.selectbox("Profile", profiles, key=f"compare_profile_{i}", format_func=lambda p: catalog.profiles[p].name)
        sets = price_sets_for(catalog.profile(pid), catalog)
        if ss.get(f"compare_prices_{i}") not in sets:
            ss[f"compare_prices_{i}"] = sets[0]
        ps = st.selectbox("Prices", sets, key=f"compare_prices_{i}",
                          help="Every set that prices all of this profile's models; the profile's own first.")
        users = st.number_input("Users", min_value=0, max_value=10_000_000, step=500, key=f"compare_users_{i}")
        specs.append((pid, ps, int(users)))

try:
    shared = plan.model_dump(exclude={"profile", "price_set", "users"})
    cmp = compare([scenario(pid, price_set=ps, users=u, **shared) for pid, ps, u in specs], catalog)
except b.PlannerError as err:
    stop_with(err)

st.subheader("Spend")
for col, r in zip(st.columns(n), cmp.results):
    s = r.estimate.spend
    col.metric(
        f"{r.label} — monthly", cur.format(s.monthly),
        delta=None if r is cmp.baseline else f"{cur.format(r.monthly_diff)} vs baseline",
        delta_color="inverse", help=f"{format_count(s.queries_per_month)} queries × {cur.format_per_query(s.cost_per_query)} a query",
    )
    col.caption(f"{cur.format(s.annual)} a year · {cur.format_per_query(s.cost_per_query)} a query · prices {r.estimate.price_set}")

st.subheader("Quota")
for col, r in zip(st.columns(n), cmp.results):
    h = r.estimate.headline_need
    col.metric(f"TPM ({h.model}, {h.role})", format_count(h.tpm), help=f"basis: {h.tpm_basis}")
    col.metric(f"RPM ({h.model}, {h.role})", format_count(h.rpm), help=f"basis: {h.rpm_basis}")

st.markdown("**Quota per model** (summed over the model's roles; blank where a scenario does not call the model; Δ = minus the baseline)")
st.dataframe(cmp.quota_rows(), hide_index=True, width="stretch", key="compare_quota_table")
st.markdown("**Spend side by side** (USD)")
st.dataframe(cmp.spend_rows(), hide_index=True, width="stretch", key="compare_spend_table")
ui.chart(comparison_spec(cmp), key="compare_chart")

st.subheader("Before you rely on these numbers")
for r in cmp.results:
    stale = [p for p in r.prices if p.stale]
    with st.expander(f"{r.label}: {len(r.flags)} note(s){' — stale prices' if stale else ''}", expanded=bool(stale) or r is not cmp.baseline):
        p = r.estimate.profile
        st.caption(f"[{p.name}]({p.source_url}), as of {p.as_of:%b %d, %Y}")
        for ps in r.prices:
            (st.warning if ps.stale else st.caption)(md(ps.message))
        for f in r.flags:
            if not f.endswith("check current prices or upload your own"):
                st.info(md(f), icon=":material/info:")

st.download_button("Download the comparison (JSON)", data=lambda: json.dumps(cmp.to_dict(), indent=2),
                   file_name="byo-comparison.json", mime="application/json", key="compare_json", on_click="ignore")
