"""The core never imports the UI: a face may import the core, never the reverse."""

import subprocess
import sys
from pathlib import Path

import pytest

CORE = [
    "dossier_tui.model",
    "dossier_tui.locations",
    "dossier_tui.code_stamp",
    "dossier_tui.gc_pause",
    "dossier_tui.corpus",
    "dossier_tui.corpus.html_page",
    "dossier_tui.store",
    "dossier_tui.keymap",
    "dossier_tui.index",
    "dossier_tui.pipeline",
    "dossier_tui.analysis",
    "dossier_tui.related",
    "dossier_tui.annotations",
    "dossier_tui.annotations.export",
    "dossier_tui.atomic_write",
    "dossier_tui.snapshot",
    "dossier_tui.stored_result",
    "dossier_tui.json_text",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual_or_rich(module):
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{module} pulled in {out.stdout.strip()}"


def test_the_readme_test_command_is_what_ci_runs():
    """The Quickstart's test command and .ci/run's last command are the same line (update both)."""
    root = Path(__file__).resolve().parents[1]
    ci = [line for line in (root / ".ci" / "run").read_text(encoding="utf-8").splitlines() if line.strip()][-1]
    assert "pytest" in ci and "-rs" in ci  # skips are listed with their reasons in CI's log
    assert ci in (root / "README.md").read_text(encoding="utf-8").splitlines()
