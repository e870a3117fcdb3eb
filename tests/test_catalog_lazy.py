"""load_catalog() reads the genai-prices sets on first use; what it then holds is what the eager load gives."""

import subprocess
import sys
import textwrap

import pytest

from byo_core import PriceNotFoundError
from byo_core.catalog import DATA_DIR, PriceSets, load_catalog_from


def test_lazy_and_eager_catalogs_hold_the_same_prices():
    eager = load_catalog_from(DATA_DIR)
    lazy = load_catalog_from(DATA_DIR, lazy_catalogue=True)
    assert isinstance(lazy.prices, PriceSets) and isinstance(eager.prices, dict)
    assert lazy.prices.get("openai-list-2023-10") == eager.prices["openai-list-2023-10"]  # no genai-prices needed
    assert list(lazy.prices) == list(eager.prices)  # same sets, same order
    assert dict(lazy.prices) == eager.prices
    assert lazy == eager


def test_the_seed_estimate_does_not_import_genai_prices_and_a_genai_profile_does():
    code = textwrap.dedent("""
        import sys
        import byo_core as b
        est = b.estimate(b.make_inputs(users=1000))
        assert "genai_prices" not in sys.modules, "the seed profile needed genai-prices"
        b.estimate(b.make_inputs(users=1000, profile="glean-ae2-azure-2026"))
        assert "genai_prices" in sys.modules
        print(est.spend.monthly)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr


def test_a_profile_calling_an_unpriced_model_fails_eagerly_and_lazily_with_the_same_error(tmp_path):
    import shutil

    shutil.copytree(DATA_DIR, tmp_path / "data")
    f = tmp_path / "data" / "profiles" / "glean-ae2-openai-2026.toml"
    f.write_text(f.read_text().replace('model = "gpt-5.1"', 'model = "gpt-9-imaginary"'))
    f.write_text(f.read_text().replace('required_models = ["gpt-5.1"]', 'required_models = ["gpt-9-imaginary"]'))
    with pytest.raises(PriceNotFoundError, match="gpt-9-imaginary"):
        load_catalog_from(tmp_path / "data")
    cat = load_catalog_from(tmp_path / "data", lazy_catalogue=True)  # the seed's own prices are fine
    assert cat.price("openai-list-2023-10", "gpt-4").input_usd_per_1m > 0
    for _ in range(2):  # not cached as a success
        with pytest.raises(PriceNotFoundError, match="gpt-9-imaginary"):
            cat.prices["genai-prices-openai"]
