"""Estimate (landing page): the headline spend and quota for the shared inputs."""

import streamlit as st

from byo_app import state, ui

state.page_setup()
from byo_core.currency import format_count
from byo_core.tables import BASIS_LABELS

est = state.current_estimate()
cur = state.currency()
s, lead = est.spend, est.headline_need

st.title("What will our own key cost, and what quota does it need?")
ui.source_caption(est)

st.subheader(f"Spend for {format_count(est.inputs.users)} users")
c1, c2, c3, c4 = st.columns(4)
c1.metric("Monthly spend", cur.format(s.monthly), help=f"{format_count(s.queries_per_month)} queries a month × cost per query")
c2.metric("Annual spend", cur.format(s.annual), help="12 × monthly spend")
c3.metric("Cost per query", cur.format_per_query(s.cost_per_query), help="Σ over the profile's models of tokens × list price")
c4.metric("Per user per month", "—" if s.per_user_monthly is None else cur.format(s.per_user_monthly))
ui.currency_note(cur)

basis = BASIS_LABELS[lead.tpm_basis] if lead.tpm_basis in BASIS_LABELS else lead.tpm_basis
st.subheader(f"Quota for {lead.model} ({lead.role})")
q1, q2, q3 = st.columns(3)
q1.metric(f"RPM ({lead.model})", format_count(lead.rpm), help=f"Requests per minute, basis: {lead.rpm_basis}")
q2.metric(f"TPM ({lead.model})", format_count(lead.tpm), help=f"Tokens per minute, basis: {lead.tpm_basis}")
if est.headline is not None:
    q3.metric("Sized for", f"{format_count(est.headline.sized_users)} users", help="Users the vendor's rule is applied to")
st.caption(f"Capacity basis: {basis}. Other models and every basis are on the Capacity page.")
for sentence in est.explanations:
    st.info(ui.md(sentence), icon=":material/info:")

st.subheader("What to ask for")
a1, a2 = st.columns(2)
with a1:
    st.markdown("**Azure OpenAI** — TPM to request per deployment")
    for a in est.azure:
        st.markdown(f"- {a.role} (`{a.model}`): **{format_count(a.request_tpm)} TPM**, brings {format_count(a.brings_rpm)} RPM")
with a2:
    st.markdown("**OpenAI** — usage tier")
    st.markdown(ui.md(est.openai.message))
st.page_link("pages/capacity.py", label="Capacity details, charts and headroom", icon=":material/speed:")

st.subheader("Share or export this estimate")
st.markdown("This link reproduces the estimate on any page (it carries the inputs only, never a key):")
# A plain link, not st.code: the code block pulls in Streamlit's syntax highlighter,
# which delayed the first paint of the headline by about 0.5 s (docs/operations.md).
url = state.share_url()
st.markdown(f"[{url}]({url})")
ui.downloads(est, cur, key="estimate_download")
