"""A canary key run through the CLI (at DEBUG, httpx/httpcore included) and the
page: it must appear nowhere but the password input and the request's header."""

from __future__ import annotations

import argparse
import json
import logging

import pytest

from byo_core.errors import PlannerError
from byo_core.providers import check_azure, check_openai, parse_azure_endpoint
from byo_core.providers.cli import add_validate_parser, run_validate
from page_helpers import PASSWORD, page, rendered_text, submit_azure, submit_openai

LOGGERS = ("", "httpx", "httpcore", "httpcore.http11", "httpcore.connection", "asyncio", "streamlit", "byo_core", "h11")


class Everything(logging.Handler):
    """Keeps every record's message, args and exception text."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.texts.append(f"{record.name} {record.getMessage()} {record.args!r} {record.exc_text or ''}")
        if record.exc_info:
            self.texts.append(logging.Formatter().formatException(record.exc_info))


@pytest.fixture
def all_logs():
    handler = Everything()
    saved = {}
    for name in LOGGERS:
        log = logging.getLogger(name)
        saved[name] = log.level
        log.setLevel(logging.DEBUG)
        log.addHandler(handler)
    yield handler
    for name in LOGGERS:
        logging.getLogger(name).removeHandler(handler)
        logging.getLogger(name).setLevel(saved[name])


def secret_parts(key: str) -> list[str]:
    # the whole key and its random middle (a partial echo like "sk-***Wxyz" is allowed)
    return [key, key[8:-4]]


def assert_clean(text: str, key: str, where: str) -> None:
    for part in secret_parts(key):
        assert part not in text, f"the key leaked into {where}"


def cli(argv: list[str]) -> int:
    top = argparse.ArgumentParser(prog="byo-planner")
    add_validate_parser(top.add_subparsers(dest="command", required=True))
    return run_validate(top.parse_args(argv))


def test_canary_never_leaks_from_the_cli(key, double, monkeypatch, capsys, caplog, all_logs):
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("BYO_ALLOWED_HOSTS", double.host_port)
    monkeypatch.setenv("BYO_OPENAI_BASE_URL", f"{double.url}/v1")
    monkeypatch.setenv("OPENAI_API_KEY", key)
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", key)
    outputs = []
    runs = [
        (["validate", "openai", "--users", "1000", "--format", "json"], {}),
        (["validate", "openai", "--org", "org-other"], {}),
        (["validate", "openai", "--timeout", "0.5"], {"gpt-4": "hang", "gpt-3.5-turbo": "redirect", "text-embedding-ada-002": "malformed_json"}),
        (["validate", "azure", "--endpoint", double.url, "--users", "1000", "--format", "json"], {}),
        (["validate", "azure", "--endpoint", double.url, "--timeout", "0.5"], {"gpt-4": "html_error", "gpt-35-turbo": "drip"}),
        (["validate", "azure", "--endpoint", "169.254.169.254", "--format", "json"], {}),
        (["validate", "azure", "--endpoint", double.url, "--deployment", "gpt-9=x"], {}),
    ]
    for argv, faults in runs:
        double.faults = dict(faults)
        cli(argv)
        outputs.append(capsys.readouterr())
    double._key = "sk-someone-elses-key-000000000"  # now the double refuses the canary and echoes part of it
    cli(["validate", "openai", "--format", "json"])
    cli(["validate", "azure", "--endpoint", double.url])
    outputs.append(capsys.readouterr())

    assert any('"provider": "openai"' in o.out for o in outputs)  # the runs really happened
    assert ("POST", "/v1/chat/completions") in double.requests
    for o in outputs:
        assert_clean(o.out, key, "stdout")
        assert_clean(o.err, key, "stderr")
    assert any("sk-…Wxyz" in o.out for o in outputs)  # the masked form is what is shown
    assert any(r.name.startswith(("httpx", "httpcore")) for r in caplog.records)  # httpx did log, at DEBUG
    assert_clean("\n".join(all_logs.texts), key, "logs")
    assert_clean(caplog.text, key, "caplog")


async def test_canary_never_leaks_into_results_or_exceptions(key, openai_env):
    results = []
    for faults in ({}, {"auth": "invalid_api_key"}, {"gpt-4": "rate_limit_exceeded"}, {"*": "redirect"}):
        openai_env.faults = faults
        results.append(await check_openai(key, users=1000))
        results.append(await check_azure(key, openai_env.url, users=1000))
    openai_env._key = "sk-not-the-canary-00000000000"  # refused: the double echoes part of the key
    results.append(await check_openai(key))
    results.append(await check_openai(key + "\n"))
    # the key pasted into the wrong field is refused without being echoed, resolved or sent
    results.append(await check_azure(key, key))
    results.append(await check_azure(key, openai_env.url, {"gpt-4": key}))
    assert [c.code for c in results[-1].checks] == ["endpoint_not_allowed"]
    for r in results:
        assert_clean(json.dumps(r.to_dict()), key, "result JSON")
        assert_clean(repr(r), key, "result repr")

    errors = []
    with pytest.raises(PlannerError) as info:
        parse_azure_endpoint(f"https://{key}@evil.com")
    errors.append(info.value)
    with pytest.raises(PlannerError) as info:
        await check_azure(key, openai_env.url, {"no-such-model": "x"})
    errors.append(info.value)
    for err in errors:
        assert_clean(f"{err} {err.args!r}", key, "exception text")


def test_canary_never_leaks_from_the_page(key, double, monkeypatch, caplog, all_logs):
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("BYO_ALLOWED_HOSTS", double.host_port)
    monkeypatch.setenv("BYO_OPENAI_BASE_URL", f"{double.url}/v1")
    seen = []
    at = submit_openai(page(), key, org="org-double")
    seen.append(("openai", at))
    at = submit_azure(page(), key, double.url, {"gpt-4": "prod-gpt4"})
    seen.append(("azure", at))
    double._key = "sk-someone-elses-key-000000000"
    at = submit_openai(page(), key)
    seen.append(("openai refused", at))
    double.faults = {"*": "redirect"}
    at = submit_azure(page(), key, double.url)
    seen.append(("azure redirect", at))

    for name, at in seen:
        assert not at.exception, name
        assert at.dataframe, name  # a result was rendered
        assert_clean(rendered_text(at), key, f"the {name} page's element tree")
        # the key is in a password input and nowhere else in the session
        pw = [t for t in at.text_input if t.value == key]
        assert pw and all(t.proto.type == PASSWORD for t in pw)
        others = {k: v for k, v in at.session_state.to_dict().items() if k not in ("validate_openai_key", "validate_azure_key")}
        assert_clean(repr(others), key, f"the {name} session state")
        assert_clean(json.dumps(at.session_state["validate_result"].to_dict()), key, f"the {name} result")
    assert_clean("\n".join(all_logs.texts), key, "logs")
    assert_clean(caplog.text, key, "caplog")
