"""data/ loads, validates, and a bad file names its file, row and field."""

import shutil

import pytest

from byo_core import DataError, PriceNotFoundError, UnknownProfileError, load_catalog_from
from byo_core.catalog import DATA_DIR


@pytest.fixture
def data_copy(tmp_path):
    dst = tmp_path / "data"
    shutil.copytree(DATA_DIR, dst)
    return dst


def test_every_record_carries_its_source_and_date(catalog):
    for p in catalog.profiles.values():
        assert str(p.source_url).startswith("https://") and p.as_of
    for rows in catalog.prices.values():
        for r in rows.values():
            assert str(r.source_url).startswith("https://") and r.as_of
    assert all(t.source_url and t.as_of for t in catalog.tiers)
    assert catalog.azure_quota.source and catalog.azure_quota.as_of


def test_seed_profile_lists_the_models_a_key_must_reach(catalog):
    p = catalog.profile("glean-gpt4-2023-10")
    assert p.required_models == ["gpt-4", "gpt-4-32k", "gpt-3.5-turbo", "text-embedding-ada-002"]
    assert catalog.model_info("gpt-4-32k").retired_on.isoformat() == "2025-06-06"
    assert catalog.model_info("gpt-3.5-turbo").azure_name == "gpt-35-turbo"


def test_unknown_profile_and_price_are_typed_errors_naming_the_value(catalog):
    with pytest.raises(UnknownProfileError, match="'nope'.*glean-gpt4-2023-10"):
        catalog.profile("nope")
    with pytest.raises(PriceNotFoundError, match="'gpt-9'"):
        catalog.price("openai-list-2023-10", "gpt-9")


def test_bad_price_row_names_file_row_and_field(data_copy):
    path = data_copy / "prices.csv"
    lines = path.read_text().splitlines()
    lines[2] = lines[2].replace(",60,", ",-60,", 1)
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError) as err:
        load_catalog_from(data_copy)
    assert "prices.csv, row 2, field 'input_usd_per_1m'" in str(err.value)


def test_unknown_column_is_rejected(data_copy):
    path = data_copy / "openai_tiers.csv"
    text = path.read_text().splitlines()
    text[0] += ",surprise"
    text[1] += ",1"
    path.write_text("\n".join(text) + "\n")
    with pytest.raises(DataError, match="openai_tiers.csv, row 1, field 'surprise'"):
        load_catalog_from(data_copy)


def test_malformed_profile_toml_is_a_data_error(data_copy):
    (data_copy / "profiles" / "broken.toml").write_text("id = [unclosed\n")
    with pytest.raises(DataError, match="broken.toml: not valid TOML"):
        load_catalog_from(data_copy)


def test_profile_missing_a_field_names_it(data_copy):
    src = (data_copy / "profiles" / "glean-gpt4-2023-10.toml").read_text()
    (data_copy / "profiles" / "glean-gpt4-2023-10.toml").write_text(src.replace('price_set = "openai-list-2023-10"\n', ""))
    with pytest.raises(DataError, match="field 'price_set'"):
        load_catalog_from(data_copy)


def test_profile_whose_price_set_lacks_a_model_is_rejected(data_copy):
    path = data_copy / "prices.csv"
    path.write_text("\n".join(l for l in path.read_text().splitlines() if "gpt-3.5-turbo" not in l) + "\n")
    with pytest.raises(PriceNotFoundError, match="gpt-3.5-turbo"):
        load_catalog_from(data_copy)


def test_unreadable_csv_is_a_data_error_not_a_csv_exception():
    from byo_core.catalog import parse_csv
    from byo_core.models import PriceRow

    with pytest.raises(DataError, match="upload.csv"):
        parse_csv('price_set,model\n"a\x00,b\n', PriceRow, "upload.csv")
