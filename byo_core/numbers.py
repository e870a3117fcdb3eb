"""Small exact-arithmetic helpers shared by the engine."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

MILLION = Decimal(1_000_000)


def ceil_int(x: Decimal) -> int:
    """Round up to a whole request or token: quota is never planned short."""
    return int(x.to_integral_value(rounding=ROUND_CEILING))


def floor_int(x: Decimal) -> int:
    return int(x.to_integral_value(rounding=ROUND_FLOOR))


def ceil_to_step(x: Decimal | int, step: int) -> int:
    return ceil_int(Decimal(x) / step) * step


def dec(x: object) -> Decimal:
    """A Decimal from an int, str or Decimal (floats go through str, so 0.1 stays 0.1)."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, float):
        return Decimal(repr(x))
    return Decimal(x)  # type: ignore[arg-type]


def money_str(x: Decimal) -> str:
    """A decimal string without exponent or trailing zeros: JSON's money format."""
    s = format(x.normalize(), "f")
    return s if s != "-0" else "0"
