"""Loads and validates everything in data/ once.

Each file is checked against its pydantic model; a bad file raises
``DataError`` naming the file, the row (1-based, header excluded for CSV) and
the field, so the person editing it knows exactly where to look.
"""

from __future__ import annotations

import csv
import functools
import io
import threading
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .errors import DataError, PriceNotFoundError, UnknownModelError, UnknownProfileError
from .models import AzureQuotaRule, ModelInfo, PriceRow, Profile, TierRow

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

M = TypeVar("M", bound=BaseModel)


def _problem(err: ValidationError) -> tuple[str | None, str]:
    first = err.errors()[0]
    loc = ".".join(str(p) for p in first["loc"]) or None
    return loc, f"{first['msg']} (got {first.get('input')!r})"


def validate_record(model: type[M], record: dict, file: str, row: int | None = None) -> M:
    try:
        return model.model_validate(record)
    except ValidationError as err:
        loc, msg = _problem(err)
        raise DataError(file, msg, row=row, field=loc) from None


def parse_csv(text: str, model: type[M], file: str) -> list[M]:
    """Validate CSV text row by row; empty cells mean 'not given'."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows: list[M] = []
    try:
        if reader.fieldnames is None:
            raise DataError(file, "the file is empty; it needs a header row")
        for i, raw in enumerate(reader, start=1):
            if None in raw:
                raise DataError(file, "more cells than header columns", row=i)
            record = {k.strip(): v.strip() for k, v in raw.items() if v is not None and v.strip() != ""}
            rows.append(validate_record(model, record, file, i))
    except csv.Error as err:
        # A stray quote, NUL byte or bare carriage return: say where, not a traceback.
        raise DataError(file, f"not readable as CSV: {err}", row=reader.line_num or None) from None
    return rows


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise DataError(path.name, f"not valid TOML: {err}") from None


CATALOGUE_SET_PREFIX = "genai-prices-"
"""Price sets read from genai-prices' bundled snapshot are named ``genai-prices-<provider>`` (see prices.py)."""

_LOAD_LOCK = threading.Lock()


class PriceSets(Mapping[str, dict[str, PriceRow]]):
    """Price set id → {model id: PriceRow}, read-only.

    The sets from data/prices.csv are here from the start. The genai-prices sets
    (``genai-prices-<provider>``) are read from the package's snapshot the first time
    one of them, or the whole list, is asked for — importing genai-prices and reading
    its snapshot is most of the catalog's load time, and the seed profile's own prices
    never need it. Once read, the mapping holds exactly what loading everything up
    front gave (a genai-prices set replaces a data/prices.csv set of the same name).
    """

    def __init__(self, sets: Mapping[str, dict[str, PriceRow]],
                 later: Callable[[], Mapping[str, dict[str, PriceRow]]] | None = None,
                 check: Callable[[dict[str, dict[str, PriceRow]]], None] | None = None) -> None:
        self._sets = dict(sets)
        self._later = later
        self._check = check

    def _all(self) -> dict[str, dict[str, PriceRow]]:
        if self._later is not None:
            with _LOAD_LOCK:
                if self._later is not None:
                    merged = {**self._sets, **self._later()}
                    if self._check is not None:
                        self._check(merged)
                    self._sets, self._later, self._check = merged, None, None
        return self._sets

    def _for(self, key: object) -> dict[str, dict[str, PriceRow]]:
        if self._later is not None and not (isinstance(key, str) and key.startswith(CATALOGUE_SET_PREFIX)):
            return self._sets  # not a genai-prices set: the snapshot cannot add or change it
        return self._all()

    def __getitem__(self, key: str) -> dict[str, PriceRow]:
        return self._for(key)[key]

    def __contains__(self, key: object) -> bool:
        return key in self._for(key)

    def get(self, key, default=None):
        return self._for(key).get(key, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __repr__(self) -> str:
        return f"PriceSets({self._all()!r})"


@dataclass(frozen=True)
class Catalog:
    """Profiles, prices, tiers, quota rules and model facts, validated."""

    profiles: dict[str, Profile]
    prices: Mapping[str, dict[str, PriceRow]]
    """Price set id → {model: PriceRow}: a ``PriceSets`` from ``load_catalog*``, a dict after ``with_prices``."""
    tiers: list[TierRow]
    azure_quota: AzureQuotaRule
    models: dict[str, ModelInfo]
    sources: list[str] = field(default_factory=list)

    def profile(self, profile_id: str) -> Profile:
        try:
            return self.profiles[profile_id]
        except KeyError:
            raise UnknownProfileError(profile_id, sorted(self.profiles)) from None

    def price(self, price_set: str, model: str) -> PriceRow:
        rows = self.prices.get(price_set, {})
        if model not in rows:
            raise PriceNotFoundError(model, price_set, sorted(rows))
        return rows[model]

    def model_info(self, model: str) -> ModelInfo:
        try:
            return self.models[model]
        except KeyError:
            raise UnknownModelError(model, f"to data/models.csv; known: {', '.join(sorted(self.models))}") from None

    def with_prices(self, rows: Iterable[PriceRow]) -> Catalog:
        """A copy with extra or replacing price rows (uploads, edits)."""
        prices = {k: dict(v) for k, v in self.prices.items()}
        for r in rows:
            prices.setdefault(r.price_set, {})[r.model] = r
        return Catalog(self.profiles, prices, self.tiers, self.azure_quota, self.models, self.sources)


def group_prices(rows: Iterable[PriceRow], file: str) -> dict[str, dict[str, PriceRow]]:
    out: dict[str, dict[str, PriceRow]] = {}
    for i, r in enumerate(rows, start=1):
        if r.model in out.setdefault(r.price_set, {}):
            raise DataError(file, f"{r.model!r} is priced twice in price set {r.price_set!r}", row=i, field="model")
        out[r.price_set][r.model] = r
    return out


def load_catalog_from(data_dir: Path, *, lazy_catalogue: bool = False) -> Catalog:
    """Load and validate ``data_dir``; a bad file raises ``DataError`` (or ``PriceNotFoundError``).

    With ``lazy_catalogue`` (what ``load_catalog()`` uses for the repository's own data), the
    genai-prices sets — and the check of the profiles they price — wait until one of them is
    first needed (see ``PriceSets``); everything else is loaded and checked here as always.
    """
    profiles: dict[str, Profile] = {}
    for path in sorted((data_dir / "profiles").glob("*.toml")):
        p = validate_record(Profile, _read_toml(path), f"profiles/{path.name}")
        if p.id in profiles:
            raise DataError(f"profiles/{path.name}", f"profile id {p.id!r} is used twice", field="id")
        profiles[p.id] = p
    if not profiles:
        raise DataError("profiles/", "no profile files found")
    csv_prices = group_prices(_load_csv(data_dir, "prices.csv", PriceRow), "prices.csv")
    tiers = _load_csv(data_dir, "openai_tiers.csv", TierRow)
    models = {m.id: m for m in _load_csv(data_dir, "models.csv", ModelInfo)}
    if lazy_catalogue:
        # Profiles priced by a genai-prices set are checked when those sets are read (first use), the others now.
        later = [p for p in profiles.values() if p.price_set.startswith(CATALOGUE_SET_PREFIX)]
        prices: Mapping[str, dict[str, PriceRow]] = PriceSets(
            csv_prices,
            later=lambda: _catalogue_prices(profiles.values(), models),
            check=lambda merged: _check_references(profiles.values(), merged, later),
        )
        check_now = [p for p in profiles.values() if not p.price_set.startswith(CATALOGUE_SET_PREFIX)]
    else:
        prices = {**csv_prices, **_catalogue_prices(profiles.values(), models)}
        check_now = list(profiles.values())
    azure = validate_record(AzureQuotaRule, _read_toml(data_dir / "azure_quota.toml"), "azure_quota.toml")
    cat = Catalog(profiles, prices, tiers, azure, models)
    _check_references(profiles.values(), prices, check_now)
    return cat


def _catalogue_prices(profiles: Iterable[Profile], models: Iterable[str]) -> dict[str, dict[str, PriceRow]]:
    """Current list prices (sets ``genai-prices-<provider>``) from genai-prices' bundled, offline snapshot."""
    from .prices import catalogue_price_sets, models_to_price  # lazy: prices.py imports this module

    return catalogue_price_sets(models_to_price(profiles, models))


def _load_csv(data_dir: Path, name: str, model: type[M]) -> list[M]:
    path = data_dir / name
    if not path.exists():
        raise DataError(name, "file is missing")
    return parse_csv(path.read_text(encoding="utf-8"), model, name)


def _check_references(profiles: Iterable[Profile], prices: Mapping[str, dict[str, PriceRow]], which: Iterable[Profile]) -> None:
    """Every profile's price set must price every model its stages call (checked for ``which``, in file order)."""
    cat = Catalog({}, prices, [], None, {})  # type: ignore[arg-type]  # only for .price()
    chosen = {id(p) for p in which}
    for p in profiles:
        if id(p) not in chosen:
            continue
        file = f"profiles/{p.id}.toml"
        if p.price_set not in prices:
            raise DataError(file, f"price set {p.price_set!r} is not in prices.csv", field="price_set")
        for s in p.stages:
            cat.price(p.price_set, s.model)


@functools.cache
def load_catalog() -> Catalog:
    """The catalog of the repository's data/ folder, loaded once per process.

    The genai-prices sets are read on first use (``PriceSets``): the seed profile's
    prices come from data/prices.csv, and a first page that shows only those does not
    wait ~0.15 s for genai-prices to import and its snapshot to be read.
    """
    return load_catalog_from(DATA_DIR, lazy_catalogue=True)
