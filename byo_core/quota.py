"""What to ask for: Azure deployment quota and the OpenAI usage tier (DESIGN.md §3.4)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .capacity import ModelNeed, RoleNeed
from .models import AzureQuotaRule, TierRow
from .numbers import ceil_to_step, floor_int


@dataclass(frozen=True)
class AzureRequest:
    """The TPM to request for one deployment, and the RPM Azure grants with it."""

    role: str
    model: str
    need_rpm: int
    need_tpm: int
    request_tpm: int
    brings_rpm: int
    sized_by: str
    """'tpm' when TPM drove the request, 'rpm' when the RPM need did."""


def azure_requests(needs: list[RoleNeed], rule: AzureQuotaRule) -> list[AzureRequest]:
    out = []
    for n in needs:
        tpm_for_rpm = Decimal(n.rpm) * 1000 / rule.rpm_per_1000_tpm
        request = ceil_to_step(max(Decimal(n.tpm), tpm_for_rpm), rule.tpm_step)
        brings = floor_int(Decimal(request) / 1000 * rule.rpm_per_1000_tpm)
        sized_by = "rpm" if tpm_for_rpm > n.tpm else "tpm"
        out.append(AzureRequest(n.role, n.model, n.rpm, n.tpm, request, brings, sized_by))
    return out


@dataclass(frozen=True)
class TierAdvice:
    """The smallest OpenAI usage tier whose limits cover every model's need."""

    tier: str | None
    """None when even the top tier falls short, or no tier lists a needed model."""
    qualifies_at: str | None
    beyond_top_tier: bool
    short_models: list[str]
    """Models the top tier does not cover: ask OpenAI for a limit increase."""
    unlisted_models: list[str]
    """Models the tier table does not list: their limits can't be judged here."""
    source_url: str
    as_of: str

    applies: bool = True
    """False for profiles that run on neither OpenAI nor Azure OpenAI."""

    @property
    def message(self) -> str:
        if not self.applies:
            return "OpenAI usage tiers do not apply: this profile runs on another provider; check that provider's quota."
        if self.tier is not None:
            msg = f"Usage tier {self.tier} ({self.qualifies_at}) covers every listed model."
        elif self.beyond_top_tier:
            msg = (
                f"Even the top usage tier falls short for {', '.join(self.short_models)}: "
                "request a rate-limit increase from OpenAI for those models."
            )
        else:
            msg = "No usage tier lists the models this profile needs."
        if self.unlisted_models:
            msg += f" The tier table (as of {self.as_of}) does not list {', '.join(self.unlisted_models)}; check their limits in your OpenAI account."
        return msg


def openai_tier(needs: list[ModelNeed], tiers: list[TierRow]) -> TierAdvice:
    wanted = [n for n in needs if n.rpm or n.tpm]
    listed = {t.model for t in tiers}
    unlisted = [n.model for n in wanted if n.model not in listed]
    judged = [n for n in wanted if n.model in listed]
    source, as_of = (str(tiers[0].source_url), tiers[0].as_of) if tiers else ("", "")
    ranks = sorted({(t.rank, t.tier, t.qualifies_at) for t in tiers})
    limits = {(t.rank, t.model): t for t in tiers}
    for rank, tier, qualifies in ranks:
        if all(_covers(limits.get((rank, n.model)), n) for n in judged):
            if not judged:
                break
            return TierAdvice(tier, qualifies, False, [], unlisted, source, as_of)
    top = ranks[-1][0] if ranks else None
    short = [n.model for n in judged if not _covers(limits.get((top, n.model)), n)]
    return TierAdvice(None, None, bool(short), short, unlisted, source, as_of)


def _covers(limit: TierRow | None, need: ModelNeed) -> bool:
    return limit is not None and limit.rpm >= need.rpm and limit.tpm >= need.tpm


@dataclass(frozen=True)
class Headroom:
    """Need against the quota a customer has, for one model or deployment."""

    model: str
    need_rpm: int
    need_tpm: int
    have_rpm: int | None
    have_tpm: int | None
    enough: bool | None
    """None when the quota is unknown for a metric that has a need."""
    users_covered: int | None
    """Most users this quota serves on the same assumptions (None: unknown)."""

    @property
    def rpm_headroom(self) -> int | None:
        return None if self.have_rpm is None else self.have_rpm - self.need_rpm

    @property
    def tpm_headroom(self) -> int | None:
        return None if self.have_tpm is None else self.have_tpm - self.need_tpm


def is_enough(need: ModelNeed, have_rpm: int | None, have_tpm: int | None) -> bool | None:
    verdicts = []
    for need_v, have_v in ((need.rpm, have_rpm), (need.tpm, have_tpm)):
        if have_v is None:
            verdicts.append(None if need_v else True)
        else:
            verdicts.append(have_v >= need_v)
    if False in verdicts:
        return False
    return None if None in verdicts else True
