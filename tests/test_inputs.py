"""Bad input raises one typed error naming the field, the value and what is allowed."""

import pytest

from byo_core import InputError, PlannerError, UnknownProfileError, estimate, make_inputs


@pytest.mark.parametrize(
    "field, value, allowed",
    [
        ("users", -1, "whole number of users"),
        ("users", 2.5, "whole number of users"),
        ("users", "many", "whole number of users"),
        ("working_days", 0, "1 to 31"),
        ("business_hours", float("nan"), "at most 24"),
        ("peak_factor", float("inf"), "from 1 to 100"),
        ("active_share", 1.5, "at most 1"),
        ("active_share", 0, "above 0"),
        ("queries_per_user_per_day", -2, "from 0"),
        ("basis", "vibes", "published, linear, bottom-up"),
    ],
)
def test_bad_value_names_field_value_and_allowed(field, value, allowed):
    with pytest.raises(InputError) as err:
        make_inputs(**{field: value})
    assert err.value.field == field
    assert allowed in str(err.value) and field in str(err.value)
    assert isinstance(err.value, PlannerError)


def test_unknown_profile_is_a_planner_error():
    with pytest.raises(UnknownProfileError, match="'gpt-99-profile'"):
        estimate(make_inputs(profile="gpt-99-profile"))


def test_unknown_field_is_refused():
    with pytest.raises(InputError, match="user_count"):
        make_inputs(user_count=5)


def test_strings_from_forms_and_links_are_accepted():
    i = make_inputs(users="1000", active_share="0.5", round_blocks="false")
    assert (i.users, str(i.active_share), i.round_blocks) == (1000, "0.5", False)
