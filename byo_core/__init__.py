"""BYO Key Planner's core: spend, quota and key readiness for an assistant on your own key.

No streamlit here: the same calls serve the app, the CLI and notebooks.

    >>> from byo_core import estimate, make_inputs
    >>> est = estimate(make_inputs(users=10_000))
    >>> est.headline_need.rpm, est.headline_need.tpm
    (1500, 350000)
"""

from .capacity import GuidedNeed, ImpliedLoad, ModelNeed, RoleNeed
from .catalog import Catalog, load_catalog, load_catalog_from
from .cost import ModelCost, Spend, StageCost
from .errors import (
    DataError,
    InputError,
    PlannerError,
    PriceNotFoundError,
    ProviderError,
    UnknownModelError,
    UnknownProfileError,
)
from .estimate import Estimate, estimate
from .headroom import headroom, users_within_budget
from .inputs import make_inputs
from .inverse import users_for_budget, users_for_quota
from .models import DEFAULT_PROFILE_ID, Basis, PlanInputs, Profile
from .quota import AzureRequest, Headroom, TierAdvice

# The sweeps need pandas and numpy (~0.4 s to import): loaded on first use, so a caller that only
# estimates (the app's Estimate page, the CLI) never pays for them.
_LAZY = {"published_points": "sweep", "quota_curve": "sweep", "spend_curve": "sweep"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "AzureRequest", "Basis", "Catalog", "DataError", "DEFAULT_PROFILE_ID", "Estimate", "GuidedNeed",
    "Headroom", "ImpliedLoad", "InputError", "ModelCost", "ModelNeed", "PlanInputs", "PlannerError",
    "PriceNotFoundError", "Profile", "ProviderError", "RoleNeed", "Spend", "StageCost", "TierAdvice",
    "UnknownModelError", "UnknownProfileError", "estimate", "load_catalog", "load_catalog_from",
    "headroom", "make_inputs", "published_points", "quota_curve", "spend_curve", "users_for_budget",
    "users_for_quota", "users_within_budget",
]
