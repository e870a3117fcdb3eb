"""notebooks/plan_a_deployment.ipynb runs top to bottom, and its numbers are the CLI's.

The kernel is this interpreter (the venv's): a kernelspec pointing at
``sys.executable`` is written to a temporary JUPYTER_PATH, so a fresh machine
needs nothing installed beyond ``make setup`` — no `ipykernel install`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from byo_core.cli import main

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "plan_a_deployment.ipynb"
KERNEL = "byo-planner-test"


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    spec_dir = tmp_path_factory.mktemp("jupyter") / "kernels" / KERNEL
    spec_dir.mkdir(parents=True)
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "BYO planner test kernel",
        "language": "python",
    }))
    mp = pytest.MonkeyPatch()
    mp.setenv("JUPYTER_PATH", str(spec_dir.parent.parent))
    mp.setenv("JUPYTER_PLATFORM_DIRS", "1")
    mp.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    try:
        nb = nbformat.read(NOTEBOOK, as_version=4)
        client = nbclient.NotebookClient(
            nb, kernel_name=KERNEL, timeout=180, startup_timeout=120, resources={"metadata": {"path": str(ROOT)}}
        )
        client.execute()
    finally:
        mp.undo()
    return nb


def _stdout(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def test_notebook_runs_top_to_bottom_without_error(executed):
    for cell in executed.cells:
        if cell.cell_type == "code":
            assert not [o for o in cell.outputs if o.get("output_type") == "error"], cell.source
    first_out = _stdout(executed.cells[2])
    assert "Agentic Engine 2 on Azure OpenAI" in first_out


def test_notebook_shows_the_done_when_figures(executed):
    text = "".join(_stdout(c) for c in executed.cells if c.cell_type == "code")
    assert "65 RPM, 1,245,000 TPM" in text
    assert "$7,638.75 a month" in text


def test_notebook_draws_altair_charts(executed):
    outs = [o.get("data", {}) for c in executed.cells if c.cell_type == "code" for o in c.outputs]
    charts = [d for d in outs if any(k.startswith("application/vnd.vegalite") for k in d) or "vegaEmbed" in d.get("text/html", "")]
    assert len(charts) == 2


def _cli(capsys, *argv) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_notebook_numbers_equal_the_clis(executed, capsys):
    printed = json.loads(_stdout(executed.cells[-1]))
    est = _cli(capsys, "estimate", "--users", "5000", "--profile", "glean-ae2-azure-2026", "--format", "json")
    cmp = _cli(capsys, "compare", "--users", "5000", "--scenario", "glean-gpt4-2023-10",
               "--scenario", "glean-ae2-azure-2026", "--format", "json")
    assert printed["estimate"] == est
    printed["compare"].pop("today"), cmp.pop("today")
    assert printed["compare"] == cmp
    assert est["capacity"]["tpm"] == 1_245_000 and est["capacity"]["rpm"] == 65

