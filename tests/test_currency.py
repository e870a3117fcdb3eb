from decimal import Decimal

import pytest

import byo_core as b
from byo_core.currency import USD, format_count, format_share, make_currency


def test_usd_formatting_rounds_half_up_at_the_display_edge():
    assert USD.format(Decimal("65067.66")) == "$65,067.66"
    assert USD.format(Decimal("6506.765")) == "$6,506.77"
    assert USD.format_per_query(Decimal("0.154923")) == "$0.154923"
    assert USD.format_price(Decimal("30")) == "$30.00" and USD.format_price(Decimal("0.125")) == "$0.125"
    assert USD.label == "USD" and USD.is_usd


def test_conversion_is_exact_and_labelled():
    eur = make_currency("eur", "0.92")
    assert eur.convert(Decimal("100")) == Decimal("92.00")
    assert eur.format(Decimal("100")) == "EUR 92.00"
    assert eur.label == "EUR at 0.92 per USD"
    assert eur.to_usd("92") == Decimal("100")
    assert make_currency("JPY", 150.0).rate == Decimal("150")


@pytest.mark.parametrize(("code", "rate", "field"), [("EURO", 1, "currency"), ("E1", 1, "currency"), ("EUR", 0, "exchange_rate"),
                                                     ("EUR", "abc", "exchange_rate"), ("USD", 2, "exchange_rate"), ("EUR", float("inf"), "exchange_rate")])
def test_bad_currency_is_an_input_error(code, rate, field):
    with pytest.raises(b.InputError) as err:
        make_currency(code, rate)
    assert err.value.field == field


def test_counts_and_shares():
    assert format_count(350000) == "350,000"
    assert format_count(Decimal("37.45"), 1) == "37.5"
    assert format_share(Decimal("0.98952")) == "99.0%"
