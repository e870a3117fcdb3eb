"""Display currency and number formatting shared by the pages and the exports.

Every money figure the app shows goes through ``Currency.format`` so the screen
and the exports print the same string. Amounts stay ``Decimal``: conversion is
``usd × rate`` and rounding happens only when a figure becomes text.

    >>> from decimal import Decimal
    >>> USD.format(Decimal("65067.66"))
    '$65,067.66'
    >>> make_currency("EUR", "0.9").format(Decimal("100"))
    'EUR 90.00'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import InputError
from .numbers import dec, money_str

MONEY_PLACES = 2
"""Monthly, annual and per-user figures: cents."""
PER_QUERY_PLACES = 6
"""Cost per query: the seed prints figures like $0.001398."""

_CODE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Currency:
    """A display currency: ISO-style code and how many units one US dollar buys."""

    code: str = "USD"
    rate: Decimal = Decimal(1)

    @property
    def is_usd(self) -> bool:
        return self.code == "USD" and self.rate == 1

    def convert(self, usd: Decimal) -> Decimal:
        return usd * self.rate

    def to_usd(self, amount: object) -> Decimal:
        """A figure typed in this currency, in US dollars (for budgets)."""
        try:
            value = dec(amount)
        except (InvalidOperation, TypeError, ValueError):
            raise InputError("amount", amount, f"a number of {self.code}") from None
        return value / self.rate

    def amount(self, usd: Decimal, places: int = MONEY_PLACES) -> Decimal:
        """The converted amount rounded as shown (half up)."""
        return self.convert(usd).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)

    def format(self, usd: Decimal, places: int = MONEY_PLACES) -> str:
        value = self.amount(usd, places)
        text = f"{value:,.{places}f}"
        if self.code == "USD":
            return f"-${text[1:]}" if text.startswith("-") else f"${text}"
        return f"{self.code} {text}"

    def format_price(self, usd: Decimal) -> str:
        """A list price per 1M tokens: cents, or up to six places when it has more."""
        exact = self.convert(usd).normalize()
        places = max(MONEY_PLACES, min(PER_QUERY_PLACES, -exact.as_tuple().exponent))
        return self.format(usd, places)

    def format_per_query(self, usd: Decimal) -> str:
        return self.format(usd, PER_QUERY_PLACES)

    @property
    def label(self) -> str:
        """'USD' or 'EUR at 0.92 per USD' — shown beside every converted figure."""
        if self.code == "USD" and self.rate == 1:
            return "USD"
        return f"{self.code} at {money_str(self.rate)} per USD"


USD = Currency()


def make_currency(code: object, rate: object) -> Currency:
    """A Currency from what a person typed, or an InputError saying what is allowed."""
    text = str(code or "").strip().upper()
    if not _CODE.match(text):
        raise InputError("currency", code, "a three-letter currency code such as USD, EUR or GBP")
    try:
        value = dec(rate)
    except (InvalidOperation, TypeError, ValueError):
        raise InputError("exchange_rate", rate, "a number above 0: units of the currency per US dollar") from None
    if not value.is_finite() or value <= 0 or value > Decimal(1_000_000):
        raise InputError("exchange_rate", rate, "a number above 0 and at most 1,000,000: units of the currency per US dollar")
    if text == "USD" and value != 1:
        raise InputError("exchange_rate", rate, "1 for USD (pick another code to convert)")
    return Currency(text, Decimal(int(value)) if value == value.to_integral_value() else value.normalize())


def format_count(x: int | Decimal, places: int = 0) -> str:
    """Whole requests, tokens, users: '350,000'. Decimals are rounded half up."""
    if isinstance(x, Decimal):
        x = x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        return f"{x:,.{places}f}"
    return f"{x:,}"


def format_share(share: Decimal, places: int = 1) -> str:
    """A 0–1 share as a percentage: Decimal('0.98955') → '99.0%'."""
    return f"{format_count(share * 100, places)}%"
