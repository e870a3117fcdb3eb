"""The OpenAI checker against the provider double: every fault maps to its code."""

from __future__ import annotations

import pytest

from byo_core.providers import check_openai

FAST = 0.5  # seconds: the timeout used where a fault must end in `timeout`
SLOW = 20.0  # generous: only an upper bound, never a measured time


def checks(result):
    return {c.check: c for c in result.checks}


async def test_a_good_key_passes_every_check(key, openai_env):
    result = await check_openai(key, org="org-double", users=1000)
    by = checks(result)
    assert by["key"].code == by["organization"].code == "ok"
    for model in ("gpt-4", "gpt-3.5-turbo", "text-embedding-ada-002"):
        assert by[f"model {model}"].status == "pass"
        assert by[f"quota {model}"].status == "pass"
    assert by["model gpt-4"].figures["served_model"] == "gpt-4-0613"
    assert by["model gpt-4"].figures["limit_tokens"] == 300_000
    assert result.limits["gpt-4"] == {"rpm": 10_000, "tpm": 300_000}
    # gpt-4-32k is retired: reported as such, with its role, and the run only warns
    retired = by["model gpt-4-32k"]
    assert (retired.status, retired.code) == ("warn", "model_retired")
    assert "role" in retired.figures and "2025-06-06" in retired.message
    assert result.status == "warn"


async def test_free_lookup_comes_first_and_retired_models_are_not_probed(key, openai_env):
    double = openai_env
    await check_openai(key)
    reqs = double.requests
    assert reqs[0] == ("GET", "/v1/models")
    assert ("GET", "/v1/models/gpt-4") in reqs and ("GET", "/v1/models/gpt-4-32k") in reqs
    assert reqs.index(("GET", "/v1/models/gpt-4")) < reqs.index(("POST", "/v1/chat/completions"))
    assert sum(1 for r in reqs if r[0] == "POST") == 3  # gpt-4, gpt-3.5-turbo, embeddings; not gpt-4-32k


async def test_wrong_key_is_invalid_key_and_nothing_else_runs(openai_env):
    double = openai_env
    result = await check_openai("sk-wrong-0000000000000000000000000000")
    by = checks(result)
    assert (by["key"].status, by["key"].code) == ("fail", "invalid_key")
    assert all(c.status == "skip" for n, c in by.items() if n.startswith("model "))
    assert double.requests == [("GET", "/v1/models")]
    assert "sk-wro" not in by["key"].message  # the provider's echo of the key is never relayed


async def test_org_not_matching_the_key(key, openai_env):
    by = checks(await check_openai(key, org="org-someone-else"))
    assert (by["organization"].status, by["organization"].code) == ("fail", "org_mismatch")


async def test_org_echo_missing_is_not_confirmed(key, openai_env):
    openai_env.faults["auth"] = "no_org_header"
    by = checks(await check_openai(key, org="org-double"))
    assert by["organization"].status == "skip"


@pytest.mark.parametrize(
    "target, fault, check, status, code",
    [
        ("auth", "invalid_organization", "organization", "fail", "invalid_org"),
        ("auth", "no_organization", "organization", "fail", "invalid_org"),
        ("auth", "unsupported_country", "key", "fail", "unsupported_region"),
        ("auth", "server_error", "key", "fail", "server_error"),
        ("auth", "html_login", "key", "fail", "bad_response"),
        ("auth", "redirect", "key", "fail", "bad_response"),
        ("gpt-4", "model_not_found", "model gpt-4", "fail", "model_not_found"),
        ("gpt-4", "project_model_blocked", "model gpt-4", "fail", "no_model_access"),
        ("gpt-4", "insufficient_quota", "model gpt-4", "fail", "insufficient_quota"),
        ("gpt-4", "insufficient_quota_legacy", "model gpt-4", "fail", "insufficient_quota"),
        ("gpt-4", "rate_limit_exceeded", "model gpt-4", "warn", "rate_limited"),
        ("gpt-4", "server_error", "model gpt-4", "fail", "server_error"),
        ("gpt-4", "overloaded", "model gpt-4", "fail", "server_error"),
        ("gpt-4", "html_error", "model gpt-4", "fail", "server_error"),
        ("gpt-4", "html_login", "model gpt-4", "fail", "bad_response"),
        ("gpt-4", "malformed_json", "model gpt-4", "fail", "bad_response"),
        ("gpt-4", "redirect", "model gpt-4", "fail", "bad_response"),
        ("gpt-4", "huge_body", "model gpt-4", "fail", "bad_response"),
        ("gpt-4", "close", "model gpt-4", "fail", "bad_response"),
        ("gpt-4", "wrong_model", "model gpt-4", "fail", "wrong_model"),
        ("text-embedding-ada-002", "wrong_model", "model text-embedding-ada-002", "fail", "wrong_model"),
        ("gpt-4", "hang", "model gpt-4", "fail", "timeout"),
        ("gpt-4", "slow", "model gpt-4", "fail", "timeout"),
        ("gpt-4", "drip", "model gpt-4", "fail", "timeout"),
        ("auth", "hang", "key", "fail", "timeout"),
    ],
)
async def test_each_fault_maps_to_its_code(target, fault, check, status, code, key, openai_env, network_guard):
    openai_env.faults[target] = fault
    # a short timeout only where the fault is a timeout: a loaded machine must not turn others into one
    result = await check_openai(key, timeout=FAST if code == "timeout" else SLOW)
    found = checks(result)[check]
    assert (found.status, found.code) == (status, code), found.message
    assert result.status == ("fail" if status == "fail" else "warn")
    assert network_guard.blocked == []  # e.g. the redirect to 169.254.169.254 was not followed


async def test_rate_limited_probe_still_reads_the_limit_from_the_message(key, openai_env):
    openai_env.faults["gpt-4"] = "rate_limit_exceeded"
    result = await check_openai(key, users=1000)
    by = checks(result)
    assert by["model gpt-4"].figures["limit_tokens"] == 10_000
    assert (by["quota gpt-4"].status, by["quota gpt-4"].code) == ("fail", "quota_below_need")


async def test_a_slow_answer_within_the_timeout_passes(key, openai_env):
    openai_env.faults["gpt-4"] = "slow"
    openai_env.fault_delay = 0.1
    assert checks(await check_openai(key, timeout=SLOW))["model gpt-4"].status == "pass"


async def test_refused_connection_is_unreachable(key, monkeypatch, closed_port):
    monkeypatch.setenv("BYO_ALLOWED_HOSTS", f"127.0.0.1:{closed_port}")
    monkeypatch.setenv("BYO_OPENAI_BASE_URL", f"http://127.0.0.1:{closed_port}/v1")
    by = checks(await check_openai(key, timeout=SLOW))
    assert (by["key"].status, by["key"].code) == ("fail", "unreachable")


async def test_a_failed_tls_handshake_is_tls_error(key, monkeypatch, openai_env):
    # https to the plain-http double: the handshake fails like an intercepted or broken TLS endpoint
    monkeypatch.setenv("BYO_OPENAI_BASE_URL", f"https://{openai_env.host_port}/v1")
    by = checks(await check_openai(key, timeout=2))
    assert (by["key"].status, by["key"].code) == ("fail", "tls_error")


# -- limits vs need ------------------------------------------------------------

async def test_limits_below_the_need(key, openai_env):
    openai_env.limits["gpt-4"] = (500, 10_000)  # tier 1
    by = checks(await check_openai(key, users=1000))
    q = by["quota gpt-4"]
    assert (q.status, q.code) == ("fail", "quota_below_need")
    assert q.figures["need_tpm"] == 50_000 and q.figures["limit_tokens"] == 10_000
    assert "tier" in q.message.lower()


async def test_missing_headers_make_the_comparison_unknown(key, openai_env):
    openai_env.faults["gpt-4"] = "no_ratelimit_headers"
    result = await check_openai(key, users=1000)
    by = checks(result)
    assert by["model gpt-4"].status == "pass"
    assert (by["quota gpt-4"].status, by["quota gpt-4"].code) == ("warn", "quota_unknown")
    assert result.limits["gpt-4"] == {"rpm": None, "tpm": None}


async def test_remaining_only_proves_enough_when_it_covers_the_need(key, openai_env):
    openai_env.faults["gpt-4"] = "remaining_only"
    by = checks(await check_openai(key, users=1000))
    assert by["quota gpt-4"].status == "pass"


async def test_a_failed_model_skips_its_quota_comparison(key, openai_env):
    openai_env.faults["gpt-4"] = "model_not_found"
    by = checks(await check_openai(key, users=1000))
    assert by["quota gpt-4"].status == "skip"


async def test_no_users_no_comparison(key, openai_env):
    assert not any(c.check.startswith("quota") for c in (await check_openai(key)).checks)


@pytest.mark.parametrize("bad", ["", "sk short", "sk-\nabc1234567", "ключ-1234567890"])
async def test_a_key_that_cannot_be_sent_is_refused_without_a_request(bad, openai_env):
    result = await check_openai(bad)
    assert [c.code for c in result.checks] == ["invalid_key"]
    assert openai_env.connections == 0
