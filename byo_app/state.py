"""Shared inputs across pages, kept in session state and mirrored in the URL.

Canonical values live in non-widget keys (``plan_inputs``, ``currency``,
``price_overrides``) because Streamlit forgets the keys of widgets that are not
drawn on the current page. Shared input widgets use ``inputs_*`` keys and are
drawn in the sidebar by every planner page (``page_setup``); a page that does
not draw them (the key check) lets Streamlit drop those keys, and they are
restored from ``plan_inputs`` on return. Page widgets use ``<page>_*`` keys and go
through ``sticky`` so their values survive a visit to another page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

import byo_core as b
from byo_core import links
from byo_core.catalog import Catalog
from byo_core.currency import USD, Currency
from byo_core.models import Basis, PlanInputs
from byo_core.tables import BASIS_LABELS

PLAN = "plan_inputs"
LINK_WARNINGS = "link_warnings"
CURRENCY = "currency"
PRICES = "price_overrides"
"""List of edited PriceRow (empty: published prices)."""
KEY_CHECK_LIMITS = "key_check_limits"
"""Written by the key-check page: {model_id: {"rpm": int | None, "tpm": int | None}}."""

INPUT_KEYS = {param: f"inputs_{param}" for param in links.PARAMS}

T = TypeVar("T")


def init() -> None:
    """First run of a session: inputs from the link; every run: defaults for the rest."""
    ss = st.session_state
    if PLAN not in ss:
        try:
            inputs, warnings = links.inputs_from_params(st.query_params.to_dict())
        except b.PlannerError as err:
            st.error(str(err))
            st.stop()
        ss[PLAN] = inputs
        ss[LINK_WARNINGS] = [w.message for w in warnings]
    ss.setdefault(CURRENCY, USD)
    ss.setdefault(PRICES, [])


def planned_users() -> int:
    """Users for a page that does not draw the shared inputs: the planner's, else a link's, else the default."""
    plan = st.session_state.get(PLAN)
    if plan is not None:
        return plan.users
    return links.inputs_from_params(st.query_params.to_dict())[0].users


def leave_pages_directory_mode() -> None:
    """Make Streamlit run app.py (st.navigation) even for a deep link to a fresh server.

    Streamlit 1.67 starts a process in its old "pages/ directory" mode because
    pages/ exists, and leaves it only once app.py has called st.navigation.
    Until someone opens "/", a link such as /capacity?users=… would run this
    page directly: no page config, file names as the menu. Switching the
    process-wide flag and rerunning puts the session on app.py's navigation.
    """
    try:
        from streamlit import config
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a later Streamlit without the flag
        return
    # AppTest resets the flag before every run on purpose; there the rerun would only eat button clicks.
    if PagesManager.uses_pages_directory and not config.get_option("global.appTest"):
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_setup() -> None:
    """Top of every planner page: state, the shared inputs in the sidebar, the URL, link warnings."""
    leave_pages_directory_mode()
    init()
    sidebar_inputs()
    sync_url()
    show_link_warnings()


def plan() -> PlanInputs:
    return st.session_state[PLAN]


def currency() -> Currency:
    return st.session_state[CURRENCY]


def catalog() -> Catalog:
    """The data/ catalog, with the prices edited on the Spend page if any."""
    base = b.load_catalog()
    edits = st.session_state.get(PRICES) or []
    return base.with_prices(edits) if edits else base


def guarded(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call into byo_core; a PlannerError becomes a plain message and the page stops."""
    try:
        return fn(*args, **kwargs)
    except b.PlannerError as err:
        st.error(str(err))
        st.stop()
        raise  # unreachable: st.stop() raises


def current_estimate() -> b.Estimate:
    return guarded(lambda: b.estimate(plan(), catalog()))


def _widget_values(p: PlanInputs) -> dict[str, Any]:
    """Widget values for these inputs (floats only here, at the display edge)."""
    return {
        "users": p.users,
        "profile": p.profile,
        "basis": p.basis.value,
        "queries_per_day": float(p.queries_per_user_per_day),
        "working_days": p.working_days,
        "business_hours": float(p.business_hours),
        "peak_factor": float(p.peak_factor),
        "active_share": float(p.active_share),
        "round_blocks": p.round_blocks,
    }


def sidebar_inputs() -> None:
    """The shared inputs, drawn in the sidebar of every page; updates ``plan_inputs``."""
    ss = st.session_state
    for param, value in _widget_values(plan()).items():
        key = INPUT_KEYS[param]
        # Re-assign on every run: a widget drawn by another page has another id, and
        # Streamlit would give the new one its default; an assigned value carries over.
        ss[key] = ss[key] if key in ss else value
    try:
        cat = b.load_catalog()
    except b.PlannerError as err:
        st.error(str(err))
        st.stop()
    profiles = list(cat.profiles)
    if ss[INPUT_KEYS["profile"]] not in profiles:
        ss[INPUT_KEYS["profile"]] = plan().profile if plan().profile in profiles else profiles[0]
    k = INPUT_KEYS
    with st.sidebar:
        st.subheader("Your organisation")
        st.number_input("Users", min_value=0, max_value=10_000_000, step=500, key=k["users"],
                        help="People who will have the assistant. 0 to 10,000,000.")
        st.selectbox("Assistant profile", profiles, key=k["profile"], format_func=lambda pid: cat.profiles[pid].name,
                     help="A published architecture: models, calls and tokens per query, and the vendor's capacity guidance.")
        st.number_input("Queries per user per working day", min_value=0.0, max_value=1000.0, step=0.5, format="%.2f",
                        key=k["queries_per_day"], help="Drives spend and bottom-up quota. The seed's ≈0.004 queries/min per user over 8 hours is about 2.")
        with st.expander("Assumptions", expanded=False):
            st.radio("Capacity basis", [x.value for x in Basis], key=k["basis"], format_func=lambda v: BASIS_LABELS[v],
                     help="Published: through the vendor's examples. Rule: 75 RPM / 25,000 TPM per 500 users, straight. Bottom-up: from your query volume.")
            st.checkbox("Round users up to whole 500-user blocks", key=k["round_blocks"])
            st.number_input("Working days per month", min_value=1, max_value=31, step=1, key=k["working_days"])
            st.number_input("Business hours per day", min_value=0.5, max_value=24.0, step=0.5, format="%.1f", key=k["business_hours"])
            st.number_input("Peak factor", min_value=1.0, max_value=100.0, step=0.25, format="%.2f", key=k["peak_factor"],
                            help="Busiest minute ÷ average minute of the working day.")
            st.number_input("Active share of users (0–1)", min_value=0.01, max_value=1.0, step=0.05, format="%.2f",
                            key=k["active_share"], help="1.00 = every user queries every working day.")
        try:
            ss[PLAN] = links.inputs_from_widgets({param: ss[key] for param, key in k.items()})
        except b.PlannerError as err:
            st.error(f"{err} — the estimate keeps your last valid inputs.")


def sync_url() -> None:
    """Make the address bar carry the current inputs (only the nine link parameters)."""
    want = links.params_from_inputs(plan())
    if any(st.query_params.get(k) != v for k, v in want.items()):
        st.query_params.update(want)


def show_link_warnings() -> None:
    msgs = st.session_state.get(LINK_WARNINGS) or []
    if not msgs:
        return
    for m in msgs:
        st.warning(m, icon="⚠️")
    if st.button("Dismiss link warnings", key="inputs_dismiss_link_warnings"):
        st.session_state[LINK_WARNINGS] = []
        st.rerun()


def sticky(key: str, default: Any) -> str:
    """A page widget key whose value survives visits to other pages.

    Call as ``st.number_input(..., key=sticky("spend_budget", 50_000.0))`` and
    then ``remember("spend_budget")`` after the widget is drawn.
    """
    ss = st.session_state
    ss[key] = ss[key] if key in ss else ss.get(f"_saved_{key}", default)
    return key


def remember(key: str) -> Any:
    value = st.session_state.get(key)
    st.session_state[f"_saved_{key}"] = value
    return value


def share_url() -> str:
    """This app's address with the current link parameters."""
    url = st.context.url or ""
    base = url.split("?", 1)[0] if url else ""
    return f"{base}?{links.query_string(plan())}"
