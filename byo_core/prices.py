"""Where prices come from, and whether they can still be trusted.

Three sources of ``PriceRow``s, each carrying its source URL and "as of" date:

- ``data/prices.csv``: hand-entered published price sets (the seed's Oct 2023
  list prices stay the default of the 2023 profile);
- **genai-prices** (pydantic's maintained catalogue, MIT): current list prices
  per provider, read from the snapshot *bundled in the installed package*.
  Price sets are named ``genai-prices-<provider>`` (``genai-prices-openai``,
  ``-azure``, ``-google`` for Vertex AI, ``-aws`` for Bedrock, ``-anthropic``);
- **uploads**: a CSV of negotiated prices, with the same columns as
  ``data/prices.csv``, validated row by row.

Offline by construction: this module imports ``genai_prices.data`` (the
bundled provider list) and never ``genai_prices.UpdatePrices`` nor
``get_snapshot()`` — so even if something else in the process started
genai-prices' background updater, the planner's prices do not change under it
and nothing is fetched.

A price is **stale** when its "as of" date is more than
``STALE_AFTER_MONTHS`` calendar months before today; stale and missing prices
are flagged (``price_status``), never silently zero: a model with no price in
the chosen set raises ``PriceNotFoundError`` naming it.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from .catalog import Catalog, group_prices, parse_csv
from .errors import DataError, PriceNotFoundError
from .models import PriceRow, Profile

CATALOGUE = "genai-prices"
CATALOGUE_URL = "https://github.com/pydantic/genai-prices"
STALE_AFTER_MONTHS = 6
"""A price whose "as of" date is more than this many months old is flagged stale."""

PROVIDERS = ("openai", "azure", "google", "aws", "anthropic")
"""genai-prices provider ids that get a price set (google = Vertex AI / Gemini API, aws = Bedrock)."""

MODEL_REFS: dict[tuple[str, str], str] = {
    # Bedrock names models by inference profile; genai-prices lists both. We take the
    # in-Region price (the higher one: quota and budget are never planned short).
    ("aws", "claude-sonnet-4-6"): "anthropic.claude-sonnet-4-6",
    ("aws", "claude-sonnet-4-5"): "anthropic.claude-sonnet-4-5-20250929",
    ("aws", "claude-haiku-4-5"): "anthropic.claude-haiku-4-5-20251001",
}
"""Our model id → genai-prices model reference, where a plain lookup would not pick the right entry."""

_DATE_IN_COMMENT = re.compile(r"(?:verified|as of|checked|updated)[^.;]*?(\d{4}-\d{2}-\d{2})", re.IGNORECASE)


def set_id(provider: str) -> str:
    """The price set id for a genai-prices provider: ``genai-prices-openai`` …"""
    return f"{CATALOGUE}-{provider}"


def catalogue_version() -> str:
    from importlib.metadata import version

    return version("genai-prices")


@cache
def _providers() -> list:
    # The bundled snapshot only; see the module docstring.
    from genai_prices.data import providers

    return providers


@cache
def snapshot_as_of(today: dt.date | None = None) -> dt.date:
    """The date the bundled snapshot is current to.

    genai-prices does not stamp its snapshot with a date, so we take the latest
    "verified on / as of / checked / updated … YYYY-MM-DD" its price comments
    cite, ignoring dates after today (announced future prices). For genai-prices
    0.2.3 that is 2026-11-03.
    """
    today = today or dt.date.today()
    found: list[dt.date] = []
    for p in _providers():
        for text in [p.price_comments or ""] + [m.price_comments or "" for m in p.models]:
            for s in _DATE_IN_COMMENT.findall(text):
                try:
                    d = dt.date.fromisoformat(s)
                except ValueError:
                    continue
                if d <= today:
                    found.append(d)
    if not found:
        raise DataError(f"{CATALOGUE} {catalogue_version()}", "its snapshot cites no date, so its prices cannot be dated")
    return max(found)


def _base(price) -> tuple[Decimal | None, bool]:
    """A per-1M-token price, and whether it is tiered (base tier returned)."""
    if price is None:
        return None, False
    if isinstance(price, Decimal):
        return price, False
    return price.base, True  # TieredPrices


def _provider(pid: str):
    try:
        return next(p for p in _providers() if p.id == pid)
    except StopIteration:
        raise DataError(CATALOGUE, f"provider {pid!r} is not in the genai-prices snapshot", field="provider") from None


def catalogue_row(provider: str, model: str, at: dt.date | None = None, today: dt.date | None = None) -> PriceRow | None:
    """The genai-prices list price of ``model`` at ``provider`` in force on ``at`` (default today).

    None when the snapshot has no token price for it there.
    """
    today = today or dt.date.today()
    at = at or today
    prov = _provider(provider)
    ref = MODEL_REFS.get((provider, model), model)
    info = prov.find_model(ref, all_providers=_providers())
    if info is None:
        return None
    mp = info.get_prices(dt.datetime.combine(at, dt.time(12), tzinfo=dt.UTC))
    p_in, tier_in = _base(getattr(mp, "input_mtok", None))
    if p_in is None:
        return None
    p_cached, tier_c = _base(getattr(mp, "cache_read_mtok", None))
    p_out, tier_o = _base(getattr(mp, "output_mtok", None))
    home = provider if any(info is m for m in prov.models) else next(
        (p.id for p in _providers() if any(info is m for m in p.models)), "?"
    )
    note = [f"{CATALOGUE} {catalogue_version()}: {home}/{info.id}, price in force on {at.isoformat()}"]
    if home != provider:
        note.append(f"the snapshot has no {provider} entry, so {home}'s list price is used")
    if tier_in or tier_c or tier_o:
        note.append("tiered by prompt size; the base tier is used (above 200k input tokens a request costs more)")
    if info.deprecated:
        note.append("deprecated by the provider")
    urls = prov.pricing_urls or [CATALOGUE_URL]
    return PriceRow(
        price_set=set_id(provider),
        model=model,
        input_usd_per_1m=p_in,
        cached_input_usd_per_1m=p_cached,
        output_usd_per_1m=p_out,
        as_of=min(snapshot_as_of(today), at),
        source_url=urls[0],
        note="; ".join(note),
    )


def catalogue_rows(
    models: Iterable[str], providers: Iterable[str] = PROVIDERS, at: dt.date | None = None, today: dt.date | None = None
) -> list[PriceRow]:
    """One row per (provider, model) the snapshot prices; models it does not know are left out."""
    wanted = list(dict.fromkeys(models))
    out = []
    for pid in providers:
        for m in wanted:
            row = catalogue_row(pid, m, at=at, today=today)
            if row is not None:
                out.append(row)
    return out


def catalogue_price_sets(models: Iterable[str], today: dt.date | None = None) -> dict[str, dict[str, PriceRow]]:
    """Price sets ``genai-prices-<provider>`` for the given models, as the catalog stores them."""
    return group_prices(catalogue_rows(models, today=today), CATALOGUE)


def models_to_price(profiles: Iterable[Profile], extra: Iterable[str] = ()) -> list[str]:
    """Every model a profile calls or requires, then any extra ids, each once."""
    ids: list[str] = []
    for p in profiles:
        ids += [s.model for s in p.stages] + list(p.required_models)
    return list(dict.fromkeys([*ids, *extra]))


def price_sets_for(profile: Profile, catalog: Catalog) -> list[str]:
    """Price sets that price every model the profile calls: its own first."""
    models = {s.model for s in profile.stages}
    fits = [ps for ps, rows in catalog.prices.items() if models <= rows.keys()]
    return sorted(fits, key=lambda ps: (ps != profile.price_set, ps))


# --- uploads ---------------------------------------------------------------------

UPLOAD_COLUMNS = ["price_set", "model", "input_usd_per_1m", "cached_input_usd_per_1m", "output_usd_per_1m", "as_of", "source_url", "note"]


def parse_uploaded_prices(text: str, filename: str, reserved: Iterable[str] = ()) -> list[PriceRow]:
    """Negotiated prices from an uploaded CSV (``data/prices.csv``'s columns).

    Errors are ``DataError`` naming the file, the row (1-based, header
    excluded) and the field. A set id in ``reserved`` (the built-in sets) is
    refused, so an upload can never silently change a published price.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        rows = parse_csv(text, PriceRow, filename)
    except csv.Error as err:
        raise DataError(filename, f"is not a readable CSV file: {err}") from None
    if not rows:
        raise DataError(filename, "no price rows under the header")
    taken = set(reserved)
    for i, r in enumerate(rows, start=1):
        if r.price_set in taken:
            raise DataError(
                filename,
                f"price set {r.price_set!r} is built in; name your set differently (e.g. 'negotiated-{r.as_of.year}')",
                row=i,
                field="price_set",
            )
    group_prices(rows, filename)  # each model once per set
    return rows


def upload_template(profile: Profile, price_set: str = "negotiated", today: dt.date | None = None) -> str:
    """A CSV a user can fill in: one row per model the profile calls."""
    today = today or dt.date.today()
    lines = [",".join(UPLOAD_COLUMNS)]
    for m in dict.fromkeys(s.model for s in profile.stages):
        lines.append(f"{price_set},{m},,,,{today.isoformat()},https://example.com/your-contract,")
    return "\n".join(lines) + "\n"


# --- staleness ---------------------------------------------------------------------


def months_before(d: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (clamped to the month's end)."""
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    m += 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(y, m, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class PriceStatus:
    """One price as a person should see it: the row, its age, and a flag."""

    model: str
    price_set: str
    row: PriceRow
    age_days: int
    stale: bool
    message: str


def price_status(row: PriceRow, today: dt.date | None = None, stale_after_months: int = STALE_AFTER_MONTHS) -> PriceStatus:
    today = today or dt.date.today()
    age = (today - row.as_of).days
    stale = row.as_of < months_before(today, stale_after_months)
    msg = f"{row.model}: {row.price_set}, as of {row.as_of.isoformat()} ({row.source_url})"
    if stale:
        msg += f" — STALE: more than {stale_after_months} months old; check current prices or upload your own"
    return PriceStatus(row.model, row.price_set, row, age, stale, msg)


def profile_price_status(
    profile: Profile, catalog: Catalog, price_set: str | None = None, today: dt.date | None = None
) -> list[PriceStatus]:
    """The price of every model the profile calls, in the chosen set; ``PriceNotFoundError`` for a missing one."""
    ps = price_set or profile.price_set
    return [price_status(catalog.price(ps, m), today) for m in dict.fromkeys(s.model for s in profile.stages)]


__all__ = [
    "CATALOGUE", "PROVIDERS", "STALE_AFTER_MONTHS", "PriceNotFoundError", "PriceStatus", "catalogue_price_sets",
    "catalogue_row", "catalogue_rows", "models_to_price", "parse_uploaded_prices", "price_status",
    "price_sets_for", "profile_price_status", "set_id", "snapshot_as_of", "upload_template",
]
