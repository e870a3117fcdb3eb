"""Typed shapes of what users and data files supply.

Pydantic models with ``extra="forbid"`` validate everything that comes from
outside (data/ files, the CLI, links, widgets); the engine's results are plain
frozen dataclasses (see ``results.py``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

DEFAULT_PROFILE_ID = "glean-gpt4-2023-10"

Tokens = Annotated[int, Field(ge=0)]
Usd = Annotated[Decimal, Field(ge=0, allow_inf_nan=False)]


class Basis(str, Enum):
    """How the quota need of a profile's guided model is sized."""

    PUBLISHED = "published"  # through the vendor's published examples
    LINEAR = "linear"  # the per-500-users rule, straight
    BOTTOM_UP = "bottom-up"  # from query volume and tokens per query


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- data files -------------------------------------------------------------


class Stage(_Strict):
    """One model role in a profile: what it calls and spends per query."""

    role: str
    model: str
    calls_per_query: Annotated[Decimal, Field(ge=0, allow_inf_nan=False)]
    input_tokens: Tokens
    """Full-price input tokens per query, summed over the calls."""
    cached_input_tokens: Tokens = 0
    output_tokens: Tokens = 0
    published_cost_per_query_usd: Usd | None = None
    """The cost the source prints for this role, to reconcile against."""
    published_cost_as_printed: str | None = None
    published_cost_currency_stated: bool = True
    """False when the source prints the cost with no currency: it is read as USD, and the app says so."""
    assumed: list[Literal["calls_per_query", "input_tokens", "cached_input_tokens", "output_tokens"]] = []
    """Fields of this stage the source does not publish: our stated assumptions (see the profile's notes)."""


class PublishedPoint(_Strict):
    users: Annotated[int, Field(gt=0)]
    rpm: Annotated[int, Field(ge=0)] | None = None
    tpm: Annotated[int, Field(ge=0)] | None = None


class PerBlockRule(_Strict):
    """'N RPM and M TPM for every B users'."""

    block_users: Annotated[int, Field(gt=0)] = 500
    rpm: Annotated[int, Field(ge=0)] | None = None
    tpm: Annotated[int, Field(ge=0)] | None = None
    as_stated: str


class Guidance(_Strict):
    """Capacity guidance the vendor publishes for one model role."""

    role: str
    model: str
    rule: PerBlockRule | None = None
    examples: list[PublishedPoint] = []
    block_users: Annotated[int, Field(gt=0)] = 500
    """Users are sized up to a multiple of this when block rounding is on."""
    title: str = ""

    @model_validator(mode="after")
    def _has_figures(self) -> Guidance:
        if self.rule is None and not self.examples:
            raise ValueError("guidance needs a per-block rule, published examples, or both")
        users = [p.users for p in self.examples]
        if users != sorted(set(users)):
            raise ValueError("published examples must be in increasing order of users, each once")
        return self


class Discrepancy(_Strict):
    """Where a published source contradicts itself, and what we do about it."""

    topic: str
    says: str
    we_use: str


class Profile(_Strict):
    """One published assistant architecture."""

    id: str
    name: str
    as_of: dt.date
    source_url: HttpUrl
    provider: Literal["openai", "azure", "openai-or-azure", "vertex", "bedrock", "any"]
    price_set: str
    """Id of the price set that prices this profile by default."""
    stages: list[Stage]
    required_models: list[str]
    guidance: list[Guidance] = []
    peak_qpm_per_user: Annotated[Decimal, Field(gt=0, allow_inf_nan=False)] | None = None
    """If the source sizes from a peak queries-per-minute per user, that rate."""
    discrepancies: list[Discrepancy] = []
    notes: list[str] = []

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        if not self.stages:
            raise ValueError("a profile needs at least one stage")
        models = {s.model for s in self.stages}
        for g in self.guidance:
            if g.model not in models:
                raise ValueError(f"guidance for {g.model!r} names a model no stage uses")
        return self


class PriceRow(_Strict):
    """A list price per 1M tokens, with where and when it was published."""

    price_set: str
    model: str
    input_usd_per_1m: Usd
    cached_input_usd_per_1m: Usd | None = None
    output_usd_per_1m: Usd | None = None
    as_of: dt.date
    source_url: HttpUrl
    note: str = ""


class TierRow(_Strict):
    """OpenAI usage-tier limit for one model."""

    tier: str
    rank: Annotated[int, Field(ge=0)]
    qualifies_at: str
    model: str
    rpm: Annotated[int, Field(ge=0)]
    tpm: Annotated[int, Field(ge=0)]
    as_of: str
    source_url: HttpUrl


class AzureQuotaRule(_Strict):
    tpm_step: Annotated[int, Field(gt=0)]
    rpm_per_1000_tpm: Annotated[Decimal, Field(gt=0)]
    source: str
    as_of: str


class ModelInfo(_Strict):
    """What we know of a model id across providers."""

    id: str
    kind: Literal["chat", "embedding"]
    azure_name: str | None = None
    retired_on: dt.date | None = None
    retirement_note: str | None = None


# --- user inputs ----------------------------------------------------------------


class PlanInputs(_Strict):
    """Everything a person chooses for an estimate; defaults are DESIGN.md §3.3's."""

    users: Annotated[int, Field(ge=0, le=10_000_000, strict=False)] = 1000
    profile: str = DEFAULT_PROFILE_ID
    basis: Basis = Basis.PUBLISHED
    round_blocks: bool = True
    queries_per_user_per_day: Annotated[Decimal, Field(ge=0, le=1000, allow_inf_nan=False)] = Decimal(2)
    working_days: Annotated[int, Field(ge=1, le=31)] = 21
    business_hours: Annotated[Decimal, Field(gt=0, le=24, allow_inf_nan=False)] = Decimal(8)
    peak_factor: Annotated[Decimal, Field(ge=1, le=100, allow_inf_nan=False)] = Decimal(2)
    active_share: Annotated[Decimal, Field(gt=0, le=1, allow_inf_nan=False)] = Decimal(1)
    peak_qpm_per_user: Annotated[Decimal, Field(gt=0, le=100, allow_inf_nan=False)] | None = None
    """Direct peak queries per minute per user; replaces the daily-volume derivation."""
    price_set: str | None = None
    """Price set id; None means the profile's own."""
