"""Prices: genai-prices' offline snapshot, uploads, staleness, and the typed error for a missing price."""

from __future__ import annotations

import datetime as dt
import socket
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from byo_core import DataError, PriceNotFoundError, UnknownModelError, estimate, make_inputs
from byo_core import prices as P
from byo_core.catalog import load_catalog_from
from byo_core.cost import stage_costs

TODAY = dt.date(2026, 12, 3)


# --- every model of every profile has a price ------------------------------------


def test_a_price_resolves_for_every_model_of_every_profile(catalog):
    for p in catalog.profiles.values():
        for m in dict.fromkeys([s.model for s in p.stages] + p.required_models):
            row = catalog.price(p.price_set, m)
            assert row.input_usd_per_1m > 0, (p.id, m)
            assert row.source_url and row.as_of
        for s in stage_costs(p, catalog):
            assert s.usd_per_query > 0, (p.id, s.model)


def test_the_2023_profile_prices_at_todays_list_prices_too(catalog):
    est = estimate(make_inputs(users=1000, price_set="genai-prices-openai"), catalog)
    # gpt-3.5-turbo is cheaper today ($0.50 / $1.50), GPT-4 and ada unchanged
    assert est.spend.cost_per_query == Decimal("0.1533") + Decimal("0.0005735") + Decimal("0.000225")


def test_unknown_model_raises_the_typed_error_naming_it(catalog):
    with pytest.raises(PriceNotFoundError) as err:
        catalog.price("genai-prices-openai", "gpt-9-imaginary")
    assert isinstance(err.value, UnknownModelError)
    assert err.value.model == "gpt-9-imaginary"
    assert "gpt-9-imaginary" in str(err.value) and "genai-prices-openai" in str(err.value)
    assert P.catalogue_row("openai", "gpt-9-imaginary") is None


# --- genai-prices, offline -----------------------------------------------------------


def test_catalogue_rows_carry_source_as_of_and_cached_prices():
    row = P.catalogue_row("openai", "gpt-5.1", today=TODAY)
    assert (row.price_set, row.model) == ("genai-prices-openai", "gpt-5.1")
    assert (row.input_usd_per_1m, row.cached_input_usd_per_1m, row.output_usd_per_1m) == (
        Decimal("1.25"), Decimal("0.125"), Decimal("10"))
    assert str(row.source_url).startswith("https://")
    assert row.as_of == P.snapshot_as_of(TODAY)
    assert "genai-prices" in row.note


def test_azure_says_when_it_falls_back_to_openais_price():
    row = P.catalogue_row("azure", "gpt-5.1", today=TODAY)
    assert row.price_set == "genai-prices-azure"
    assert "no azure entry" in row.note and "openai" in row.note


def test_bedrock_uses_the_in_region_price_and_tiered_prices_say_so():
    row = P.catalogue_row("aws", "claude-sonnet-4-6", today=TODAY)
    assert row.input_usd_per_1m == Decimal("3.3")
    assert "regional" in row.note
    tiered = P.catalogue_row("google", "gemini-3.1-pro-preview", today=TODAY)
    assert "tiered" in tiered.note and tiered.input_usd_per_1m == Decimal("2")


def test_snapshot_date_for_the_pinned_version():
    if P.catalogue_version() != "0.2.3":
        pytest.skip("the snapshot date is pinned for genai-prices 0.2.3")
    assert P.snapshot_as_of(TODAY) == dt.date(2026, 11, 3)


def test_price_history_by_date_dates_the_row_at_that_date():
    row = P.catalogue_row("openai", "gpt-4", at=dt.date(2025, 1, 1), today=TODAY)
    assert row.as_of == dt.date(2025, 1, 1)
    assert "2025-01-01" in row.note


def test_no_network_even_if_genai_prices_auto_update_replaced_its_snapshot(monkeypatch):
    """Our rows come from the bundled data only: no socket, and an auto-updated snapshot is ignored."""
    from genai_prices import data_snapshot

    def refuse(*a, **k):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    data_snapshot.set_custom_snapshot(data_snapshot.DataSnapshot(providers=[], from_auto_update=True))
    try:
        P._providers.cache_clear()
        row = P.catalogue_row("openai", "gpt-5.1", today=TODAY)
        assert row is not None and row.input_usd_per_1m == Decimal("1.25")
    finally:
        data_snapshot.set_custom_snapshot(None)


def test_loading_the_catalog_never_starts_genai_prices_updater(catalog):
    import threading

    from genai_prices import update_prices

    P.catalogue_rows(["gpt-5.1", "claude-sonnet-4-6"], today=TODAY)
    assert update_prices._shared_updater.thread is None
    assert update_prices._shared_updater.ref_count == 0
    assert not [t for t in threading.enumerate() if t.name.startswith("genai_prices")]


# --- staleness -------------------------------------------------------------------------


def test_2023_prices_are_flagged_stale_and_current_ones_are_not(catalog):
    old = P.price_status(catalog.price("openai-list-2023-10", "gpt-4"), TODAY)
    assert old.stale and "STALE" in old.message and "2023-10-13" in old.message
    new = P.price_status(catalog.price("genai-prices-openai", "gpt-5.1"), TODAY)
    assert not new.stale and "STALE" not in new.message


def test_stale_boundary_is_six_calendar_months(catalog):
    row = catalog.price("genai-prices-openai", "gpt-5.1")
    six = P.months_before(TODAY, 6)
    assert six == dt.date(2026, 6, 3)
    assert not P.price_status(row.model_copy(update={"as_of": six}), TODAY).stale
    assert P.price_status(row.model_copy(update={"as_of": six - dt.timedelta(days=1)}), TODAY).stale


def test_months_before_clamps_to_month_end():
    assert P.months_before(dt.date(2026, 8, 31), 6) == dt.date(2026, 2, 28)
    assert P.months_before(dt.date(2026, 3, 31), 13) == dt.date(2025, 2, 28)


def test_profile_price_status_lists_each_model_once(catalog):
    st_ = P.profile_price_status(catalog.profile("glean-ae2-openai-2026"), catalog, today=TODAY)
    assert [s.model for s in st_] == ["gpt-5.1"]
    with pytest.raises(PriceNotFoundError):
        P.profile_price_status(catalog.profile("glean-ae2-openai-2026"), catalog, price_set="genai-prices-google")


# --- uploads ---------------------------------------------------------------------------

GOOD = """price_set,model,input_usd_per_1m,cached_input_usd_per_1m,output_usd_per_1m,as_of,source_url,note
negotiated-2026,gpt-5.1,1.00,0.10,8.00,2026-11-01,https://example.com/contract,enterprise agreement
"""


def test_upload_of_negotiated_prices_prices_an_estimate(catalog):
    rows = P.parse_uploaded_prices(GOOD, "ours.csv", reserved=catalog.prices)
    cat = catalog.with_prices(rows)
    est = estimate(make_inputs(users=5000, profile="glean-ae2-azure-2026", price_set="negotiated-2026"), cat)
    assert est.spend.cost_per_query == (24_300 * Decimal("1.00") + 600 * Decimal("8.00")) / 1_000_000
    assert est.price_set == "negotiated-2026"


@pytest.mark.parametrize(
    "text, row, field",
    [
        (GOOD.replace("1.00,0.10", "abc,0.10"), 1, "input_usd_per_1m"),
        (GOOD + "negotiated-2026,gpt-5,-1,,8,2026-11-01,https://example.com/c,\n", 2, "input_usd_per_1m"),
        (GOOD.replace("2026-11-01", "yesterday"), 1, "as_of"),
        (GOOD.replace("https://example.com/contract", "our contract"), 1, "source_url"),
        (GOOD + "negotiated-2026,gpt-5.1,1,,8,2026-11-01,https://example.com/c,\n", 2, "model"),
        (GOOD.replace("negotiated-2026", "openai-list-2023-10"), 1, "price_set"),
        (GOOD.replace(",note\n", ",note,extra\n").replace("agreement\n", "agreement,x,y\n"), 1, None),
    ],
)
def test_bad_uploads_name_file_row_and_field(catalog, text, row, field):
    with pytest.raises(DataError) as err:
        P.parse_uploaded_prices(text, "ours.csv", reserved=catalog.prices)
    assert err.value.file == "ours.csv" and err.value.row == row
    if field:
        assert err.value.field == field


def test_empty_upload_is_refused():
    with pytest.raises(DataError, match="header"):
        P.parse_uploaded_prices("", "empty.csv")
    with pytest.raises(DataError, match="no price rows"):
        P.parse_uploaded_prices(GOOD.splitlines()[0] + "\n", "header-only.csv")


def test_upload_template_parses_once_filled(catalog):
    tpl = P.upload_template(catalog.profile("glean-ae2-openai-2026"), today=TODAY)
    filled = tpl.replace("gpt-5.1,,,,", "gpt-5.1,1,0.1,8,")
    (row,) = P.parse_uploaded_prices(filled, "t.csv")
    assert row.model == "gpt-5.1" and row.price_set == "negotiated"


def test_upload_with_old_mac_newlines_or_nul_bytes_is_a_data_error_or_rows():
    assert P.parse_uploaded_prices(GOOD.replace("\n", "\r"), "mac.csv")[0].model == "gpt-5.1"
    with pytest.raises(DataError, match="nul.csv"):
        P.parse_uploaded_prices(GOOD.splitlines()[0] + "\nnegotiated,gpt-5.1,1\x00,,,2026-11-01,https://e.com,\n", "nul.csv")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_upload_is_rows_or_a_data_error(text):
    try:
        rows = P.parse_uploaded_prices(GOOD.splitlines()[0] + "\n" + text, "fuzz.csv")
    except DataError:
        return
    assert all(r.input_usd_per_1m >= 0 for r in rows)
