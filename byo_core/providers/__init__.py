"""The key check: does an OpenAI or Azure OpenAI key work, reach every required
model, and carry enough quota? (docs/key-check.md)

    >>> import asyncio
    >>> from byo_core.providers import check_azure
    >>> result = asyncio.run(check_azure(key, "my-resource", {"gpt-4": "prod-gpt4"}, users=1000))
    >>> result.status, [c.code for c in result.checks]

Every provider problem comes back as a ``Check`` with a documented code; only
bad arguments raise (``InputError``). The key is sent only in the auth header,
only to the allowed host, and never stored, logged or put in a message.
"""

from ._http import DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT
from ._shared import mask_key
from .azure import API_VERSION, check_azure, resolve_deployments
from .endpoints import (
    AZURE_HOST_SUFFIXES,
    DEFAULT_OPENAI_BASE_URL,
    ENV_ALLOWED_HOSTS,
    ENV_OPENAI_BASE_URL,
    Endpoint,
    ensure_public,
    openai_base_url,
    parse_azure_endpoint,
)
from .limits import RateLimits, parse_go_duration
from .openai import check_openai
from .required import RequiredModel, required_models, usual_deployments
from .results import CODES, Check, KeyCheckResult

__all__ = [
    "API_VERSION", "AZURE_HOST_SUFFIXES", "CODES", "Check", "DEFAULT_CONNECT_TIMEOUT", "DEFAULT_OPENAI_BASE_URL",
    "DEFAULT_TIMEOUT", "ENV_ALLOWED_HOSTS", "ENV_OPENAI_BASE_URL", "Endpoint", "KeyCheckResult", "RateLimits",
    "RequiredModel", "check_azure", "check_openai", "ensure_public", "mask_key", "openai_base_url",
    "parse_azure_endpoint", "parse_go_duration", "required_models", "resolve_deployments", "usual_deployments",
]
