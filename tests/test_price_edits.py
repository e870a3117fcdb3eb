from decimal import Decimal

import pytest

import byo_core as b
from byo_core import price_edits


@pytest.fixture
def published(catalog):
    return price_edits.profile_price_rows(catalog, b.DEFAULT_PROFILE_ID)


def test_rows_follow_the_profile_stages(published):
    assert [r.model for r in published] == ["gpt-4", "gpt-3.5-turbo", "text-embedding-ada-002"]
    recs = price_edits.price_records(published)
    assert recs[0]["input_usd_per_1m"] == 30.0 and recs[2]["output_usd_per_1m"] is None


def test_unchanged_table_changes_nothing(published):
    assert price_edits.apply_price_table(published, price_edits.price_records(published)) == []


def test_an_edit_changes_spend_by_tokens_times_price(published, catalog):
    recs = price_edits.price_records(published)
    recs[0]["input_usd_per_1m"] = 60.0
    changed = price_edits.apply_price_table(published, recs)
    assert [(r.model, r.input_usd_per_1m) for r in changed] == [("gpt-4", Decimal(60))]
    assert price_edits.is_edited(changed[0]) and "input price 30" in changed[0].note
    before = b.estimate(b.make_inputs(), catalog).spend.monthly
    after = b.estimate(b.make_inputs(), catalog.with_prices(changed)).spend.monthly
    assert after - before == Decimal(42_000) * 4750 * 30 / 1_000_000


@pytest.mark.parametrize(("column", "value", "match"), [
    ("input_usd_per_1m", -1.0, "gpt-4 input price"),
    ("input_usd_per_1m", None, "gpt-4 input price"),
    ("output_usd_per_1m", float("nan"), None),  # empty optional cell: allowed (the estimate then says what is missing)
    ("input_usd_per_1m", "abc", "gpt-4 input price"),
    ("input_usd_per_1m", 2e6, "at most"),
    ("input_usd_per_1m", True, "gpt-4 input price"),
])
def test_bad_cells_are_input_errors(published, column, value, match):
    recs = price_edits.price_records(published)
    recs[0][column] = value
    if match is None:
        changed = price_edits.apply_price_table(published, recs)
        assert changed[0].output_usd_per_1m is None
        with pytest.raises(b.PlannerError, match="output price"):
            b.estimate(b.make_inputs(), b.load_catalog().with_prices(changed))
        return
    with pytest.raises(b.InputError, match=match):
        price_edits.apply_price_table(published, recs)


def test_unknown_model_is_refused(published):
    with pytest.raises(b.InputError, match="priced models"):
        price_edits.apply_price_table(published, [{"model": "gpt-9", "input_usd_per_1m": 1}])
