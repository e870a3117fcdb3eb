"""What a key must reach, taken from the planning core's catalog and profile.

The checker works on plain ``RequiredModel`` values so tests and notebooks can
pass their own; the page and the CLI build them from a profile here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from ..catalog import Catalog, load_catalog
from ..errors import UnknownModelError
from ..models import DEFAULT_PROFILE_ID

UNUSED_ROLE = "required by the profile but not called in its cost estimate"
# Azure deployment names: letters, digits, '-', '_', '.'; 2-64 chars. Checked
# because the name becomes part of the request path.
_DEPLOYMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@dataclass(frozen=True)
class RequiredModel:
    id: str
    kind: Literal["chat", "embedding"]
    azure_name: str
    """The model's name in Azure spelling; also the usual deployment name."""
    role: str
    retired_on: dt.date | None = None
    retirement_note: str | None = None

    def retired(self, today: dt.date) -> bool:
        return self.retired_on is not None and self.retired_on <= today


def required_models(profile_id: str = DEFAULT_PROFILE_ID, catalog: Catalog | None = None) -> list[RequiredModel]:
    cat = catalog or load_catalog()
    prof = cat.profile(profile_id)
    roles: dict[str, list[str]] = {}
    for stage in prof.stages:
        roles.setdefault(stage.model, []).append(stage.role)
    out = []
    for model_id in prof.required_models:
        info = cat.model_info(model_id)
        out.append(
            RequiredModel(
                id=info.id,
                kind=info.kind,
                azure_name=info.azure_name or info.id,
                role=", ".join(roles.get(model_id, [])) or UNUSED_ROLE,
                retired_on=info.retired_on,
                retirement_note=info.retirement_note,
            )
        )
    return out


def usual_deployments(models: list[RequiredModel]) -> dict[str, str]:
    """model id -> the deployment name the Azure portal suggests (the model's Azure name)."""
    return {m.id: m.azure_name for m in models}


def valid_deployment_name(name: str) -> bool:
    return bool(_DEPLOYMENT.match(name or "")) and ".." not in name


def retirement_of(model_id: str, catalog: Catalog | None = None) -> tuple[dt.date, str | None] | None:
    """Retirement date and note of a served model id (e.g. a snapshot), if the catalog knows one."""
    cat = catalog or load_catalog()
    try:
        info = cat.model_info(model_id)
    except UnknownModelError:
        return None
    return (info.retired_on, info.retirement_note) if info.retired_on else None
