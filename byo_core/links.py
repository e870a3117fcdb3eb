"""Shareable links: query parameters ↔ ``PlanInputs`` (README, 'Link parameters').

The contract (stable; a change is a breaking change):

=================  ============================  ==========================
parameter          PlanInputs field              example
=================  ============================  ==========================
users              users                         8000
profile            profile                       glean-gpt4-2023-10
basis              basis                         published | linear | bottom-up
queries_per_day    queries_per_user_per_day      2
working_days       working_days                  21
business_hours     business_hours                8
peak_factor        peak_factor                   2
active_share       active_share                  1 (a share 0–1, not a percentage)
round_blocks       round_blocks                  true | false
=================  ============================  ==========================

Every parameter is optional. Each is checked on its own by the same pydantic
model the widgets use (``make_inputs``); a bad value falls back to its
default and yields a ``LinkWarning`` naming the parameter. Unknown parameters
are ignored. Links never carry key material: only these nine are written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from .catalog import Catalog, load_catalog
from .errors import InputError, PlannerError
from .inputs import ALLOWED, make_inputs
from .models import PlanInputs
from .numbers import money_str

PARAMS: dict[str, str] = {
    "users": "users",
    "profile": "profile",
    "basis": "basis",
    "queries_per_day": "queries_per_user_per_day",
    "working_days": "working_days",
    "business_hours": "business_hours",
    "peak_factor": "peak_factor",
    "active_share": "active_share",
    "round_blocks": "round_blocks",
}
"""Link parameter → PlanInputs field, in the order links are written."""


@dataclass(frozen=True)
class LinkWarning:
    param: str
    value: str
    default: str

    @property
    def message(self) -> str:
        field = PARAMS[self.param]
        return (
            f"Link parameter `{self.param}`: {self.value!r} is not allowed ({ALLOWED.get(field, 'see the README')}); "
            f"using the default, {self.default}."
        )


def _text(field: str, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return money_str(value)
    if hasattr(value, "value"):  # Basis
        return str(value.value)
    return str(value)


def _last(value: str | Sequence[str]) -> str:
    if isinstance(value, str):
        return value
    return str(value[-1]) if value else ""


def inputs_from_params(
    params: Mapping[str, str | Sequence[str]], catalog: Catalog | None = None
) -> tuple[PlanInputs, list[LinkWarning]]:
    """PlanInputs from a link's query parameters, and a warning per bad one.

    A repeated parameter counts by its last value (as ``st.query_params`` does).
    """
    defaults = PlanInputs()
    accepted: dict[str, Any] = {}
    warnings: list[LinkWarning] = []
    for param, field in PARAMS.items():
        if param not in params:
            continue
        raw = _last(params[param]).strip()
        default = _text(field, getattr(defaults, field))
        try:
            make_inputs(**{field: raw})
            if field == "profile":
                (catalog or load_catalog()).profile(raw)
        except PlannerError:  # InputError, UnknownProfileError: both fall back the same way
            warnings.append(LinkWarning(param, raw, default))
            continue
        accepted[field] = raw
    return make_inputs(**accepted), warnings


def params_from_inputs(inputs: PlanInputs) -> dict[str, str]:
    """The nine link parameters for these inputs, as strings (all of them, always)."""
    return {param: _text(field, getattr(inputs, field)) for param, field in PARAMS.items()}


def query_string(inputs: PlanInputs) -> str:
    """'users=8000&profile=…' — append to the app's URL after '?'."""
    return urlencode(params_from_inputs(inputs))


def inputs_from_widgets(values: Mapping[str, Any]) -> PlanInputs:
    """PlanInputs from widget values keyed by link parameter name.

    Widgets hand over floats; they go through ``str`` after rounding to six
    places, so 0.1 + 0.2 from a stepper becomes Decimal('0.3'), not a binary tail.
    Raises ``InputError`` naming the field, like every other entry point.
    """
    fields: dict[str, Any] = {}
    for param, value in values.items():
        if param not in PARAMS:
            raise InputError(param, value, f"one of the link parameters: {', '.join(PARAMS)}")
        if isinstance(value, float):
            value = Decimal(f"{value:.6f}").normalize()
        fields[PARAMS[param]] = value
    return make_inputs(**fields)
