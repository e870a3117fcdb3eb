"""`byo-planner`: JSON equals the core's numbers; bad flags exit 2 with one line."""

import csv
import io
import json
import subprocess
import sys
from decimal import Decimal

import pytest

from byo_core import estimate, make_inputs
from byo_core.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_done_when_10000_users_json_reports_published_1500_rpm_350000_tpm(capsys):
    code, out, _ = run(capsys, "estimate", "--users", "10000", "--format", "json")
    d = json.loads(out)
    assert code == 0
    assert (d["capacity"]["basis"], d["capacity"]["rpm"], d["capacity"]["tpm"]) == ("published", 1500, 350_000)
    assert d["capacity"]["linear"] == {"rpm": 1500, "tpm": 500_000}
    assert d["capacity"]["published"] == {"rpm": 1500, "tpm": 350_000}


def test_json_has_the_documented_keys_and_equals_the_core(capsys):
    _, out, _ = run(capsys, "estimate", "--users", "8000", "--format", "json")
    d = json.loads(out)
    est = estimate(make_inputs(users=8000))
    assert d["users"] == 8000 and d["profile"] == "glean-gpt4-2023-10"
    assert d["cost"]["per_query_usd"] == "0.154923"
    assert Decimal(d["cost"]["monthly_usd"]) == est.spend.monthly == Decimal("52054.128")
    assert Decimal(d["cost"]["annual_usd"]) == est.spend.annual
    assert d["cost"]["queries_per_month"] == "336000"
    assert [m["model"] for m in d["cost"]["by_model"]] == ["gpt-4", "gpt-3.5-turbo", "text-embedding-ada-002"]
    assert {m["model"]: (m["rpm"], m["tpm"]) for m in d["capacity"]["by_model"]} == {
        n.model: (n.rpm, n.tpm) for n in est.bottom_up
    }


def test_flags_change_the_assumptions(capsys):
    _, out, _ = run(
        capsys, "estimate", "--users", "1001", "--basis", "linear", "--no-round-blocks",
        "--queries-per-user-per-day", "3", "--working-days", "20", "--active-share", "0.5", "--format", "json",
    )
    d = json.loads(out)
    assert (d["capacity"]["rpm"], d["capacity"]["tpm"]) == (151, 50_050)
    assert d["cost"]["queries_per_month"] == "30030"


def test_csv_opens_in_a_spreadsheet_with_one_row_per_model_and_a_total(capsys):
    _, out, _ = run(capsys, "estimate", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["model"] for r in rows] == ["gpt-4", "gpt-3.5-turbo", "text-embedding-ada-002", "TOTAL"]
    assert rows[-1]["monthly_usd"] == "6506.766"
    assert rows[0]["monthly_usd"] == "6438.6"


def test_table_is_readable(capsys):
    code, out, _ = run(capsys, "estimate", "--users", "10000")
    assert code == 0 and "1,500 RPM, 350,000 TPM" in out and "$65,067.66 a month" in out


def test_profiles_lists_source_and_date(capsys):
    _, out, _ = run(capsys, "profiles", "--format", "json")
    seed = next(p for p in json.loads(out) if p["id"] == "glean-gpt4-2023-10")
    assert seed["as_of"] == "2023-10-13" and seed["source_url"].startswith("https://")


@pytest.mark.parametrize(
    "argv, says",
    [
        (["estimate", "--users", "-5"], "users"),
        (["estimate", "--users", "ten"], "users"),
        (["estimate", "--basis", "guess"], "basis"),
        (["estimate", "--working-days", "0"], "working_days"),
        (["estimate", "--profile", "nope"], "profile"),
        (["estimate", "--format", "xml"], "--format"),
        (["estimate", "--nonsense"], "unrecognized"),
        (["frobnicate"], "invalid choice"),
        ([], "required"),
    ],
)
def test_bad_arguments_exit_2_with_one_line_naming_the_problem(capsys, argv, says):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and says in err and "Traceback" not in err


def test_python_dash_m_entry_point_works_in_a_subprocess():
    p = subprocess.run([sys.executable, "-m", "byo_core", "estimate", "--users", "20000", "--format", "json"], capture_output=True, text=True, check=True)
    d = json.loads(p.stdout)
    assert (d["capacity"]["rpm"], d["capacity"]["tpm"]) == (3000, 500_000)


def test_unknown_arguments_are_named_but_their_values_never_echoed(capsys):
    code, _, err = run(capsys, "estimate", "--apikey=sk-canary-123", "sk-canary-456")
    assert code == 2 and "--apikey" in err
    assert "sk-canary" not in err
