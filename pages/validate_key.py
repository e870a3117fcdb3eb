"""Validate key: does an OpenAI or Azure OpenAI key work, reach every required
model and carry enough quota for our users?

This page only gathers input and shows what byo_core.providers returns. The
key lives only in this session's st.session_state (the password widget's own
key): never in st.cache_*, query parameters, logs or any element but the
password input. "Clear" removes it. The limits found (never the key) go to the
Capacity page as st.session_state["key_check_limits"].
"""

from __future__ import annotations

import asyncio

import streamlit as st

from byo_app import state
from byo_core.errors import PlannerError
from byo_core.providers import check_azure, check_openai, mask_key, required_models, usual_deployments

KEY_FIELDS = ("validate_openai_key", "validate_azure_key")
STATUS_LABEL = {"pass": "✅ pass", "warn": "⚠️ warn", "fail": "❌ fail", "skip": "➖ skip"}


def _clear() -> None:
    for name in (*KEY_FIELDS, "validate_result", "validate_masked_key"):
        st.session_state.pop(name, None)


def _run(provider: str, coro_factory, key: str) -> None:
    """Run one check with progress; keep the result and the masked key, never the key."""
    label = "OpenAI" if provider == "openai" else "Azure OpenAI"
    with st.status(f"Checking the {label} key…", expanded=False) as status:
        try:
            result = asyncio.run(coro_factory())
        except PlannerError as err:
            status.update(label="The check could not run", state="error")
            st.error(str(err))
            return
        state = "error" if result.status == "fail" else "complete"
        status.update(label=f"{label} key checked: {result.status}", state=state)
    st.session_state["validate_result"] = result
    st.session_state["validate_masked_key"] = mask_key(key)
    if result.limits:
        st.session_state["key_check_limits"] = {m: dict(v) for m, v in result.limits.items()}


state.leave_pages_directory_mode()

st.title("Validate key")
st.caption(
    "Checks that a key authenticates, reaches every model the assistant needs and has enough rate limit "
    "for your users. The key is sent only to the provider, only in its auth header, and stays only in "
    "this browser session until you press Clear."
)

try:
    models = required_models()
except PlannerError as err:
    st.error(f"The model list could not be loaded: {err}")
    st.stop()

st.session_state.setdefault("validate_users", state.planned_users())
for model_id, usual in usual_deployments(models).items():
    st.session_state.setdefault(f"validate_azure_dep_{model_id}", usual)

users = st.number_input(
    "Users to compare the limits with", min_value=0, max_value=10_000_000, step=100, key="validate_users"
)

tab_openai, tab_azure = st.tabs(["OpenAI", "Azure OpenAI"])
with tab_openai:
    with st.form("validate_openai_form"):
        st.text_input("OpenAI API key", type="password", key="validate_openai_key", placeholder="sk-…")
        st.text_input("Organization ID (optional)", key="validate_openai_org", placeholder="org-…")
        st.text_input("Project ID (optional)", key="validate_openai_project", placeholder="proj_…")
        run_openai = st.form_submit_button("Check OpenAI key", type="primary", key="validate_openai_submit")
with tab_azure:
    with st.form("validate_azure_form"):
        st.text_input("Azure OpenAI key (KEY 1)", type="password", key="validate_azure_key")
        st.text_input(
            "Endpoint", key="validate_azure_endpoint", placeholder="my-resource.openai.azure.com",
            help="The resource name or its endpoint from Keys and Endpoint; https is added for you.",
        )
        st.markdown("**Deployment name per required model** (pre-filled with the usual names)")
        for m in models:
            st.text_input(f"{m.id} ({m.role})", key=f"validate_azure_dep_{m.id}")
        run_azure = st.form_submit_button("Check Azure key", type="primary", key="validate_azure_submit")

st.button("Clear", key="validate_clear", on_click=_clear, help="Removes the keys and the results from this session.")

if run_openai:
    key = st.session_state.get("validate_openai_key", "")
    org = st.session_state.get("validate_openai_org", "").strip() or None
    project = st.session_state.get("validate_openai_project", "").strip() or None
    _run("openai", lambda: check_openai(key, org=org, project=project, users=int(users)), key)
elif run_azure:
    key = st.session_state.get("validate_azure_key", "")
    endpoint = st.session_state.get("validate_azure_endpoint", "")
    deployments = {m.id: st.session_state.get(f"validate_azure_dep_{m.id}", "") for m in models}
    _run("azure", lambda: check_azure(key, endpoint, deployments, users=int(users)), key)

result = st.session_state.get("validate_result")
if result is not None:
    st.subheader(f"Result: {STATUS_LABEL[result.status]}")
    st.caption(f"Key checked: {st.session_state.get('validate_masked_key', '')} ({result.provider})")
    rows = [
        {"Status": STATUS_LABEL[r["status"]], "Check": r["check"], "Code": r["code"], "What it means / what to do": r["message"], "Figures": r["figures"]}
        for r in result.rows()
    ]
    st.dataframe(rows, hide_index=True, width="stretch")
    # The table truncates long text: spell out every problem and its fix in full.
    for r in result.rows():
        if r["status"] == "fail":
            st.error(f"**{r['check']}** (`{r['code']}`): {r['message']}")
        elif r["status"] == "warn":
            st.warning(f"**{r['check']}** (`{r['code']}`): {r['message']}")
    if result.limits:
        st.info("The limits found were handed to the Capacity page's headroom (the key was not).")
