"""Edited prices: the table a person edits, checked back into ``PriceRow``s.

The app shows the prices of the models a profile calls; a person may change
them; ``apply_price_table`` validates every cell (a price is a number of US
dollars per 1M tokens, 0 or more) and returns only the rows that differ from
the published ones, ready for ``Catalog.with_prices``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from .catalog import Catalog
from .errors import InputError
from .models import PriceRow

PRICE_COLUMNS = {
    "input_usd_per_1m": "input price",
    "cached_input_usd_per_1m": "cached-input price",
    "output_usd_per_1m": "output price",
}
"""Editable columns → how a message names them."""

OPTIONAL = {"cached_input_usd_per_1m", "output_usd_per_1m"}
MAX_PRICE = Decimal(1_000_000)


def profile_price_rows(catalog: Catalog, profile_id: str, price_set: str | None = None) -> list[PriceRow]:
    """The published rows for each model the profile's stages call, in stage order."""
    profile = catalog.profile(profile_id)
    ps = price_set or profile.price_set
    models = list(dict.fromkeys(s.model for s in profile.stages))
    return [catalog.price(ps, m) for m in models]


def price_records(rows: Sequence[PriceRow]) -> list[dict[str, Any]]:
    """Rows as plain records for an editable table: prices as floats (display edge)."""
    return [
        {
            "model": r.model,
            **{c: None if getattr(r, c) is None else float(getattr(r, c)) for c in PRICE_COLUMNS},
            "as_of": r.as_of.isoformat(),
            "source_url": str(r.source_url),
        }
        for r in rows
    ]


def _price(value: Any, model: str, column: str) -> Decimal | None:
    what = f"{model} {PRICE_COLUMNS[column]}"
    allowed = "a price in US dollars per 1M tokens, 0 or more"
    if value is None or (isinstance(value, float) and math.isnan(value)) or (isinstance(value, str) and not value.strip()):
        if column in OPTIONAL:
            return None
        raise InputError(what, value, allowed)
    if isinstance(value, bool):
        raise InputError(what, value, allowed)
    try:
        d = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise InputError(what, value, allowed) from None
    if not d.is_finite() or d < 0 or d > MAX_PRICE:
        raise InputError(what, value, f"{allowed} and at most {MAX_PRICE:,}")
    return Decimal(int(d)) if d == d.to_integral_value() else d.normalize()


def apply_price_table(published: Sequence[PriceRow], records: Sequence[Mapping[str, Any]]) -> list[PriceRow]:
    """Validate edited records against the published rows; return the changed rows.

    Records are matched by ``model``; a record for a model not in ``published``
    is an error. A changed row keeps its price set and source, and its note
    says it was edited and what the published price was.
    """
    by_model = {r.model: r for r in published}
    changed: list[PriceRow] = []
    for rec in records:
        model = str(rec.get("model", ""))
        base = by_model.get(model)
        if base is None:
            raise InputError("model", model, f"one of the priced models: {', '.join(by_model)}")
        new = {c: _price(rec.get(c), model, c) for c in PRICE_COLUMNS}
        if all(new[c] == getattr(base, c) for c in PRICE_COLUMNS):
            continue
        was = ", ".join(f"{PRICE_COLUMNS[c]} {getattr(base, c)}" for c in PRICE_COLUMNS if getattr(base, c) is not None)
        changed.append(base.model_copy(update=new | {"note": f"edited in the app (published: {was})"}))
    return changed


def is_edited(row: PriceRow) -> bool:
    return row.note.startswith("edited in the app")
