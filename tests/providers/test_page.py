"""The Validate key page in AppTest, against the provider double."""

from __future__ import annotations

import re
from pathlib import Path

from page_helpers import PAGE, page, result_table, submit_azure, submit_openai


def test_page_renders_forms_with_password_fields_and_usual_deployment_names():
    at = page()
    assert at.title[0].value == "Validate key"
    assert at.text_input(key="validate_openai_key").proto.type == 1  # password
    assert at.text_input(key="validate_azure_key").proto.type == 1
    assert at.text_input(key="validate_azure_dep_gpt-3.5-turbo").value == "gpt-35-turbo"
    assert at.text_input(key="validate_azure_dep_gpt-4").value == "gpt-4"
    assert all(k.startswith("validate_") for k in at.session_state.keys())


def test_openai_check_shows_the_table_and_hands_limits_to_capacity(key, openai_env):
    at = submit_openai(page(), key, org="org-double")
    assert not at.exception
    table = result_table(at)
    assert {"Status", "Check", "Code", "What it means / what to do"} <= set(table.columns)
    assert "key" in set(table["Check"]) and "model_retired" in set(table["Code"])
    assert at.session_state["key_check_limits"]["gpt-4"] == {"rpm": 10_000, "tpm": 300_000}
    assert any("sk-…Wxyz" in c.value for c in at.caption)
    assert at.status[0].proto is not None  # progress shown while running


def test_azure_check_with_a_missing_deployment_shows_the_fix(key, azure_env):
    at = submit_azure(page(), key, azure_env.url, {"gpt-4": "prod-gpt4"})
    table = result_table(at)
    row = table[table["Code"] == "deployment_not_found"].iloc[0]
    assert "prod-gpt4" in row["What it means / what to do"] and "Create a deployment" in row["What it means / what to do"]
    assert "fail" in at.subheader[0].value


def test_a_hostile_endpoint_is_refused_on_the_page(key, azure_env):
    at = submit_azure(page(), key, "169.254.169.254")
    assert list(result_table(at)["Code"]) == ["endpoint_not_allowed"]
    assert azure_env.connections == 0


def test_clear_removes_the_key_and_results(key, openai_env):
    at = submit_openai(page(), key)
    at.button(key="validate_clear").click()
    at.run()
    assert at.session_state["validate_openai_key"] == ""
    assert "validate_result" not in at.session_state
    assert not at.dataframe
    assert key not in repr(at.session_state.to_dict() if hasattr(at.session_state, "to_dict") else "")


def test_page_never_caches_or_links_the_key():
    source = Path(PAGE).read_text()
    assert not re.search(r"st\.cache_(data|resource)|query_params|unsafe_allow_html|st\.html", source)
    assert "import streamlit" not in Path(PAGE).parents[1].joinpath("byo_core/providers/openai.py").read_text()


def test_users_to_compare_default_to_the_link_and_the_planner_pages():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.query_params["users"] = "5000"
    at.run()
    assert at.number_input(key="validate_users").value == 5000
