"""Capacity: need per model on each basis, TPM against users, Azure requests, OpenAI tier, headroom."""

import streamlit as st

import byo_core as b
from byo_app import state, ui

state.page_setup()
from byo_core import charts, tables
from byo_core.currency import format_count

ss = st.session_state
p = state.plan()
est = state.current_estimate()
cat = state.catalog()
lead = est.headline_need

st.title("Capacity")
ui.source_caption(est)

c1, c2, c3 = st.columns(3)
c1.metric(f"RPM ({lead.model})", format_count(lead.rpm), help=f"basis: {lead.rpm_basis}")
c2.metric(f"TPM ({lead.model})", format_count(lead.tpm), help=f"basis: {lead.tpm_basis}")
c3.metric("Sized for", f"{format_count(est.headline.sized_users if est.headline else p.users)} users")
for sentence in est.explanations:
    st.info(ui.md(sentence), icon=":material/info:")

st.subheader("Need per model on each basis")
st.caption("Published: through the vendor's examples. Linear: the per-500-users rule as stated. Bottom-up: your users × queries "
           "at the peak minute × calls or tokens per query. Models without published guidance are always sized bottom-up.")
ui.table(state.guarded(tables.need_by_basis, p, cat))

st.subheader("TPM against users")
sweep = charts.sweep_users(p.users)
quota = state.guarded(b.quota_curve, p, sweep, cat)
points = state.guarded(b.published_points, p, cat)
metric = st.segmented_control("Show", ["TPM", "RPM"], key=state.sticky("capacity_chart_metric", "TPM"))
state.remember("capacity_chart_metric")
ui.chart(charts.tpm_spec(quota, points, est, metric or "TPM"), width="stretch", height=420)

st.markdown("**Why RPM and TPM disagree** — the load each figure implies:")
ui.table(tables.loads(est))

st.subheader("Azure OpenAI: what to request per deployment")
st.caption(f"Standard deployments get TPM in steps of {format_count(cat.azure_quota.tpm_step)} and "
           f"{cat.azure_quota.rpm_per_1000_tpm} RPM per 1,000 TPM ({cat.azure_quota.source}, {cat.azure_quota.as_of}). "
           "A request is sized by whichever need is larger.")
ui.table(tables.azure(est, cat))

st.subheader("OpenAI: usage tier")
(st.success if est.openai.tier else st.warning)(ui.md(est.openai.message))
st.caption(f"Tier limits as of {est.openai.as_of}: {est.openai.source_url}")

st.subheader("Headroom: is the quota you have enough?")
limits = ss.get(state.KEY_CHECK_LIMITS) or {}
models = [n.model for n in est.quota_need]
if limits and ss.get("_capacity_seen_limits") != limits:
    # New limits from the key check: pre-fill (the person can still change them).
    for m in models:
        got = limits.get(m) or {}
        for metric_name in ("rpm", "tpm"):
            ss[f"_saved_capacity_have_{m}_{metric_name}"] = got.get(metric_name)
            ss.pop(f"capacity_have_{m}_{metric_name}", None)
    ss["_capacity_seen_limits"] = limits
if limits:
    st.caption("Pre-filled from the limits the key check read; edit any field.")
else:
    st.caption("Type the RPM and TPM your key or deployments have (leave empty if unknown), or run the key check to fill them.")
have = {}
for m in models:
    h1, h2, h3 = st.columns([2, 2, 2])
    h1.markdown(f"**{m}**")
    rpm = h2.number_input(f"{m} RPM you have", min_value=0, max_value=100_000_000, step=100,
                          key=state.sticky(f"capacity_have_{m}_rpm", None), placeholder="unknown")
    tpm = h3.number_input(f"{m} TPM you have", min_value=0, max_value=10_000_000_000, step=1000,
                          key=state.sticky(f"capacity_have_{m}_tpm", None), placeholder="unknown")
    state.remember(f"capacity_have_{m}_rpm")
    state.remember(f"capacity_have_{m}_tpm")
    if rpm is not None or tpm is not None:
        have[m] = (None if rpm is None else int(rpm), None if tpm is None else int(tpm))
if have:
    rows = state.guarded(b.headroom, p, have, cat)
    ui.table(tables.headroom(rows))
    for h in rows:
        if h.users_covered is None:
            continue
        if h.enough is False:
            st.error(f"{h.model}: not enough for {format_count(p.users)} users — this quota serves up to "
                     f"{format_count(h.users_covered)} users on the same assumptions.")
        else:
            st.success(f"{h.model}: enough for {format_count(p.users)} users; it runs out above "
                       f"{format_count(h.users_covered)} users.")
