"""AppTests for pages/compare.py: standalone (AppTest.from_file) and under the app's router."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "pages" / "compare.py"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def standalone() -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.run()
    return at


def metrics(at):
    return {m.label: (m.value, m.delta) for m in at.metric}


def shown(at) -> str:
    parts = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "subheader", "title"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


def clean(at):
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_standalone_default_compares_2023_with_agentic_engine_2():
    at = standalone()
    clean(at)
    m = metrics(at)
    assert m["glean-gpt4-2023-10 — monthly"] == ("$6,506.77", "")
    assert m["glean-ae2-azure-2026 — monthly"] == ("$1,527.75", "-$4,979.02 vs baseline")
    assert len(at.dataframe) == 2


def test_done_when_agentic_engine_2_on_azure_at_5000_users_beside_2023():
    at = standalone()
    at.number_input(key="compare_users_0").set_value(5000).run()
    at.number_input(key="compare_users_1").set_value(5000).run()
    clean(at)
    m = metrics(at)
    assert m["TPM (gpt-5.1, agentic model (high capacity))"][0] == "1,245,000"
    assert m["RPM (gpt-5.1, agentic model (high capacity))"][0] == "65"
    assert m["glean-ae2-azure-2026 — monthly"] == ("$7,638.75", "-$24,895.08 vs baseline")
    assert m["TPM (gpt-4, answer generation)"][0] == "250,000"
    text = shown(at)
    assert "STALE" in text  # the 2023 prices, flagged
    assert "genai-prices-azure, as of 2026-11-03" in text


def test_a_profile_whose_cost_does_not_reproduce_says_so():
    at = standalone()
    at.selectbox(key="compare_profile_1").set_value("glean-claude-vertex-2026").run()
    clean(at)
    text = shown(at)
    assert r"\$0.13429 more than printed" in text
    assert "states no currency" in text


def test_price_set_choices_are_only_sets_that_price_the_profile():
    at = standalone()
    at.selectbox(key="compare_profile_1").set_value("glean-gemini-vertex-fast-2026").run()
    clean(at)
    assert at.selectbox(key="compare_prices_1").options == ["genai-prices-google"]
    assert at.selectbox(key="compare_prices_0").options[0] == "openai-list-2023-10"
    at.selectbox(key="compare_prices_0").set_value("genai-prices-openai").run()
    clean(at)
    assert "glean-gpt4-2023-10 @ genai-prices-openai — monthly" in metrics(at)


def test_three_scenarios():
    at = standalone()
    at.segmented_control(key="compare_count").set_value(3).run()
    clean(at)
    assert "glean-claude-vertex-2026 — monthly" in metrics(at)


@pytest.mark.skipif(not (ROOT / "app.py").exists(), reason="the router is another issue's")
def test_under_the_router_uses_the_shared_inputs():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["users"] = "5000"  # a shared link's inputs
    at.run()
    at.switch_page("pages/compare.py").run()
    clean(at)
    m = metrics(at)
    assert m["TPM (gpt-5.1, agentic model (high capacity))"][0] == "1,245,000"
