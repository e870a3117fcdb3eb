"""The baseline page: one number input and one metric, nothing else."""

import streamlit as st

users = st.number_input("Users", min_value=0, max_value=10_000_000, value=1000, step=500, key="bare_users")
st.metric("Bare metric", f"{users * 2:,}")
