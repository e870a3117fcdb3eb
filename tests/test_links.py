"""Shareable links: the query-parameter contract of byo_core.links."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import byo_core as b
from byo_core import links


def test_all_nine_parameters_round_trip():
    inputs = b.make_inputs(users=8000, basis="linear", queries_per_user_per_day="3.5", working_days=20,
                           business_hours="7.5", peak_factor="2.5", active_share="0.8", round_blocks=False)
    params = links.params_from_inputs(inputs)
    assert list(params) == ["users", "profile", "basis", "queries_per_day", "working_days", "business_hours",
                            "peak_factor", "active_share", "round_blocks"]
    assert params["queries_per_day"] == "3.5" and params["round_blocks"] == "false" and params["basis"] == "linear"
    back, warnings = links.inputs_from_params(params)
    assert back == inputs and warnings == []


def test_missing_parameters_take_defaults():
    inputs, warnings = links.inputs_from_params({"users": "20000"})
    assert inputs == b.make_inputs(users=20000) and warnings == []


@pytest.mark.parametrize(
    ("param", "bad"),
    [("users", "lots"), ("users", "-5"), ("basis", "gut-feeling"), ("profile", "no-such-profile"),
     ("working_days", "40"), ("business_hours", "0"), ("peak_factor", "0.5"), ("active_share", "1.5"),
     ("round_blocks", "maybe"), ("queries_per_day", "nan")],
)
def test_a_bad_value_falls_back_with_a_warning_naming_the_parameter(param, bad):
    inputs, warnings = links.inputs_from_params({param: bad, "users": "5000" if param != "users" else bad})
    assert [w.param for w in warnings] == [param]
    assert f"`{param}`" in warnings[0].message and repr(bad) in warnings[0].message
    default = links.params_from_inputs(b.PlanInputs())[param]
    assert links.params_from_inputs(inputs)[param] == default
    if param != "users":
        assert inputs.users == 5000  # the good parameters still apply


def test_repeated_parameter_uses_the_last_value_and_unknown_ones_are_ignored():
    inputs, warnings = links.inputs_from_params({"users": ["10", "20"], "api_key": "sk-nope"})
    assert inputs.users == 20 and warnings == []
    assert "api_key" not in links.query_string(inputs) and "sk-" not in links.query_string(inputs)


def test_widget_floats_become_clean_decimals():
    inputs = links.inputs_from_widgets({"active_share": 0.1 + 0.2, "business_hours": 8.0})
    assert inputs.active_share == Decimal("0.3") and inputs.business_hours == Decimal("8")
    with pytest.raises(b.InputError, match="peak_factor"):
        links.inputs_from_widgets({"peak_factor": 0.5})
    with pytest.raises(b.InputError, match="link parameters"):
        links.inputs_from_widgets({"key": "sk-x"})


@given(st.dictionaries(st.sampled_from(list(links.PARAMS) + ["x"]), st.text(max_size=12), max_size=6))
def test_any_query_gives_inputs_never_a_crash(params):
    inputs, warnings = links.inputs_from_params(params)
    assert isinstance(inputs, b.PlanInputs)
    assert {w.param for w in warnings} <= set(params)
