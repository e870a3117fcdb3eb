"""`byo-planner validate …` through add_validate_parser / run_validate."""

from __future__ import annotations

import argparse
import json

import pytest

from byo_core.providers.cli import add_validate_parser, run_validate


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="byo-planner")
    add_validate_parser(top.add_subparsers(dest="command", required=True))
    return top


def run(argv: list[str]) -> int:
    return run_validate(parser().parse_args(argv))


def one_line(text: str) -> bool:
    return text.count("\n") == 1 and "Traceback" not in text


def test_parser_shape():
    a = parser().parse_args(["validate", "openai", "--org", "org-1", "--project", "proj_1", "--users", "500", "--format", "json"])
    assert (a.validate_provider, a.org, a.project, a.users, a.format) == ("openai", "org-1", "proj_1", 500, "json")
    a = parser().parse_args(["validate", "azure", "--endpoint", "res", "--deployment", "gpt-4=prod", "--deployment", "gpt-3.5-turbo=chat35"])
    assert (a.validate_provider, a.endpoint, a.deployment, a.format, a.users) == ("azure", "res", ["gpt-4=prod", "gpt-3.5-turbo=chat35"], "table", None)


@pytest.mark.parametrize(
    "argv",
    [
        ["validate"],
        ["validate", "azure"],  # --endpoint is required
        ["validate", "openai", "--users", "-5"],
        ["validate", "openai", "--users", "many"],
        ["validate", "openai", "--format", "xml"],
        ["validate", "openai", "--timeout", "0"],
    ],
)
def test_argparse_usage_errors_are_one_line_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as info:
        parser().parse_args(argv)
    assert info.value.code == 2
    assert one_line(capsys.readouterr().err)


def test_missing_key_env_is_a_usage_error(capsys):
    assert run(["validate", "openai"]) == 2
    err = capsys.readouterr().err
    assert one_line(err) and "OPENAI_API_KEY" in err


@pytest.mark.parametrize("argv", [["validate", "openai", "--key", "sk-typed-1234567890"], ["validate", "openai", "sk-typed-1234567890"]])
def test_a_key_given_as_an_argument_is_refused_and_not_echoed(argv, capsys, monkeypatch, key):
    monkeypatch.setenv("OPENAI_API_KEY", key)
    assert run(argv) == 2
    captured = capsys.readouterr()
    assert one_line(captured.err) and "sk-typed" not in captured.err + captured.out


@pytest.mark.parametrize(
    "deployment, needle",
    [("gpt-4", "MODEL=NAME"), ("gpt-5=x", "gpt-5"), ("=x", "MODEL=NAME"), ("gpt-4=", "MODEL=NAME")],
)
def test_bad_deployment_flags_are_usage_errors(deployment, needle, capsys, monkeypatch, key, azure_env):
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", key)
    assert run(["validate", "azure", "--endpoint", azure_env.url, "--deployment", deployment]) == 2
    err = capsys.readouterr().err
    assert one_line(err) and needle in err
    assert azure_env.requests == []


def test_users_out_of_range_is_a_usage_error(capsys, monkeypatch, key, openai_env):
    monkeypatch.setenv("OPENAI_API_KEY", key)
    assert run(["validate", "openai", "--users", "20000000"]) == 2
    assert one_line(capsys.readouterr().err)


def test_openai_json_is_the_contract_and_exit_0_when_nothing_fails(capsys, monkeypatch, key, openai_env):
    monkeypatch.setenv("OPENAI_API_KEY", key)
    assert run(["validate", "openai", "--users", "1000", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"provider", "status", "checks", "limits"}
    assert data["provider"] == "openai" and data["status"] == "warn"  # gpt-4-32k is retired
    assert {"check", "status", "code", "message", "figures"} == set(data["checks"][0])
    assert data["limits"]["gpt-4"] == {"rpm": 10000, "tpm": 300000}


def test_a_failing_check_exits_1(capsys, monkeypatch, key, azure_env):
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", key)
    azure_env.faults["gpt-4"] = "deployment_not_found"
    assert run(["validate", "azure", "--endpoint", azure_env.url, "--users", "1000"]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "deployment_not_found" in out and "sk-…Wxyz" in out


def test_a_hostile_endpoint_exits_1_with_endpoint_not_allowed(capsys, monkeypatch, key, azure_env):
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", key)
    assert run(["validate", "azure", "--endpoint", "169.254.169.254", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [c["code"] for c in data["checks"]] == ["endpoint_not_allowed"]
    assert azure_env.connections == 0


def test_through_the_main_cli(capsys, monkeypatch, key, openai_env):
    cli = pytest.importorskip("byo_core.cli")
    monkeypatch.setenv("OPENAI_API_KEY", key)
    assert cli.main(["validate", "openai", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["provider"] == "openai"
    assert cli.main(["validate", "azure"]) == 2
    assert one_line(capsys.readouterr().err)


def test_unknown_profile_is_a_usage_error(capsys, monkeypatch, key, openai_env):
    monkeypatch.setenv("OPENAI_API_KEY", key)
    assert run(["validate", "openai", "--profile", "no-such-profile"]) == 2
    err = capsys.readouterr().err
    assert one_line(err) and "no-such-profile" in err
    assert openai_env.requests == []
