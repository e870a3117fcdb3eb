"""The Azure OpenAI checker against the provider double."""

from __future__ import annotations

import pytest

from byo_core.errors import InputError
from byo_core.providers import check_azure

FAST = 0.5
SLOW = 20.0  # generous: only an upper bound, never a measured time


def checks(result):
    return {c.check: c for c in result.checks}


async def test_usual_deployment_names_pass(key, azure_env):
    double = azure_env
    result = await check_azure(key, double.url, users=1000)
    by = checks(result)
    assert by["endpoint"].status == by["key"].status == "pass"
    for model, name in (("gpt-4", "gpt-4"), ("gpt-3.5-turbo", "gpt-35-turbo"), ("text-embedding-ada-002", "text-embedding-ada-002")):
        assert by[f"deployment {name} ({model})"].status == "pass"
        assert by[f"deployment {name} ({model})"].figures["served_model"] == name
    retired = by["deployment gpt-4-32k (gpt-4-32k)"]  # no such deployment: retired, not a key error
    assert (retired.status, retired.code) == ("warn", "model_retired")
    assert retired.figures["role"]
    assert by["quota gpt-4"].status == "pass"
    assert result.status == "warn"
    assert result.limits["gpt-3.5-turbo"] == {"rpm": 10_000, "tpm": 1_000_000}


async def test_requests_use_the_documented_data_plane_paths(key, azure_env):
    double = azure_env
    await check_azure(key, double.url, {"gpt-4": "prod-gpt4"})
    paths = {p for _, p in double.requests}
    assert "/openai/deployments/prod-gpt4/chat/completions" in paths
    assert "/openai/deployments/text-embedding-ada-002/embeddings" in paths
    assert all(m == "POST" for m, _ in double.requests) and len(double.requests) == 4


async def test_custom_deployment_names(key, azure_env):
    azure_env.azure_deployments["prod-gpt4"] = ("gpt-4", "chat")
    by = checks(await check_azure(key, azure_env.url, {"gpt-4": "prod-gpt4"}))
    assert by["deployment prod-gpt4 (gpt-4)"].status == "pass" and by["deployment prod-gpt4 (gpt-4)"].figures["model"] == "gpt-4"


async def test_wrong_key_fails_once_and_skips_deployments(azure_env):
    result = await check_azure("0123456789abcdef0123456789abcdef", azure_env.url)
    by = checks(result)
    assert (by["key"].status, by["key"].code) == ("fail", "invalid_key")
    assert all(c.status == "skip" for n, c in by.items() if n.startswith("deployment ") and "32k" not in n)


async def test_missing_deployment(key, azure_env):
    by = checks(await check_azure(key, azure_env.url, {"gpt-4": "nope"}))
    c = by["deployment nope (gpt-4)"]
    assert (c.status, c.code) == ("fail", "deployment_not_found")
    assert "'nope'" in c.message and "gpt-4" in c.message


async def test_chat_model_pointed_at_an_embedding_deployment_names_the_real_model(key, azure_env):
    by = checks(await check_azure(key, azure_env.url, {"gpt-4": "text-embedding-ada-002"}))
    wrong = [c for c in by.values() if c.code == "wrong_model"]
    assert len(wrong) == 1 and wrong[0].figures["served_model"] == "text-embedding-ada-002"
    assert wrong[0].figures["model"] == "gpt-4"


async def test_deployment_serving_another_model(key, azure_env):
    azure_env.faults["gpt-4"] = "wrong_model"
    c = checks(await check_azure(key, azure_env.url))["deployment gpt-4 (gpt-4)"]
    assert (c.status, c.code) == ("fail", "wrong_model") and c.figures["served_model"] == "gpt-4-32k"


@pytest.mark.parametrize(
    "fault, status, code",
    [
        ("deployment_not_found", "fail", "deployment_not_found"),
        ("azure_rate_limited", "warn", "rate_limited"),
        ("server_error", "fail", "server_error"),
        ("html_error", "fail", "server_error"),
        ("html_login", "fail", "bad_response"),
        ("malformed_json", "fail", "bad_response"),
        ("redirect", "fail", "bad_response"),
        ("huge_body", "fail", "bad_response"),
        ("close", "fail", "bad_response"),
        ("wrong_model", "fail", "wrong_model"),
        ("hang", "fail", "timeout"),
        ("slow", "fail", "timeout"),
        ("drip", "fail", "timeout"),
    ],
)
async def test_each_fault_maps_to_its_code(fault, status, code, key, azure_env, network_guard):
    azure_env.faults["gpt-35-turbo"] = fault
    # a short timeout only where the fault is a timeout: a loaded machine must not turn others into one
    result = await check_azure(key, azure_env.url, timeout=FAST if code == "timeout" else SLOW)
    c = checks(result)["deployment gpt-35-turbo (gpt-3.5-turbo)"]
    assert (c.status, c.code) == (status, code), c.message
    assert checks(result)["deployment gpt-4 (gpt-4)"].status == "pass"  # one bad deployment does not taint the others
    assert network_guard.blocked == []


async def test_rate_limited_reports_retry_after(key, azure_env):
    azure_env.faults["gpt-4"] = "azure_rate_limited"
    c = checks(await check_azure(key, azure_env.url))["deployment gpt-4 (gpt-4)"]
    assert c.figures["retry_after_s"] == 6


async def test_every_deployment_hanging_still_ends_in_timeouts(key, azure_env):
    azure_env.faults["*"] = "hang"
    azure_env.azure_deployments["gpt-4-32k"] = ("gpt-4-32k", "chat")
    result = await check_azure(key, azure_env.url, timeout=FAST)
    codes = {c.check: c.code for c in result.checks}
    assert codes["deployment gpt-4 (gpt-4)"] == codes["deployment text-embedding-ada-002 (text-embedding-ada-002)"] == "timeout"
    assert codes["key"] == "ok" and checks(result)["key"].status == "skip"


async def test_refused_connection(key, monkeypatch, closed_port):
    monkeypatch.setenv("BYO_ALLOWED_HOSTS", f"127.0.0.1:{closed_port}")
    result = await check_azure(key, f"127.0.0.1:{closed_port}", timeout=SLOW)
    assert checks(result)["deployment gpt-4 (gpt-4)"].code == "unreachable"


async def test_remaining_only_headers(key, azure_env):
    azure_env.faults["gpt-4"] = "remaining_only"
    result = await check_azure(key, azure_env.url, users=1000)
    assert result.limits["gpt-4"] == {"rpm": None, "tpm": None}
    assert checks(result)["quota gpt-4"].status == "pass"  # 299,998 remaining covers 50,000


async def test_no_headers_is_unknown_and_low_limits_fail(key, azure_env):
    azure_env.faults["gpt-4"] = "no_ratelimit_headers"
    azure_env.limits["gpt-35-turbo"] = (6, 1_000)
    by = checks(await check_azure(key, azure_env.url, users=1000))
    assert (by["quota gpt-4"].status, by["quota gpt-4"].code) == ("warn", "quota_unknown")
    q = by["quota gpt-3.5-turbo"]
    assert (q.status, q.code) == ("fail", "quota_below_need")
    assert "TPM" in q.message and "gpt-35-turbo" in q.message  # names the deployment to raise


async def test_retired_deployment_that_still_answers_is_still_retired(key, azure_env):
    azure_env.azure_deployments["gpt-4-32k"] = ("gpt-4-32k", "chat")
    c = checks(await check_azure(key, azure_env.url))["deployment gpt-4-32k (gpt-4-32k)"]
    assert (c.status, c.code) == ("warn", "model_retired") and "still answers" in c.message


@pytest.mark.parametrize("name", ["../../admin", "a/b", "x?y=1", "", "-x"])
async def test_unsafe_deployment_names_are_never_sent(name, key, azure_env):
    result = await check_azure(key, azure_env.url, {"gpt-4": name})
    bad = [c for c in result.checks if c.figures.get("model") == "gpt-4" and c.check.startswith("deployment")]
    assert bad[0].code == "deployment_not_found"
    assert len(azure_env.requests) == 3  # the other three deployments only


async def test_unknown_model_in_deployments_is_an_input_error(key, azure_env):
    with pytest.raises(InputError):
        await check_azure(key, azure_env.url, {"gpt-5": "x"})
