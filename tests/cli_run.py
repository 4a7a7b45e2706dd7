"""Run the `dossier` CLI in the test's own process, as the annotation tests do (fast, no subprocess)."""

from __future__ import annotations

import pytest

from dossier_tui.cli.main import main


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`dossier ARGV...`: (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
