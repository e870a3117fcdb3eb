"""Exports: CSV, XLSX and HTML carry the same figures as the screen."""

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook

import byo_core as b
from byo_core import exports
from byo_core.currency import USD, make_currency


def _rows(text):
    return {(r["section"], r["item"], r["model"]): r for r in csv.DictReader(io.StringIO(text))}


def test_csv_has_inputs_sources_spend_and_per_model_results():
    est = b.estimate(b.make_inputs(users=10_000))
    text = exports.to_csv(est)
    assert text.splitlines()[0] == ",".join(exports.COLUMNS)
    r = _rows(text)
    assert r[("spend", "monthly spend", "")]["value"] == "65067.66"
    assert r[("spend", "monthly spend", "")]["shown"] == USD.format(est.spend.monthly) == "$65,067.66"
    assert r[("spend", "cost per query", "")]["value"] == "0.154923"
    assert r[("capacity", "RPM", "gpt-4")]["shown"] == "1,500"
    assert r[("capacity", "TPM", "gpt-4")]["value"] == "350000"
    assert r[("capacity", "TPM (per-500-users rule)", "gpt-4")]["value"] == "500000"
    assert r[("cost by model", "cost per query", "gpt-4")]["value"] == "0.1533"
    assert r[("azure request", "request TPM (answer generation)", "gpt-4")]["value"] == "350000"
    assert r[("source", "figures as of", "")]["value"] == "2023-10-13"
    assert "openai.com/pricing" in r[("prices", "input price", "gpt-4")]["source"]
    assert r[("inputs", "link", "")]["value"].startswith("users=10000&profile=")
    assert any("we show the published figure" in row["value"] for k, row in r.items() if k[0] == "notes")


def test_per_model_monthly_spend_adds_up_to_the_total():
    est = b.estimate(b.make_inputs(users=8000))
    r = _rows(exports.to_csv(est))
    parts = [Decimal(row["value"]) for k, row in r.items() if k[:2] == ("cost by model", "monthly spend")]
    assert sum(parts) == est.spend.monthly


def test_currency_applies_to_every_money_row():
    eur = make_currency("EUR", "0.5")
    r = _rows(exports.to_csv(b.estimate(b.make_inputs()), eur))
    assert r[("spend", "monthly spend", "")]["value"] == "3253.383"
    assert r[("spend", "monthly spend", "")]["shown"] == "EUR 3,253.38"
    assert r[("prices", "input price", "gpt-4")]["unit"] == "EUR per 1M tokens"
    assert r[("inputs", "currency", "")]["shown"] == "EUR at 0.5 per USD"


def test_edited_prices_are_marked_as_edited():
    from byo_core import price_edits

    cat = b.load_catalog()
    published = price_edits.profile_price_rows(cat, b.DEFAULT_PROFILE_ID)
    changed = price_edits.apply_price_table(published, [{"model": "gpt-4", "input_usd_per_1m": 60.0, "output_usd_per_1m": 60.0}])
    r = _rows(exports.to_csv(b.estimate(b.make_inputs(), cat.with_prices(changed))))
    assert r[("prices", "input price", "gpt-4")]["source"].endswith("(edited)")


def test_xlsx_holds_the_same_rows_with_numeric_values():
    est = b.estimate(b.make_inputs(users=10_000))
    wb = load_workbook(io.BytesIO(exports.to_xlsx(est)))
    ws = wb["Estimate"]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == exports.COLUMNS
    assert len(rows) - 1 == len(exports.estimate_rows(est))
    by = {(r[0], r[1], r[2] or ""): r for r in rows[1:]}
    assert Decimal(str(by[("spend", "monthly spend", "")][3])) == Decimal("65067.66")
    assert by[("capacity", "TPM", "gpt-4")][3] == 350000
    assert by[("spend", "monthly spend", "")][5] == "$65,067.66"


def test_html_summary_is_one_self_contained_page_with_the_screen_figures():
    est = b.estimate(b.make_inputs(users=10_000))
    page = exports.to_html(est)
    assert page.startswith("<!doctype html>") and "@page { size: A4" in page
    for shown in ("$65,067.66", "$780,811.92", "$0.154923", "1,500", "350,000"):
        assert shown in page
    assert "<script" not in page and "http://" not in page.replace("https://", "")


def test_html_escapes_text():
    page = exports.to_html(b.estimate(b.make_inputs(users=10_000)))
    assert "the vendor&#x27;s published examples give 350,000" in page
    assert "vendor's published" not in page
