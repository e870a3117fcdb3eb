"""Quota need: RPM and TPM per model role, on each basis (DESIGN.md §3.2–§3.3).

- ``linear``: the vendor's "N RPM and M TPM per 500 users", straight.
- ``published``: straight lines through (0, 0) and the vendor's examples,
  continuing the last segment's slope beyond the last example.
- ``bottom-up``: peak queries per minute × calls (RPM) or tokens (TPM) per query.

A role with published guidance is sized on the chosen basis; every other role,
and every metric the guidance leaves out, is sized bottom-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .models import Basis, Guidance, PlanInputs, Profile, PublishedPoint, Stage
from .numbers import ceil_int


@dataclass(frozen=True)
class GuidedNeed:
    """One role's need from the vendor's guidance, on both rule bases."""

    role: str
    model: str
    sized_users: int
    linear_rpm: int | None
    linear_tpm: int | None
    published_rpm: int | None
    published_tpm: int | None


@dataclass(frozen=True)
class RoleNeed:
    """The RPM and TPM one model role (one Azure deployment) must have."""

    role: str
    model: str
    rpm: int
    tpm: int
    rpm_basis: str
    tpm_basis: str


@dataclass(frozen=True)
class ModelNeed:
    """The RPM and TPM a model must have, summed over the roles that call it."""

    model: str
    rpm: int
    tpm: int
    basis: str


def sized_users(users: int, block: int, round_blocks: bool) -> int:
    """Users the rule is applied to: a whole number of blocks when rounding."""
    if not round_blocks or users == 0:
        return users
    return -(-users // block) * block


def linear(per_block: int | None, block: int, users: int) -> int | None:
    if per_block is None:
        return None
    return ceil_int(Decimal(per_block) * users / block)


def interpolate(points: list[PublishedPoint], metric: str, users: int) -> int | None:
    """Piecewise-linear through (0, 0) and the examples that state ``metric``."""
    xy = [(0, Decimal(0))] + [(p.users, Decimal(getattr(p, metric))) for p in points if getattr(p, metric) is not None]
    if len(xy) == 1:
        return None
    for (x0, y0), (x1, y1) in zip(xy, xy[1:]):
        if users <= x1:
            return ceil_int(y0 + (y1 - y0) * (users - x0) / (x1 - x0))
    (x0, y0), (x1, y1) = xy[-2], xy[-1]
    return ceil_int(y1 + (y1 - y0) * (users - x1) / (x1 - x0))


def guided_need(g: Guidance, inputs: PlanInputs) -> GuidedNeed:
    block = g.rule.block_users if g.rule else g.block_users
    n = sized_users(inputs.users, block, inputs.round_blocks)
    rule = g.rule
    return GuidedNeed(
        role=g.role,
        model=g.model,
        sized_users=n,
        linear_rpm=linear(rule.rpm, rule.block_users, n) if rule else None,
        linear_tpm=linear(rule.tpm, rule.block_users, n) if rule else None,
        published_rpm=interpolate(g.examples, "rpm", n) if g.examples else linear(rule.rpm, rule.block_users, n) if rule else None,
        published_tpm=interpolate(g.examples, "tpm", n) if g.examples else linear(rule.tpm, rule.block_users, n) if rule else None,
    )


def peak_rate(inputs: PlanInputs, profile: Profile) -> Decimal | None:
    """Peak queries/min per user: the user's own, else the one the profile's source sizes with."""
    return inputs.peak_qpm_per_user if inputs.peak_qpm_per_user is not None else profile.peak_qpm_per_user


def peak_qpm(inputs: PlanInputs, profile: Profile) -> Decimal:
    """Peak queries per minute across all users (DESIGN.md §3.3)."""
    active = inputs.users * inputs.active_share
    per_user = peak_rate(inputs, profile)
    if per_user is not None:
        return active * per_user
    return active * inputs.queries_per_user_per_day / (inputs.business_hours * 60) * inputs.peak_factor


def stage_tokens(s: Stage) -> int:
    """Tokens a query costs a stage against TPM: cached input counts too."""
    return s.input_tokens + s.cached_input_tokens + s.output_tokens


def bottom_up_role(s: Stage, qpm: Decimal) -> tuple[int, int]:
    return ceil_int(qpm * s.calls_per_query), ceil_int(qpm * stage_tokens(s))


def role_needs(profile: Profile, inputs: PlanInputs, guided: list[GuidedNeed]) -> list[RoleNeed]:
    qpm = peak_qpm(inputs, profile)
    by_role = {g.role: g for g in guided}
    out = []
    for s in profile.stages:
        rpm, tpm = bottom_up_role(s, qpm)
        rpm_basis = tpm_basis = Basis.BOTTOM_UP.value
        g = by_role.get(s.role)
        if g is not None and inputs.basis is not Basis.BOTTOM_UP:
            prefix = inputs.basis.value
            g_rpm, g_tpm = getattr(g, f"{prefix}_rpm"), getattr(g, f"{prefix}_tpm")
            if g_rpm is not None:
                rpm, rpm_basis = g_rpm, prefix
            if g_tpm is not None:
                tpm, tpm_basis = g_tpm, prefix
        out.append(RoleNeed(s.role, s.model, rpm, tpm, rpm_basis, tpm_basis))
    return out


def model_needs(roles: list[RoleNeed]) -> list[ModelNeed]:
    """Sum role needs per model, in the order models first appear."""
    acc: dict[str, list] = {}
    for r in roles:
        a = acc.setdefault(r.model, [0, 0, set()])
        a[0] += r.rpm
        a[1] += r.tpm
        a[2].update({r.rpm_basis, r.tpm_basis})
    return [ModelNeed(m, rpm, tpm, "+".join(sorted(b))) for m, (rpm, tpm, b) in acc.items()]


def quota_need(profile: Profile, inputs: PlanInputs) -> tuple[list[GuidedNeed], list[RoleNeed], list[ModelNeed]]:
    """Need per guided role, per role (deployment) and per model, on the chosen basis."""
    guided = [guided_need(g, inputs) for g in profile.guidance]
    roles = role_needs(profile, inputs, guided)
    return guided, roles, model_needs(roles)


def bottom_up_models(profile: Profile, inputs: PlanInputs) -> list[ModelNeed]:
    """Per-model need from query volume alone (the CLI's ``capacity.by_model``)."""
    volume_only = inputs.model_copy(update={"basis": Basis.BOTTOM_UP})
    return model_needs(role_needs(profile, volume_only, []))


@dataclass(frozen=True)
class ImpliedLoad:
    """Queries per minute each figure implies, so RPM and TPM can be compared.

    The seed's 75 RPM per 500 users is 37.5 queries a minute at 2 GPT-4 calls
    per query, while its 25,000 TPM is about 5 at 4,930 tokens per query.
    """

    model: str
    users: int
    from_rpm: Decimal | None
    from_tpm: Decimal | None
    from_volume: Decimal

    def per_500_users(self, qpm: Decimal | None) -> Decimal | None:
        if qpm is None or self.users == 0:
            return None
        return qpm * 500 / self.users


def implied_load(profile: Profile, inputs: PlanInputs, g: GuidedNeed, rpm: int | None, tpm: int | None) -> ImpliedLoad:
    stages = [s for s in profile.stages if s.role == g.role]
    calls = sum((s.calls_per_query for s in stages), Decimal(0))
    tokens = sum(stage_tokens(s) for s in stages)
    return ImpliedLoad(
        model=g.model,
        users=g.sized_users,
        from_rpm=Decimal(rpm) / calls if rpm is not None and calls else None,
        from_tpm=Decimal(tpm) / tokens if tpm is not None and tokens else None,
        from_volume=peak_qpm(inputs.model_copy(update={"users": g.sized_users}), profile),
    )
