"""BYO Key Planner — router only: page config and navigation.

Each planner page starts with ``state.page_setup()``, which draws the shared
inputs in the sidebar; their values live in session state (see byo_app/state.py).
"""

from pathlib import Path

import streamlit as st

from byo_app import state

HERE = Path(__file__).parent

st.set_page_config(page_title="BYO Key Planner", page_icon="🔑", layout="wide")

pages = [
    st.Page("pages/estimate.py", title="Estimate", icon=":material/calculate:", default=True),
    st.Page("pages/spend.py", title="Spend", icon=":material/payments:"),
    st.Page("pages/capacity.py", title="Capacity", icon=":material/speed:"),
]
# Pages built by other issues join the menu when their file exists.
if (HERE / "pages/validate_key.py").exists():
    pages.append(st.Page("pages/validate_key.py", title="Check your key", icon=":material/vpn_key:"))
if (HERE / "pages/compare.py").exists():
    pages.append(st.Page("pages/compare.py", title="Compare", icon=":material/compare_arrows:"))
pages.append(st.Page("pages/how_it_works.py", title="How the numbers work", icon=":material/menu_book:"))

page = st.navigation(pages, position="top")
state.init()  # the first run of a session reads the link, whichever page it opens
state.sync_url()
if page.url_path in ("validate_key", "compare"):
    state.show_link_warnings()  # planner pages draw these (and the shared inputs) via state.page_setup()
page.run()
