"""The result contract and the rate-limit header reader."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import given, strategies as st

from byo_core.providers import CODES, Check, KeyCheckResult, RateLimits, parse_go_duration
from byo_core.providers.limits import limit_from_rate_limit_message

REQUIRED_CODES = {
    "ok", "invalid_key", "org_mismatch", "invalid_org", "model_not_found", "no_model_access",
    "deployment_not_found", "wrong_model", "insufficient_quota", "rate_limited", "quota_below_need",
    "model_retired", "endpoint_not_allowed", "timeout", "unreachable", "tls_error", "server_error", "bad_response",
}


def test_every_required_code_is_documented():
    assert REQUIRED_CODES <= set(CODES)


def test_unknown_code_or_status_is_refused():
    with pytest.raises(ValueError):
        Check("key", "pass", "looks_fine", "x")
    with pytest.raises(ValueError):
        Check("key", "ok", "ok", "x")


def test_to_dict_keys_are_the_contract():
    r = KeyCheckResult.of("openai", [Check("key", "pass", "ok", "fine"), Check("model gpt-4", "warn", "rate_limited", "busy", {"limit_tokens": 10})], {"gpt-4": {"rpm": None, "tpm": 10}})
    d = r.to_dict()
    assert set(d) == {"provider", "status", "checks", "limits"}
    assert d["status"] == "warn"
    assert set(d["checks"][0]) == {"check", "status", "code", "message", "figures"}
    assert d["limits"] == {"gpt-4": {"rpm": None, "tpm": 10}}


@pytest.mark.parametrize(
    "statuses, overall",
    [(["pass", "pass"], "pass"), (["pass", "warn"], "warn"), (["warn", "fail", "pass"], "fail"), (["skip", "pass"], "pass"), ([], "skip")],
)
def test_overall_status_is_the_worst(statuses, overall):
    checks = [Check(f"c{i}", s, "ok", "") for i, s in enumerate(statuses)]
    assert KeyCheckResult.of("azure", checks).status == overall


@pytest.mark.parametrize(
    "text, seconds",
    [("12ms", 0.012), ("1s", 1.0), ("6m0s", 360.0), ("1h2m3.5s", 3723.5), ("0s", 0.0), ("20", 20.0), ("1.5", 1.5), ("250us", 0.00025)],
)
def test_go_durations(text, seconds):
    assert parse_go_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", [None, "", "abc", "1x", "s", "-1", "5m junk", "1s2", "m5"])
def test_malformed_durations_are_absent(text):
    assert parse_go_duration(text) is None


@given(h=st.integers(0, 99), m=st.integers(0, 59), ms=st.integers(0, 59_999))
def test_go_duration_round_trip(h, m, ms):
    text = (f"{h}h" if h else "") + (f"{m}m" if m or h else "") + f"{ms / 1000:g}s"
    assert parse_go_duration(text) == pytest.approx(h * 3600 + m * 60 + ms / 1000)


@given(st.text(max_size=30))
def test_duration_parser_never_crashes(text):
    value = parse_go_duration(text)
    assert value is None or value >= 0


def test_headers_read_case_insensitively_and_malformed_values_are_absent():
    h = httpx.Headers({"X-RateLimit-Limit-Requests": "500", "x-ratelimit-limit-tokens": "ten", "x-ratelimit-remaining-tokens": "+5", "x-ratelimit-reset-tokens": "6m0s"})
    lim = RateLimits.from_headers(h)
    assert lim.limit_requests == 500 and lim.limit_tokens is None and lim.remaining_tokens is None
    assert lim.reset_tokens_s == 360.0 and lim.any
    assert lim.as_limits() == {"rpm": 500, "tpm": None}
    assert not RateLimits.from_headers(httpx.Headers()).any


def test_limit_is_read_from_an_openai_429_message():
    msg = "Rate limit reached for gpt-4 on tokens per min (TPM): Limit 10000, Used 9990, Requested 30."
    assert limit_from_rate_limit_message(msg, "tokens").limit_tokens == 10000
    assert limit_from_rate_limit_message(msg, "requests").limit_requests == 10000
    assert not limit_from_rate_limit_message("nothing here", "tokens").any
