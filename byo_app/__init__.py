"""Streamlit glue shared by the pages: session state, shared inputs, link sync, small renderers.

No arithmetic lives here: every figure comes from ``byo_core``.
"""
