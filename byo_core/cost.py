"""Spend: cost per query per model, and per month and year (DESIGN.md §3.5).

cost per query = Σ stages (input × p_in + cached × p_cached + output × p_out) / 1e6
queries per month = users × active share × queries per user per day × working days
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .catalog import Catalog
from .errors import DataError
from .models import PlanInputs, PriceRow, Profile, Stage
from .numbers import MILLION


@dataclass(frozen=True)
class StageCost:
    role: str
    model: str
    usd_per_query: Decimal
    price: PriceRow
    published_usd_per_query: Decimal | None
    cached_priced_as_input: bool
    """True when the price set has no cached-input price and full price was charged."""


@dataclass(frozen=True)
class ModelCost:
    model: str
    usd_per_query: Decimal
    share: Decimal
    """Fraction of the cost per query, 0–1."""


@dataclass(frozen=True)
class Spend:
    cost_per_query: Decimal
    queries_per_month: Decimal
    monthly: Decimal
    annual: Decimal
    per_user_monthly: Decimal | None


def stage_cost(s: Stage, price: PriceRow) -> StageCost:
    cached_price = price.cached_input_usd_per_1m
    fallback = cached_price is None and s.cached_input_tokens > 0
    if cached_price is None:
        cached_price = price.input_usd_per_1m
    if s.output_tokens and price.output_usd_per_1m is None:
        raise DataError("prices", f"{s.model!r} has output tokens but no output price in {price.price_set!r}", field="output_usd_per_1m")
    usd = (
        s.input_tokens * price.input_usd_per_1m
        + s.cached_input_tokens * cached_price
        + s.output_tokens * (price.output_usd_per_1m or 0)
    ) / MILLION
    return StageCost(s.role, s.model, usd, price, s.published_cost_per_query_usd, fallback)


def stage_costs(profile: Profile, catalog: Catalog, price_set: str | None = None) -> list[StageCost]:
    ps = price_set or profile.price_set
    return [stage_cost(s, catalog.price(ps, s.model)) for s in profile.stages]


def by_model(costs: list[StageCost]) -> list[ModelCost]:
    total = sum((c.usd_per_query for c in costs), Decimal(0))
    acc: dict[str, Decimal] = {}
    for c in costs:
        acc[c.model] = acc.get(c.model, Decimal(0)) + c.usd_per_query
    return [ModelCost(m, usd, usd / total if total else Decimal(0)) for m, usd in acc.items()]


def queries_per_month(inputs: PlanInputs) -> Decimal:
    return inputs.users * inputs.active_share * inputs.queries_per_user_per_day * inputs.working_days


def spend(inputs: PlanInputs, cost_per_query: Decimal) -> Spend:
    q = queries_per_month(inputs)
    monthly = q * cost_per_query
    return Spend(
        cost_per_query=cost_per_query,
        queries_per_month=q,
        monthly=monthly,
        annual=12 * monthly,
        per_user_monthly=monthly / inputs.users if inputs.users else None,
    )
