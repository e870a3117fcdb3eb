"""Turning raw values (CLI flags, link parameters, widgets) into PlanInputs.

Pydantic's own messages are rewritten as ``InputError`` naming the field,
the value and what is allowed, so every caller shows the same plain sentence.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from .errors import InputError
from .models import PlanInputs

ALLOWED = {
    "users": "a whole number of users from 0 to 10,000,000",
    "profile": "a profile id (see `byo-planner profiles`)",
    "basis": "one of: published, linear, bottom-up",
    "round_blocks": "true or false",
    "queries_per_user_per_day": "a number of queries from 0 to 1,000",
    "working_days": "a whole number of working days per month from 1 to 31",
    "business_hours": "hours per working day, more than 0 and at most 24",
    "peak_factor": "a peak factor from 1 to 100",
    "active_share": "a share of users above 0 and at most 1 (100%)",
    "peak_qpm_per_user": "peak queries per minute per user, above 0 and at most 100, or nothing",
    "price_set": "a price set id, or nothing for the profile's own prices",
}


def make_inputs(**values: Any) -> PlanInputs:
    """PlanInputs from keyword values, or the first problem as an InputError."""
    try:
        return PlanInputs(**values)
    except ValidationError as err:
        first = err.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "inputs"
        allowed = ALLOWED.get(field, first["msg"])
        raise InputError(field, first.get("input"), allowed) from None
