"""An index and links brought up to date file by file give exactly what a fresh build of the same
folder gives (issue #14): search ranks from the live documents only, and the links are computed
again over the whole dossier from the stored passage features. On real articles, with articles
added, edited and deleted, through the real CLI (every `--json` output compared)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

pytestmark = pytest.mark.timeout(600)


def outputs(folder, cache, article_id) -> dict:
    commands = [
        ["list", "--json"],
        ["search", "--json", "trump"],
        ["search", "--json", "north korea"],
        ["search", "--json", "refugees OR migrants"],
        ["search", "--json", "presid"],
        ["related", "--json", article_id],
        ["entities", "--json"],
    ]
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONHASHSEED": "0"}
    found = {}
    for argv in commands:
        run = subprocess.run([sys.executable, "-m", "dossier_tui", argv[0], "-d", str(folder), *argv[1:]],
                             capture_output=True, text=True, timeout=300, env=env)
        assert run.returncode in (0, 1) and "Traceback" not in run.stderr, run.stderr[-2000:]  # 1: nothing found
        found[" ".join(argv)] = json.loads(run.stdout)
    return found


def test_an_updated_dossier_answers_as_a_fresh_build_of_it(news_dossier, tmp_path):
    folder = tmp_path / "dossier"
    shutil.copytree(news_dossier(200, "md"), folder)
    files = sorted(folder.glob("*.md"))
    kept = files[10].stem  # copied below: its passages have a same-text partner
    outputs(folder, tmp_path / "updated", kept)  # the first build
    # Edited, added (a copy: ties in rank), deleted: deletions leave documents in Whoosh's statistics.
    for path in files[:3]:
        path.write_text(path.read_text(encoding="utf-8") + "\n\nTrump spoke to refugees and migrants again.\n",
                        encoding="utf-8")
    shutil.copy(files[10], folder / "zz-copy.md")
    for path in files[20:30]:
        path.unlink()
    updated = outputs(folder, tmp_path / "updated", kept)
    fresh = outputs(folder, tmp_path / "fresh", kept)
    for command in fresh:
        assert updated[command] == fresh[command], f"`{command}` differs between the update and a fresh build"
