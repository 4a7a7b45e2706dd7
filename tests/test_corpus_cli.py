"""`dossier list` as scripts use it: the JSON contract and the exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

FIELDS = {"id", "path", "title", "source", "date", "url", "author", "paragraphs"}


def dossier(*args: str, columns: int = 80):
    env = {**os.environ, "COLUMNS": str(columns)}
    return subprocess.run([sys.executable, "-m", "dossier_tui", *args], capture_output=True, text=True, timeout=60, env=env)


def test_list_json_on_the_builtin_dossier_keeps_the_contract():
    run = dossier("list", "--json")
    assert run.returncode == 0 and run.stderr == ""
    articles = json.loads(run.stdout)
    assert len(articles) == 5
    for article in articles:
        assert FIELDS <= set(article)
        assert [p["index"] for p in article["paragraphs"]] == list(range(len(article["paragraphs"])))
        assert {p["kind"] for p in article["paragraphs"]} <= {"body", "boilerplate", "heading", "caption"}
        assert all(isinstance(p["text"], str) and p["text"] for p in article["paragraphs"])
    titles = {a["title"] for a in articles}
    assert "Lukashenko won’t help Putin for fear his military would ‘switch sides’" in titles
    assert "Putin’s invasion of Ukraine doesn’t go as planned" in titles
    dated = {a["id"]: a["date"] for a in articles if a["date"]}
    assert dated == {"003_ecac462b4844b263": "2023-03-30"}


def test_list_table_has_one_row_per_article_at_80_columns_and_full_titles_when_wide(seeds_dir):
    narrow = dossier("list", "-d", str(seeds_dir)).stdout.splitlines()
    assert len(narrow) == 6 and all(len(line) <= 80 for line in narrow)
    assert "2023-03-30" in narrow[4]
    wide = dossier("list", "-d", str(seeds_dir), columns=160)
    assert wide.returncode == 0
    assert "Belarus Military Dissent Could be a Key to Peace in Ukraine" in wide.stdout


def test_empty_folder_exits_1(tmp_path):
    run = dossier("list", "--json", "-d", str(tmp_path))
    assert run.returncode == 1 and json.loads(run.stdout) == []


def test_missing_path_exits_2_with_one_line(tmp_path):
    run = dossier("list", "--json", "-d", str(tmp_path / "nowhere"))
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("dossier: ") and "no such file or folder" in run.stderr


def test_loading_txt_articles_imports_no_heavy_module(seeds_dir):
    """Start-up stays light: HTML extraction and encoding detection load only when a file needs them."""
    code = (
        "import sys\n"
        "from dossier_tui.corpus import load_dossier\n"
        f"assert len(load_dossier({str(seeds_dir)!r}).articles) == 5\n"
        "print(','.join(sorted(m for m in ('trafilatura', 'charset_normalizer', 'lxml', 'yaml') if m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
