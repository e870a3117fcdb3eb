"""AppTest helpers: open the real app.py router as a browser would, read what it shows."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
if str(ROOT) not in sys.path:  # `streamlit run` puts the app's folder on sys.path; so do we
    sys.path.insert(0, str(ROOT))

MY_PAGES = ["pages/estimate.py", "pages/spend.py", "pages/capacity.py", "pages/how_it_works.py"]
OTHER_PAGES = [p for p in ("pages/validate_key.py", "pages/compare.py") if (ROOT / p).exists()]
ALL_PAGES = MY_PAGES + OTHER_PAGES

TIMEOUT = 60  # generous: the machine is shared; no assertion depends on time


def open_page(page: str = "pages/estimate.py", query: dict[str, str] | None = None, state: dict | None = None) -> AppTest:
    """Open ``page`` the way a browser would: the router runs first, with the link's query."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update(query or {})
    for k, v in (state or {}).items():
        at.session_state[k] = v
    at.run()
    if page != "pages/estimate.py":
        at.switch_page(page).run()
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def texts(at: AppTest) -> str:
    """Every text-like element on the page, joined, for 'is this sentence shown' checks."""
    parts = []
    for kind in ("markdown", "caption", "info", "warning", "success", "error", "title", "subheader", "header", "code"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
