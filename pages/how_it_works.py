"""How the numbers work: method, the sources' contradictions, vendor key vs own key."""

import streamlit as st

from byo_app import state, ui

state.page_setup()
from byo_core.currency import format_count

est = state.current_estimate()
cur = state.currency()
p, i, s, lead = est.profile, est.inputs, est.spend, est.headline_need

st.title("How the numbers work")
ui.source_caption(est)

st.header("Spend")
st.markdown(ui.md(
    f"""
For each model the profile calls, **cost per query = (input tokens × input price + cached input tokens × cached price + output tokens × output price) ÷ 1,000,000**,
summed over the models: **{cur.format_per_query(s.cost_per_query)}** for
*{p.name}*.

**Queries per month = users × active share × queries per user per working day × working days** —
{format_count(i.users)} × {i.active_share} × {i.queries_per_user_per_day} × {i.working_days} =
**{format_count(s.queries_per_month)}**. Monthly spend is queries × cost per query (**{cur.format(s.monthly)}**);
annual is 12 × monthly (**{cur.format(s.annual)}**).
"""
))

st.header("Quota (RPM and TPM)")
st.markdown(
    """
Three ways to size a model's requests per minute (RPM) and tokens per minute (TPM):

- **Per-500-users rule (linear)** — the vendor's headline, e.g. *75 RPM and 25,000 TPM for every 500 users*, applied straight.
  Users are first rounded up to whole blocks of 500 (switch this off under Assumptions).
- **Published examples (default)** — straight lines through (0, 0) and every example the vendor prints, continuing the last
  segment's slope beyond the last example. Where the examples break the rule, this follows the examples, and the app says so.
- **Bottom-up** — from your own volume: *peak queries per minute = users × active share × queries per day ÷ (business hours × 60) ×
  peak factor*; then RPM = peak queries/min × calls per query and TPM = peak queries/min × tokens per query, per model.

Models the vendor gives no guidance for are always sized bottom-up. Results round **up** to whole requests and tokens.
For Azure, quota is granted per deployment in steps of 1,000 TPM, each 1,000 TPM bringing 6 RPM, so a deployment's
request is the larger of its TPM need and its RPM need × 1,000 ÷ 6, rounded up to the next 1,000. For OpenAI, the
smallest usage tier whose per-model limits cover every model is the answer; above the top tier, ask OpenAI for more.
"""
)
if est.loads:
    ld = est.loads[0]
    rpm500, tpm500, vol500 = (ld.per_500_users(x) for x in (ld.from_rpm, ld.from_tpm, ld.from_volume))
    parts = []
    if rpm500 is not None:
        parts.append(f"the RPM figure implies **{format_count(rpm500, 1)}** queries a minute per 500 users")
    if tpm500 is not None:
        parts.append(f"the TPM figure **{format_count(tpm500, 1)}**")
    parts.append(f"your volume assumptions **{format_count(vol500, 1)}**")
    st.markdown(f"At {format_count(ld.users)} users for {ld.model}: " + ", ".join(parts) + ". That is why RPM and TPM can disagree.")

for sentence in est.explanations:
    st.info(ui.md(sentence), icon=":material/info:")

st.header("Where the sources contradict themselves")
if p.discrepancies:
    for d in p.discrepancies:
        with st.container(border=True):
            st.markdown(f"**{d.topic}**")
            st.markdown(f"*The source says:* {d.says}")
            st.markdown(f"*We use:* {d.we_use}")
else:
    st.markdown("This profile's source states no contradictions we know of.")
for note in p.notes:
    st.markdown(f"- {note}")
st.caption(f"Source: [{p.source_url}]({p.source_url}), as of {p.as_of:%b %d, %Y}.")

st.header("The vendor's key or your own?")
st.markdown(
    "The seed page recommends the vendor's (Glean's) Azure OpenAI key for GPT-4, and lists what it brings. "
    "Your own key gives you the bill and the quota to manage:"
)
ui.static_table(
    [
        {"Topic": "Data retention", "Vendor's key": "0-day retention under the vendor's agreement with Azure",
         "Your own key": "Not the default on your own Azure OpenAI key: you must arrange it"},
        {"Topic": "Training on your data", "Vendor's key": "Not used to train custom models", "Your own key": "Per your own agreement with the provider"},
        {"Topic": "Encryption and compliance", "Vendor's key": "Encrypted in transit; Azure's compliance",
         "Your own key": "Your provider's terms and your own configuration"},
        {"Topic": "Capacity", "Vendor's key": "Guaranteed: no quota to worry about",
         "Your own key": f"You hold it: {format_count(lead.rpm)} RPM and {format_count(lead.tpm)} TPM for {lead.model} "
                         f"at {format_count(i.users)} users, plus the other models (see Capacity)"},
        {"Topic": "Model access", "Vendor's key": "All required models out of the box",
         "Your own key": "You request access to each: " + ", ".join(p.required_models)},
        {"Topic": "Optimisation", "Vendor's key": "The vendor tunes and adopts new models without changes on your side",
         "Your own key": "New models may need new deployments and quota from you"},
        {"Topic": "Spend", "Vendor's key": "No per-query cost to worry about (the seed's reason to recommend it)",
         "Your own key": f"About {cur.format(s.monthly)} a month ({cur.format_per_query(s.cost_per_query)} per query) at these inputs; "
                         "the source calls its per-query figure an estimate subject to change"},
    ]
)
st.caption("Vendor-key column: the seed page's 'Glean API Key vs BYO API Key' section (Oct 2023).")
